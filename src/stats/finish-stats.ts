/**
 * Every metric and breakdown of a survey from its folded state: unweighted, and when the codebook weights,
 * the weighted figures with the unweighted ones kept alongside, plus the weighting diagnostics; without
 * weighting, the headlines re-weighted to the benchmarks for the audit.
 */
import type { Codebook } from '../codebook/schema.ts';
import type { BreakdownResult } from '../model/breakdown-result.ts';
import type { MetricResult } from '../model/metric-result.ts';
import type { WeightingDiagnostics } from '../model/weighting-diagnostics.ts';
import { UserError } from '../util/user-error.ts';
import { computeBreakdowns, markSignificant } from './compute-breakdowns.ts';
import { normalTwoSided } from './distributions.ts';
import { kindPlans, type KindPlan } from './folds/metric-fold.ts';
import type { SurveyState } from './folds/survey-fold.ts';
import { canonicalWeightedState, type WeightedState } from './folds/weighted-fold.ts';
import type { IntervalSettings, WeightingContext } from './kinds/metric-kind.ts';
import { planMetric } from './metric-plan.ts';
import { calibrate } from './weights/calibrate.ts';
import { domainDifference, linearizedMean } from './weights/linearized-mean.ts';
import { raoScott } from './weights/rao-scott.ts';
import type { WeightedSums } from './weights/weighted-sums.ts';
import { weightingDiagnostics } from './weights/weighting-diagnostics.ts';

export interface FinishedStats {
  metrics: MetricResult[];
  breakdowns: BreakdownResult[];
  weighting?: WeightingDiagnostics;
  /** With weighting: each benchmarked question's weighted sample shares in option order, by question id. */
  weightedBenchmarkShares?: Map<string, (number | null)[]>;
  /** The headline metrics weighted to the benchmarks, for the audit (when the codebook does not weight). */
  reweighted?: Reweighted;
}

/** The audit's re-weighting: the metrics and weight diagnostics, or why it could not be done. */
export type Reweighted =
  | { ok: true; method: string; metrics: MetricResult[]; diagnostics: WeightingDiagnostics }
  | { ok: false; question: string; option: string; share: number };

/** `where` names the codebook in a message when the weighting cannot be done. */
export function finishStats(codebook: Codebook, state: SurveyState, where: string): FinishedStats {
  const settings: IntervalSettings = { level: codebook.confidence, ciMethod: codebook.ciMethod };
  const plans = kindPlans(codebook.metrics.map((metric) => planMetric(codebook, metric)));
  const unweighted = plans.map(({ plan, kind }) => kind.finish(plan, state.metrics.get(plan.metric.id), settings));
  const breakdowns = computeBreakdowns(codebook, plans, state.breakdowns);
  if (state.weighting === undefined) {
    const reweighted = state.auditWeighting === undefined ? undefined : reweight(codebook, plans, unweighted, canonicalWeightedState(state.auditWeighting), settings);
    return reweighted === undefined ? { metrics: unweighted, breakdowns } : { metrics: unweighted, breakdowns, reweighted };
  }

  const weighting = canonicalWeightedState(state.weighting);
  const calibrated = calibrate(weighting.plan, weighting.cells);
  if (!calibrated.ok && calibrated.margin < 0) {
    throw new UserError(`${where}: weighting.by`, 'no respondent answered every weighting question, so nobody can be weighted; weight on questions people answered');
  }
  if (!calibrated.ok) {
    const margin = weighting.plan.margins[calibrated.margin];
    const question = codebook.questions.find((q) => q.id === margin?.question);
    const option = question !== undefined && 'options' in question ? question.options[calibrated.level] : String(calibrated.level);
    throw new UserError(
      `${where}: weighting.by`,
      `no respondent answered \`${option ?? ''}\` to \`${margin?.question ?? ''}\`, which has a population share of ${margin?.shares[calibrated.level] ?? 0}; merge that option into another in the benchmark or weight on other questions`,
    );
  }
  const context: WeightingContext = { cells: weighting.cells, calibration: calibrated.calibration };
  return {
    metrics: weightedMetrics(plans, unweighted, weighting, context, settings),
    weightedBenchmarkShares: new Map([...weighting.benchmarks].map(([id, options]) => [id, options.map((sums) => linearizedMean(sums, context.cells, context.calibration)?.estimate ?? null)])),
    breakdowns: breakdowns.map((result) => weightedBreakdown(codebook, plans, result, weighting, context, settings)),
    weighting: weightingDiagnostics(weighting.plan, weighting.cells, calibrated.calibration, weighting.unweightable),
  };
}

