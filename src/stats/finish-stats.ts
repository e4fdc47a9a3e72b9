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
import { designDiagnostics, type DesignDiagnostics } from './design/design-diagnostics.ts';
import { designLayout, fpcWeights, type DesignLayout } from './design/design-layout.ts';
import { domainWaldTest } from './design/wald-test.ts';
import { computeBreakdowns, markSignificant } from './compute-breakdowns.ts';
import { tTwoSided } from './distributions.ts';
import { kindPlans, type KindPlan } from './folds/metric-fold.ts';
import type { SurveyState } from './folds/survey-fold.ts';
import { canonicalWeightedState, type WeightedState } from './folds/weighted-fold.ts';
import type { IntervalSettings, WeightingContext } from './kinds/metric-kind.ts';
import { planMetric } from './metric-plan.ts';
import { calibrate, type Calibration } from './weights/calibrate.ts';
import type { WeightingComparison } from '../model/weighting-comparison.ts';
import { kindOf } from './kinds/index.ts';
import { domainDifference, linearizedMean } from './weights/linearized-mean.ts';
import { raoScott } from './weights/rao-scott.ts';
import type { WeightedSums } from './weights/weighted-sums.ts';
import type { TableResult } from '../model/table-result.ts';
import { computeTable } from './tables/compute-table.ts';
import type { ReliabilityResult } from '../model/reliability-result.ts';
import type { IndexResult } from '../model/index-result.ts';
import { indexSummary } from './indexes/index-scores.ts';
import { indexReliability } from './reliability/index-reliability.ts';
import type { DriverResult } from '../model/driver-result.ts';
import { driverAnalysis } from './drivers/driver-analysis.ts';
import { finalWeights } from './drivers/drivers-fold.ts';
import { tablePlans } from './tables/table-plan.ts';
import { weightingDiagnostics } from './weights/weighting-diagnostics.ts';

export interface FinishedStats {
  metrics: MetricResult[];
  breakdowns: BreakdownResult[];
  weighting?: WeightingDiagnostics;
  /** With weighting: each benchmarked and each likert question's weighted sample shares in option order, by question id. */
  weightedOptionShares?: Map<string, (number | null)[]>;
  /** The headline metrics weighted to the benchmarks, for the audit (when the codebook does not weight). */
  reweighted?: Reweighted;
  /** With a sampling design (`design`): its strata, PSUs, degrees of freedom and lonely strata. */
  design?: DesignDiagnostics;
  /** Every headline metric under each entry of `weightings`. */
  weightings?: WeightingComparison[];
  /** The banner tables, weighted as the metrics are. */
  tables: TableResult[];
  /** Per index, its scores (unweighted). */
  indexes: IndexResult[];
  /** Per index, the reliability of its items (unweighted). */
  reliability: ReliabilityResult[];
  /** The key-driver analyses (unweighted). */
  drivers: DriverResult[];
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
  const reweighted = state.auditWeighting === undefined ? undefined : reweight(codebook, plans, unweighted, canonicalWeightedState(state.auditWeighting), settings, where);
  // The weightings side by side come after the codebook's own, whose problems are reported first.
  const extras = (): Pick<FinishedStats, 'reweighted' | 'weightings'> => {
    const alternatives = compareWeightings(codebook, plans, unweighted, state, settings, where);
    return { ...(reweighted === undefined ? {} : { reweighted }), ...(alternatives.length === 0 ? {} : { weightings: alternatives }) };
  };
  const weightingNote = {
    method: codebook.weighting.method,
    by: (codebook.weighting.by ?? []).map((id) => codebook.questions.find((q) => q.id === id)?.label ?? id),
    design: codebook.design !== undefined,
  };
  const indexes = codebook.indexes.map((_, x) => indexSummary(codebook, x, state.indexScores?.[x]));
  const reliability = codebook.indexes.map((index, x) => indexReliability(codebook, index, state.reliability?.[x]));
  const drivers = (g?: ReadonlyMap<string, number>): DriverResult[] =>
    codebook.drivers.map((analysis, d) => {
      const cases = state.drivers?.[d];
      return driverAnalysis(codebook, analysis, d, cases, g === undefined || cases === undefined ? undefined : finalWeights(cases, g));
    });
  const tables = (context?: WeightingContext): TableResult[] => tablePlans(codebook).map((plan, t) => computeTable(plan, state.tables?.[t] ?? { blocks: [] }, context, weightingNote));
  if (state.weighting === undefined) return { metrics: unweighted, breakdowns, ...extras(), tables: tables(), indexes, reliability, drivers: drivers() };

