/** Weighted estimates from a metric's per-cell sums: a variable's mean, and shares with their intervals. */
import type { GroupResult } from '../../model/metric-result.ts';
import { tQuantile } from '../distributions.ts';
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
export function weightedShare(m: LinearizedMean, settings: IntervalSettings, basis: Basis = 'design'): { estimate: number; ci: [number, number] | null; nInterval?: number } {
  const p = m.estimate;
  if (p > 0 && p < 1 && m.variance === 0) return { estimate: p, ci: [p, p] };
  const factor = degreesFactor(m, settings.level, basis);
  // svyciprop's interval is NaN on a design (or domain) with no degrees of freedom: no interval.
  if (factor === null) return { estimate: p, ci: null };
  const nStar = (p > 0 && p < 1 && m.variance > 0 ? (p * (1 - p)) / m.variance : m.nEffective) * factor;
  const interval = proportionInterval(p * nStar, nStar, settings.level, settings.ciMethod);
  return { estimate: p, ci: interval?.ci ?? null, nInterval: nStar };
}

/** A group's weighted share from its variable's mean `m` (null: no weight in it), its unweighted figures kept alongside. */
export function weightedShareGroup(group: GroupResult, m: LinearizedMean | null, settings: IntervalSettings, basis: Basis = 'design'): GroupResult {
  const unweighted = { estimate: group.estimate, ci: group.ci };
  return m === null ? { ...group, estimate: null, ci: null, unweighted } : { ...group, ...weightedShare(m, settings, basis), n: m.n, unweighted };
}

/**
 * Whose degrees of freedom an interval takes: the whole design's (`svyciprop(~y, design)`, an option's share
 * or a headline), or the domain's subset (`svyby(~y, ~group, design, svyciprop)`, a breakdown's group).
 */
export type Basis = 'design' | 'domain';

/**
 * svyciprop(method = "beta") scales the effective n by (t(α/2, nrow − 1) / t(α/2, degf))²: a clustered or
 * stratified design has fewer degrees of freedom than respondents, which widens the interval. 1 when the
 * two agree (every design without strata or clusters, for the whole design); null when degf < 1 (R: NaN).
 * Applied to every interval method.
 */
function degreesFactor(m: LinearizedMean, level: number, basis: Basis): number | null {
  const rows = basis === 'design' ? m.rows : m.domainRows;
  const degf = basis === 'design' ? m.degf : m.domainDegf;
  if (rows - 1 === degf || rows < 2) return 1;
  if (degf < 1) return null;
  const alpha = 1 - level;
  return (tQuantile(alpha / 2, rows - 1) / tQuantile(alpha / 2, degf)) ** 2;
}
