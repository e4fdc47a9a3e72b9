import { zFor } from './distributions.ts';
import { clamp, type Interval } from './interval.ts';

export interface NpsInterval extends Interval {
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * Net Promoter Score on the −100..100 scale from the counts of promoters (9-10), passives (7-8) and
 * detractors (0-6), with a normal interval on the trinomial variance of p₊ − p₋:
 * Var = (p₊ + p₋ − (p₊ − p₋)²) / n; NPS ± z · 100 · √Var, clipped to [−100, 100].
 *
 * Preconditions: non-negative counts. n = 0 → null. When everyone gives the same class the variance is 0
 * and the interval is the single point (the plug-in variance cannot see beyond the sample).
 */
export function npsInterval(promoters: number, passives: number, detractors: number, level: number): NpsInterval | null {
  const n = promoters + passives + detractors;
  if (n === 0) return null;
  const pPlus = promoters / n;
  const pMinus = detractors / n;
  const diff = pPlus - pMinus;
  const variance = Math.max(0, (pPlus + pMinus - diff * diff) / n);
  const half = zFor(level) * 100 * Math.sqrt(variance);
  const estimate = 100 * diff;
  return {
    estimate,
    ci: [clamp(estimate - half, -100, 100), clamp(estimate + half, -100, 100)],
    promoters: pPlus,
    passives: passives / n,
    detractors: pMinus,
  };
}