  const weighting = canonicalWeightedState(state.weighting);
  stopOnOverflow(codebook, weighting, where);
  const prepared = prepareDesign(weighting, where);
  const calibrated = calibrateOrStop(codebook, weighting, prepared?.base, `${where}: weighting.by`);
  const context: WeightingContext = { cells: weighting.cells, calibration: calibrated };
  return {
    metrics: weightedMetrics(plans, unweighted, weighting, context, settings),
    weightedOptionShares: new Map([...weighting.benchmarks].map(([id, options]) => [id, options.map((sums) => linearizedMean(sums, context.cells, context.calibration)?.estimate ?? null)])),
    breakdowns: breakdowns.map((result) => weightedBreakdown(codebook, plans, result, weighting, context, settings)),
    // A design without weighting (`weighting.method: none`) has no weights to diagnose, and the audit still re-weights.
    ...(codebook.weighting.method === 'none' ? {} : { weighting: weightingDiagnostics(weighting.plan, weighting.cells, calibrated, weighting.unweightable) }),
    ...(prepared === undefined ? {} : { design: designDiagnostics(prepared.layout, weighting.plan) }),
    ...extras(),
    tables: tables(context),
    indexes,
    reliability,
    // Weighted as the metrics are (a design's weights derived from its fpc included).
    drivers: drivers(calibrated.g),
  };
}

/** The calibration of a weighted state, or a UserError at `where` saying which benchmark level has no respondents. */
function calibrateOrStop(codebook: Codebook, weighting: WeightedState, base: ReadonlyMap<string, number> | undefined, where: string): Calibration {
  const calibrated = calibrate(weighting.plan, weighting.cells, base);
  if (calibrated.ok) return calibrated.calibration;
  if (calibrated.margin < 0) {
    throw new UserError(where, 'no respondent answered every weighting question, so nobody can be weighted; weight on questions people answered');
  }
  const margin = weighting.plan.margins[calibrated.margin];
  const question = codebook.questions.find((q) => q.id === margin?.question);
  const option = question !== undefined && 'options' in question ? question.options[calibrated.level] : String(calibrated.level);
  throw new UserError(
    where,
    `no respondent answered \`${option ?? ''}\` to \`${margin?.question ?? ''}\`, which has a population share of ${Number((margin?.shares[calibrated.level] ?? 0).toPrecision(6))}; merge that option into another in the benchmark or weight on other questions`,
  );
}

/** Every headline metric under each entry of `weightings` (the unweighted results for one without weights or design). */
function compareWeightings(codebook: Codebook, plans: readonly KindPlan[], unweighted: readonly MetricResult[], state: SurveyState, settings: IntervalSettings, where: string): WeightingComparison[] {
  return codebook.weightings.map((alternative, i): WeightingComparison => {
    const folded = state.alternatives?.[i] ?? null;
    let metrics = unweighted;
    let nEffective: number | null = null;
    let unweightable = 0;
    if (folded !== null) {
      const w = canonicalWeightedState(folded);
      stopOnOverflow(codebook, w, where, `weightings[${i}]`);
      const prepared = prepareDesign(w, where);
      const calibration = calibrateOrStop(codebook, w, prepared?.base, `${where}: weightings[${i}].by`);
      metrics = weightedMetrics(plans, unweighted, w, { cells: w.cells, calibration }, settings, 'headlines');
      nEffective = weightingDiagnostics(w.plan, w.cells, calibration, w.unweightable).nEffective;
      unweightable = w.unweightable;
    }
    return {
      id: alternative.id,
      label: alternative.label ?? alternative.id,
      method: alternative.method,
      by: alternative.by ?? [],
      column: alternative.column ?? null,
      trim: alternative.trim ?? null,
      nEffective,
      unweightable,
      metrics: metrics
        .filter((m) => kindOf(m.kind).headline)
        .map((m) => ({ id: m.id, estimate: m.estimate, ci: m.ci, se: m.se ?? null, n: m.n })),
    };
  });
}

/**
 * Weighted sums that overflowed (a weight times an answer squared beyond 1e308) would make every estimate
 * from them NaN or infinite: a UserError naming the metric (and `weighting`, the codebook entry) instead.
 */
function stopOnOverflow(codebook: Codebook, state: WeightedState, where: string, weighting = 'weighting'): void {
  const finite = (sums: WeightedSums): boolean => [...sums.values()].every((c) => Number.isFinite(c.s2yy) && Number.isFinite(c.s1yy) && Number.isFinite(c.s2) && Number.isFinite(c.s1));
  if (![...state.cells.values()].every((c) => Number.isFinite(c.a2))) {
    throw new UserError(`${where}: ${weighting}.column`, 'the sum of the squared weights overflows (beyond 1e308); divide the weight column by a large number (every estimate stays the same)');
  }
  for (const [id, list] of state.metrics) {
    if (list.every(finite)) continue;
    const metric = codebook.metrics.find((m) => m.id === id);
    throw new UserError(`${where}: metrics`, `the weighted sums of metric \`${id}\`${weighting === 'weighting' ? '' : ` under ${weighting}`} overflow (a weight times an answer squared is beyond 1e308); rescale the weights or the answers to \`${metric?.question ?? id}\` (e.g. thousands instead of units)`);
  }
}

