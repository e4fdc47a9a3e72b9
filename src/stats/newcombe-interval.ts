import { wilsonInterval } from './wilson-interval.ts';

/**
 * Newcombe's hybrid score interval for the difference of two independent proportions p₂ − p₁ (Newcombe
 * 1998, method 10), from the two Wilson intervals [l₁, u₁], [l₂, u₂]:
 * low = d − √((p₂ − l₂)² + (u₁ − p₁)²), high = d + √((u₂ − p₂)² + (p₁ − l₁)²), as statsmodels'
 * `confint_proportions_2indep(x2, n2, x1, n1, method='newcomb')`.
 *
 * Preconditions: 0 ≤ x ≤ n integers (or effective counts). Null when either n is 0.
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, level: number): { difference: number; ci: [number, number] } | null {
  const a = wilsonInterval(x1, n1, level);
  const b = wilsonInterval(x2, n2, level);
  if (a === null || b === null || a.ci === null || b.ci === null) return null;
  const [l1, u1] = a.ci;
  const [l2, u2] = b.ci;
  const d = b.estimate - a.estimate;
  return {
    difference: d,
    ci: [d - Math.sqrt((b.estimate - l2) ** 2 + (u1 - a.estimate) ** 2), d + Math.sqrt((u2 - b.estimate) ** 2 + (a.estimate - l1) ** 2)],
  };
}
