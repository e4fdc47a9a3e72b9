/**
 * A metric's weighted result from its per-cell sums and the calibration, with the unweighted result kept
 * alongside. Means and NPS get a normal (Wald) interval on the linearised variance, as `confint(svymean(...))`;
 * shares get the codebook's `ciMethod` at the effective n implied by that variance, n* = p(1−p)/Var (as
 * `svyciprop(method = "beta")` does for Clopper-Pearson), falling back to Kish's n when p is 0 or 1.
 */
import type { Codebook } from '../codebook/schema.ts';
import { zFor } from './distributions.ts';
import { clipRatio } from './clip-ratio.ts';
import { withVerdict } from './compute-metric.ts';
import { clamp } from './interval.ts';
import type { GroupResult, MetricResult } from './metric-result.ts';
import type { MetricPlan } from './metric-plan.ts';
import { proportionInterval } from './proportion-interval.ts';
import type { Calibration, CellTotal } from './weights/calibrate.ts';
import { linearizedMean, type LinearizedMean } from './weights/linearized-mean.ts';
import type { WeightedSums } from './weights/weighted-sums.ts';

export interface WeightingContext {
  cells: ReadonlyMap<string, CellTotal>;
  calibration: Calibration;
}

export function finishWeighted(codebook: Codebook, plan: MetricPlan, unweighted: MetricResult, sums: readonly WeightedSums[], context: WeightingContext): MetricResult {
  const level = codebook.confidence;
  const kept = { estimate: unweighted.estimate, ci: unweighted.ci, method: unweighted.method };
  const lm = (v: number): LinearizedMean | null => linearizedMean(sums[v] ?? new Map(), context.cells, context.calibration);
  const base = { ...unweighted, weighted: true, unweighted: kept };
  switch (plan.metric.kind) {
    case 'proportion':
    case 'top-box':
    case 'pmf': {
      const m = lm(0);
      if (m === null) return { ...base, estimate: null, ci: null };
      const share = { ...base, ...shareInterval(m, codebook), method: codebook.ciMethod, n: m.n, nEffective: m.nEffective, se: Math.sqrt(m.variance), deff: finite(m.deff) };
      return plan.metric.kind === 'pmf' ? withVerdict(share, plan.metric.bar) : share;
    }
    case 'mean':
    case 'ratio':
    case 'nps': {
      const m = lm(0);
      if (m === null) return { ...base, estimate: null, ci: null };
      const per = plan.metric.kind === 'ratio' ? plan.metric.per : 1;
      const estimate = m.estimate / per;
      const half = (zFor(level) * Math.sqrt(m.variance)) / per;
      const ci: [number, number] = plan.metric.kind === 'nps' ? [clamp(estimate - half, -100, 100), clamp(estimate + half, -100, 100)] : [estimate - half, estimate + half];
      const nps = plan.metric.kind === 'nps' ? npsShares(sums[0] ?? new Map(), context) : {};
      return { ...base, ...nps, estimate, ci: clipRatio(plan, ci), method: 'normal', n: m.n, nEffective: m.nEffective, se: Math.sqrt(m.variance) / per, deff: finite(m.deff) };
    }
    case 'retention': {
      const overall = lm(0);
      const groups = (unweighted.groups ?? []).map((group, l): GroupResult => {
        const m = lm(l + 1);
        const unweightedGroup = { estimate: group.estimate, ci: group.ci };
        return m === null ? { ...group, estimate: null, ci: null, unweighted: unweightedGroup } : { ...group, ...shareInterval(m, codebook), n: m.n, unweighted: unweightedGroup };
      });
      if (overall === null) return { ...base, estimate: null, ci: null, groups };
      return { ...base, ...shareInterval(overall, codebook), groups, n: overall.n, nEffective: overall.nEffective, se: Math.sqrt(overall.variance), deff: finite(overall.deff) };
    }
    case 'distribution': {
      const groups = (unweighted.groups ?? []).map((group, v): GroupResult => {
        const m = lm(v);
        const unweightedGroup = { estimate: group.estimate, ci: group.ci };
        if (m === null) return { ...group, estimate: null, ci: null, unweighted: unweightedGroup };
        return { ...group, ...shareInterval(m, codebook), n: m.n, unweighted: unweightedGroup };
      });
      const first = lm(0);
      return { ...base, groups, nEffective: first?.nEffective ?? 0 };
    }
  }
}

/**
 * A share's weighted estimate and interval at the effective n implied by its variance. A share strictly
 * between 0 and 1 with no variance is one the weighting fixes (an option of a calibration variable): its
 * interval is the point, as R's confint(svymean(...)) gives to within the raking tolerance.
 */
export function shareInterval(m: LinearizedMean, codebook: Codebook): { estimate: number; ci: [number, number] | null } {
  const p = m.estimate;
  if (p > 0 && p < 1 && m.variance === 0) return { estimate: p, ci: [p, p] };
  const nStar = p > 0 && p < 1 && m.variance > 0 ? (p * (1 - p)) / m.variance : m.nEffective;
  const interval = proportionInterval(p * nStar, nStar, codebook.confidence, codebook.ciMethod);
  return { estimate: p, ci: interval?.ci ?? null };
}

/** Weighted shares of promoters and detractors from the sums of the NPS score y ∈ {100, 0, −100}. */
function npsShares(sums: WeightedSums, context: WeightingContext): { promoters: number; passives: number; detractors: number } {
  let total = 0;
  let y = 0;
  let yy = 0;
  for (const [cell, c] of sums) {
    const g = context.calibration.g.get(cell) ?? 0;
    total += g * c.s1;
    y += g * c.s1y;
    yy += g * c.s1yy;
  }
  // Σw·y = 100(P − D) and Σw·y² = 10⁴(P + D), with P and D the weighted promoter and detractor totals.
  const promoters = total > 0 ? (yy / 1e4 + y / 100) / 2 / total : 0;
  const detractors = total > 0 ? (yy / 1e4 - y / 100) / 2 / total : 0;
  return { promoters, passives: 1 - promoters - detractors, detractors };
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** The weighted version of a breakdown group. */
export function weightedGroup(codebook: Codebook, plan: MetricPlan, group: GroupResult, sums: readonly WeightedSums[], context: WeightingContext): GroupResult {
  if (group.flags.includes('suppressed')) return group;
  const unweighted = { estimate: group.estimate, ci: group.ci };
  const m = linearizedMean(sums[0] ?? new Map(), context.cells, context.calibration);
  if (m === null) return { ...group, estimate: null, ci: null, unweighted };
  if (plan.metric.kind === 'proportion' || plan.metric.kind === 'top-box' || plan.metric.kind === 'pmf') return { ...group, ...shareInterval(m, codebook), n: m.n, unweighted };
  const per = plan.metric.kind === 'ratio' ? plan.metric.per : 1;
  const estimate = m.estimate / per;
  const half = (zFor(codebook.confidence) * Math.sqrt(m.variance)) / per;
  const ci: [number, number] = plan.metric.kind === 'nps' ? [clamp(estimate - half, -100, 100), clamp(estimate + half, -100, 100)] : [estimate - half, estimate + half];
  return { ...group, estimate, ci: clipRatio(plan, ci), n: m.n, unweighted };
}