/**
 * A design's layout over the weighting cells, checked (a UserError naming the codebook path when it breaks
 * a rule of svydesign's), and the weights it implies when the export has none; undefined without a design.
 */
function prepareDesign(state: WeightedState, where: string): { layout: DesignLayout; base?: Map<string, number> } | undefined {
  const spec = state.plan.design;
  if (spec === undefined) return undefined;
  const result = designLayout(state.cells, spec, state.outside);
  if (!result.ok) throw new UserError(`${where}: ${result.path}`, result.message);
  const base = state.plan.designWeights ? null : fpcWeights(state.cells, result.layout, spec);
  return base === null ? { layout: result.layout } : { layout: result.layout, base };
}

/** The weighted metrics of `w`; `only: 'headlines'` for a state folded over the headline metrics alone. */
function weightedMetrics(plans: readonly KindPlan[], unweighted: readonly MetricResult[], w: WeightedState, context: WeightingContext, settings: IntervalSettings, only?: 'headlines'): MetricResult[] {
  return plans.flatMap(({ plan, kind }, m) =>
    only === 'headlines' && !kind.headline ? [] : [kind.finishWeighted(plan, unweighted[m] as MetricResult, w.metrics.get(plan.metric.id) ?? [], context, settings, w.values.get(plan.metric.id))],
  );
}

/** The weighted version of a breakdown: weighted group estimates, and design-based tests. */
function weightedBreakdown(codebook: Codebook, plans: readonly KindPlan[], result: BreakdownResult, w: WeightedState, context: WeightingContext, settings: IntervalSettings): BreakdownResult {
  const found = plans.find((p) => p.plan.metric.id === result.metric);
  const sums = w.breakdowns.get(result.by)?.get(result.metric);
  const tests = found?.kind.groups;
  if (found === undefined || sums === undefined || tests === undefined) return result;
  const { plan } = found;
  // The unweighted ANOVAs do not carry over to a weighted design.
  const weighted: BreakdownResult = { ...result };
  delete weighted.otherTests;
  const groups = result.groups.map((group, g) => tests.finishWeighted(plan, group, sums.groups[g]?.[0] ?? new Map(), context, settings));
  const exclusive = codebook.questions.find((q) => q.id === result.by)?.type !== 'multi';
  const live = (g: number): boolean => !(groups[g]?.flags.includes('suppressed') ?? true) && (groups[g]?.n ?? 0) > 0;
  if (sums.rests !== undefined) {
    // Means, ratios, NPS: t on the linearised difference between the group and the rest (svyglm(y ~ group)).
    groups.forEach((group, g) => {
      const test = live(g) ? domainDifference(sums.groups[g]?.[0] ?? new Map(), sums.rests?.[g] ?? new Map(), context.cells, context.calibration) : null;
      group.pValue = test === null || test.df < 1 ? null : tTwoSided(test.t, test.df);
    });
    markSignificant(groups, result.adjust, codebook.confidence, exclusive);
    // Do the groups differ at all: the design-based Wald F over every group with answers (single-choice `by` only).
    const overall = exclusive ? domainWaldTest(sums.groups.map((group) => group[0] ?? new Map()), context.cells, context.calibration) : null;
    return { ...weighted, groups, test: overall, tests: 'design-based' };
  }
  const tables = sums.tables;
  if (tables === undefined) return { ...weighted, groups };
  // Shares: design-based tests on the weighted 2×2 (group or rest × success) and k×2 tables.
  groups.forEach((group, g) => {
    const table = tables[g];
    group.pValue = live(g) && table !== undefined ? (raoScott(table, context.cells, context.calibration)?.pValue ?? null) : null;
  });
  markSignificant(groups, result.adjust, codebook.confidence, exclusive);
  // Every group with answers, suppressed ones included: the domain of the table is then all who answered.
  const rows = groups.flatMap((group, g) => (group.n > 0 && tables[g]?.[0] !== undefined ? [tables[g]?.[0] as WeightedSums[]] : []));
  const overall = exclusive ? raoScott(rows, context.cells, context.calibration) : null;
  return {
    ...weighted,
    groups,
    test: overall === null ? null : { method: overall.method, statistic: overall.statistic, df: overall.df, ...(overall.df2 === undefined ? {} : { df2: overall.df2 }), pValue: overall.pValue },
    tests: 'design-based',
  };
}

/** The metrics weighted to all benchmarks (the audit's weighting), or why that cannot be done. */
function reweight(codebook: Codebook, plans: readonly KindPlan[], unweighted: readonly MetricResult[], audit: WeightedState, settings: IntervalSettings, where: string): Reweighted {
  const calibrated = calibrate(audit.plan, audit.cells, prepareDesign(audit, where)?.base);
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
    metrics: weightedMetrics(plans, unweighted, audit, context, settings, 'headlines'),
    diagnostics: weightingDiagnostics(audit.plan, audit.cells, calibrated.calibration, audit.unweightable),
  };
}
