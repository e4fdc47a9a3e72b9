import type { LinearizedMean } from '../weights/linearized-mean.ts';
import { proportionInterval } from '../proportion-interval.ts';
import type { IntervalSettings } from './metric-kind.ts';

/**
 * A share's weighted estimate and interval: the codebook's method at the effective n implied by the
 * linearised variance, n* = p(1−p)/Var (as `svyciprop(method = "beta")` does for Clopper-Pearson), falling
 * back to Kish's n when p is 0 or 1. A share strictly between 0 and 1 with no variance is one the weighting
 * fixes (an option of a calibration variable): its interval is the point, as R's confint(svymean(...)) gives
 * to within the raking tolerance.
 */
export function weightedShare(m: LinearizedMean, settings: IntervalSettings): { estimate: number; ci: [number, number] | null } {
  const p = m.estimate;
  if (p > 0 && p < 1 && m.variance === 0) return { estimate: p, ci: [p, p] };
  const nStar = p > 0 && p < 1 && m.variance > 0 ? (p * (1 - p)) / m.variance : m.nEffective;
  const interval = proportionInterval(p * nStar, nStar, settings.level, settings.ciMethod);
  return { estimate: p, ci: interval?.ci ?? null };
}
