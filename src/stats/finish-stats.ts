/**
 * Every metric and breakdown of a survey from its summary: unweighted, and when the codebook weights, the
 * weighted figures with the unweighted ones kept alongside, plus the weighting diagnostics.
 */
import type { Codebook } from '../codebook/schema.ts';
import { UserError } from '../util/user-error.ts';
import { computeBreakdowns, markSignificant, type BreakdownResult } from './compute-breakdowns.ts';
import { finishMetric } from './compute-metric.ts';
import { finishWeighted, weightedGroup, type WeightingContext } from './finish-weighted.ts';
import type { MetricAccumulator } from './metric-accumulator.ts';
import type { MetricResult } from './metric-result.ts';
import { canonicalWeightedSummary, type SurveySummary } from './survey-summary.ts';
import { calibrate } from './weights/calibrate.ts';
import { normalTwoSided } from './distributions.ts';
import { domainDifference, linearizedMean } from './weights/linearized-mean.ts';
import { raoScott } from './weights/rao-scott.ts';
import type { WeightedSums } from './weights/weighted-sums.ts';
import { weightingDiagnostics, type WeightingDiagnostics } from './weights/weighting-diagnostics.ts';

export interface FinishedStats {
  metrics: MetricResult[];
  breakdowns: BreakdownResult[];
  weighting?: WeightingDiagnostics;
  /** With weighting: each benchmarked question's weighted sample shares, in option order. */
  weightedBenchmarkShares?: (number | null)[][];
  /** The headline metrics weighted to the benchmarks, for the audit (when the codebook does not weight). */
  reweighted?: Reweighted;
}

/** The audit's re-weighting: the metrics and weight diagnostics, or why it could not be done. */
export type Reweighted =
  | { ok: true; method: string; metrics: MetricResult[]; diagnostics: WeightingDiagnostics }
  | { ok: false; question: string; option: string; share: number };

/** The metrics weighted to all benchmarks (the summary's audit weighting), when there is one. */
function reweight(codebook: Codebook, summary: SurveySummary, unweighted: readonly MetricResult[]): Reweighted | undefined {
  if (summary.auditWeighting === undefined) return undefined;
  const audit = canonicalWeightedSummary(summary.auditWeighting);
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
    metrics: summary.plans.map((plan, m) => finishWeighted(codebook, plan, unweighted[m] as MetricResult, audit.metrics[m] ?? [], context)),
    diagnostics: weightingDiagnostics(audit.plan, audit.cells, calibrated.calibration, audit.unweightable),
  };
}

/** `where` names the codebook in a message when the weighting cannot be done. */
export function finishStats(codebook: Codebook, summary: SurveySummary, where: string): FinishedStats {
  const unweighted = summary.plans.map((plan, i) => finishMetric(codebook, plan, summary.metrics[i] as MetricAccumulator));
  const breakdowns = computeBreakdowns(codebook, summary);
  const weighting = summary.weighting === undefined ? undefined : canonicalWeightedSummary(summary.weighting);
  if (weighting === undefined) {
    const reweighted = reweight(codebook, summary, unweighted);
    return reweighted === undefined ? { metrics: unweighted, breakdowns } : { metrics: unweighted, breakdowns, reweighted };
  }

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
  const metrics = summary.plans.map((plan, m) => finishWeighted(codebook, plan, unweighted[m] as MetricResult, weighting.metrics[m] ?? [], context));
  let index = 0;
  const weightedBreakdowns = summary.breakdowns.flatMap((breakdown, b) =>
    breakdown.plans.map((plan, m): BreakdownResult => {
      const result = breakdowns[index++] as BreakdownResult;
      const groups = result.groups.map((group, g) => weightedGroup(codebook, plan, group, weighting.breakdowns[b]?.[g]?.[m] ?? [], context));
      const tables = weighting.tables[b]?.[m];
      const rests = weighting.rests[b]?.[m];
      if (rests !== undefined) {
        // Means, ratios, NPS: z on the linearised difference between the group and the rest (svyglm(y ~ group)).
        for (const [g, group] of groups.entries()) {
          const live = !group.flags.includes('suppressed') && group.n > 0;
          const test = live ? domainDifference(weighting.breakdowns[b]?.[g]?.[m]?.[0] ?? new Map(), rests[g] ?? new Map(), weighting.cells, calibrated.calibration) : null;
          group.pValue = test === null ? null : normalTwoSided(test.z);
        }
        markSignificant(groups, result.adjust, codebook.confidence);
        // An overall design-based test for several means or NPS classes is not computed: none rather than an unweighted one.
        return { ...result, groups, test: null, tests: 'design-based' };
      }
      if (tables === undefined) return { ...result, groups };
      // Shares: design-based tests on the weighted 2×2 (group or rest × success) and k×2 tables.
      for (const [g, group] of groups.entries()) {
        const table = tables[g];
        const live = !group.flags.includes('suppressed') && group.n > 0;
        group.pValue = live && table !== undefined ? (raoScott(table, weighting.cells, calibrated.calibration)?.pValue ?? null) : null;
      }
      markSignificant(groups, result.adjust, codebook.confidence);
      // Every group with answers, suppressed ones included: the domain of the table is then all who answered.
      const rows = groups.flatMap((group, g) => (group.n > 0 && tables[g]?.[0] !== undefined ? [tables[g]?.[0] as WeightedSums[]] : []));
      const overall = breakdown.exclusive ? raoScott(rows, weighting.cells, calibrated.calibration) : null;
      return {
        ...result,
        groups,
        test: overall === null ? null : { method: overall.method, statistic: overall.statistic, df: overall.df, pValue: overall.pValue },
        tests: 'design-based',
      };
    }),
  );
  const weightedBenchmarkShares = weighting.benchmarks.map((options) => options.map((sums) => linearizedMean(sums, weighting.cells, calibrated.calibration)?.estimate ?? null));
  return {
    metrics,
    weightedBenchmarkShares,
    breakdowns: weightedBreakdowns,
    weighting: weightingDiagnostics(weighting.plan, weighting.cells, calibrated.calibration, weighting.unweightable),
  };
}