function weightedMetrics(plans: readonly KindPlan[], unweighted: readonly MetricResult[], w: WeightedState, context: WeightingContext, settings: IntervalSettings): MetricResult[] {
  return plans.map(({ plan, kind }, m) => kind.finishWeighted(plan, unweighted[m] as MetricResult, w.metrics.get(plan.metric.id) ?? [], context, settings));
}

/** The weighted version of a breakdown: weighted group estimates, and design-based tests. */
function weightedBreakdown(codebook: Codebook, plans: readonly KindPlan[], result: BreakdownResult, w: WeightedState, context: WeightingContext, settings: IntervalSettings): BreakdownResult {
  const found = plans.find((p) => p.plan.metric.id === result.metric);
  const sums = w.breakdowns.get(result.by)?.get(result.metric);
  const tests = found?.kind.groups;
  if (found === undefined || sums === undefined || tests === undefined) return result;
  const { plan } = found;
  const groups = result.groups.map((group, g) => tests.finishWeighted(plan, group, sums.groups[g]?.[0] ?? new Map(), context, settings));
  const live = (g: number): boolean => !(groups[g]?.flags.includes('suppressed') ?? true) && (groups[g]?.n ?? 0) > 0;
  if (sums.rests !== undefined) {
    // Means, ratios, NPS: z on the linearised difference between the group and the rest (svyglm(y ~ group)).
    groups.forEach((group, g) => {
      const test = live(g) ? domainDifference(sums.groups[g]?.[0] ?? new Map(), sums.rests?.[g] ?? new Map(), context.cells, context.calibration) : null;
      group.pValue = test === null ? null : normalTwoSided(test.z);
    });
    markSignificant(groups, result.adjust, codebook.confidence);
    // An overall design-based test for several means or NPS classes is not computed: none rather than an unweighted one.
    return { ...result, groups, test: null, tests: 'design-based' };
  }
  const tables = sums.tables;
  if (tables === undefined) return { ...result, groups };
  // Shares: design-based tests on the weighted 2×2 (group or rest × success) and k×2 tables.
  groups.forEach((group, g) => {
    const table = tables[g];
    group.pValue = live(g) && table !== undefined ? (raoScott(table, context.cells, context.calibration)?.pValue ?? null) : null;
  });
  markSignificant(groups, result.adjust, codebook.confidence);
  // Every group with answers, suppressed ones included: the domain of the table is then all who answered.
  const rows = groups.flatMap((group, g) => (group.n > 0 && tables[g]?.[0] !== undefined ? [tables[g]?.[0] as WeightedSums[]] : []));
  const exclusive = codebook.questions.find((q) => q.id === result.by)?.type !== 'multi';
  const overall = exclusive ? raoScott(rows, context.cells, context.calibration) : null;
  return {
    ...result,
    groups,
    test: overall === null ? null : { method: overall.method, statistic: overall.statistic, df: overall.df, pValue: overall.pValue },
    tests: 'design-based',
  };
}

/** The metrics weighted to all benchmarks (the audit's weighting), or why that cannot be done. */
function reweight(codebook: Codebook, plans: readonly KindPlan[], unweighted: readonly MetricResult[], audit: WeightedState, settings: IntervalSettings): Reweighted {
  const calibrated = calibrate(audit.plan, audit.cells);
  if (!calibrated.ok) {
    const margin = audit.plan.margins[Math.max(0, calibrated.margin)];
    const question = codebook.questions.find((q) => q.id === margin?.question);
    const option = calibrated.margin < 0 ? '' : question !== undefined && 'options' in question ? (question.options[calibrated.level] ?? '') : String(calibrated.level);
    return { ok: false, question: question?.label ?? margin?.question ?? '', option, share: calibrated.margin < 0 ? 0 : (margin?.shares[calibrated.level] ?? 0) };
  }
  const context: WeightingContext = { cells: audit.cells, calibration: calibrated.calibration };
  return {
    ok: true,
    method: audit.plan.method,
    metrics: weightedMetrics(plans, unweighted, audit, context, settings),
    diagnostics: weightingDiagnostics(audit.plan, audit.cells, calibrated.calibration, audit.unweightable),
  };
}
