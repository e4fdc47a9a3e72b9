/** Weighted estimates from a metric's per-cell sums: a variable's mean, and shares with their intervals. */
import type { GroupResult } from '../../model/metric-result.ts';
import { proportionInterval } from '../proportion-interval.ts';
import { linearizedMean, type LinearizedMean } from '../weights/linearized-mean.ts';
import type { WeightedSums } from '../weights/weighted-sums.ts';
import type { IntervalSettings, WeightingContext } from './metric-kind.ts';

/** The weighted mean of variable `v` of a metric with its linearised variance; null when no one in it carries weight. */
export function variableMean(sums: readonly WeightedSums[], v: number, context: WeightingContext): LinearizedMean | null {
  return linearizedMean(sums[v] ?? new Map(), context.cells, context.calibration);
}

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

/** A group's weighted share from its variable's mean `m` (null: no weight in it), its unweighted figures kept alongside. */
export function weightedShareGroup(group: GroupResult, m: LinearizedMean | null, settings: IntervalSettings): GroupResult {
  const unweighted = { estimate: group.estimate, ci: group.ci };
  return m === null ? { ...group, estimate: null, ci: null, unweighted } : { ...group, ...weightedShare(m, settings), n: m.n, unweighted };
}
