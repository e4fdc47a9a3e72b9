import { zFor } from './distributions.ts';
import { clamp, type Interval } from './interval.ts';

/**
 * Agresti-Coull interval for x/n (Agresti & Coull 1998): with ñ = n + z² and p̃ = (x + z²/2)/ñ,
 * p̃ ± z √(p̃(1−p̃)/ñ), clipped to [0, 1] (as statsmodels `proportion_confint(method='agresti_coull')` does).
 * The estimate reported is still x/n.
 *
 * Preconditions: 0 ≤ x ≤ n integers. n = 0 has no estimate: returns null.
 */
export function agrestiCoullInterval(x: number, n: number, level: number): Interval | null {
  if (n <= 0) return null;
  const z = zFor(level);
  const nTilde = n + z * z;
  const pTilde = (x + (z * z) / 2) / nTilde;
  const half = z * Math.sqrt((pTilde * (1 - pTilde)) / nTilde);
  return { estimate: x / n, ci: [clamp(pTilde - half, 0, 1), clamp(pTilde + half, 0, 1)] };
}
