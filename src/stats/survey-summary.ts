/**
 * Everything the statistics and the audit need from the accepted responses, as mergeable counts: one
 * accumulator per metric, one per breakdown group and metric, option counts of benchmarked questions, item
 * non-response per question, responses per channel. Responses are folded in one at a time and never kept.
 */
import type { Codebook } from '../codebook/schema.ts';
import { quoteAnswer } from '../util/mask-contacts.ts';
import type { Response } from '../validate/answer.ts';
import { addToAccumulator, createAccumulator, mergeAccumulator, weightedValues, type MetricAccumulator } from './metric-accumulator.ts';
import { planMetric, type MetricPlan } from './metric-plan.ts';
import type { CellTotal } from './weights/calibrate.ts';
import { addWeighted, mergeWeighted, type WeightedSums } from './weights/weighted-sums.ts';
import { cellKey, planAuditWeighting, planWeighting, type WeightingPlan } from './weights/weighting-plan.ts';

/** The weighted side of the summary: per weighting cell, design-weight totals and each metric's sums. */
export interface WeightedSummary {
  plan: WeightingPlan;
  cells: Map<string, CellTotal>;
  /** Accepted respondents who did not answer a weighting question: they carry no weight. */
  unweightable: number;
  /** metrics[m][v]: sums of variable v of metric m (one variable, or one per option of a distribution). */
  metrics: WeightedSums[][];
  /** breakdowns[b][g][m][v], as for `metrics`, within group g of breakdown b. */
  breakdowns: WeightedSums[][][][];
  /**
   * tables[b][m][g]: for a share metric, the 2×2 table (in group g or not) × (success or not) of indicator
   * sums over the respondents who answered `by` and the metric, for design-based (Rao-Scott) group tests.
   */
  tables: (WeightedSums[][][] | undefined)[][];
  /** rests[b][m][g]: for a mean, ratio or NPS metric, its sums over the respondents who answered `by` but are not in group g. */
  rests: (WeightedSums[] | undefined)[][];
  /** benchmarks[b][o]: sums of the indicator "chose option o" of benchmark b's question, for weighted sample shares. */
  benchmarks: WeightedSums[][];
}

const SHARE_KINDS = new Set(['proportion', 'top-box', 'pmf']);

const VALUE_KINDS = new Set(['mean', 'ratio', 'nps']);

function emptyRests(plan: MetricPlan, groups: number): WeightedSums[] | undefined {
  return VALUE_KINDS.has(plan.metric.kind) ? Array.from({ length: groups }, () => new Map()) : undefined;
}

function emptyTables(plan: MetricPlan, groups: number): WeightedSums[][][] | undefined {
  if (!SHARE_KINDS.has(plan.metric.kind)) return undefined;
  return Array.from({ length: groups }, () => [0, 1].map(() => [new Map(), new Map()]));
}

export interface BreakdownSummary {
  by: string;
  /** Index of the `by` question in `Response.answers`. */
  at: number;
  plans: MetricPlan[];
  /** groups[g][m]: the accumulator of plans[m] among respondents in option g of `by`. */
  groups: MetricAccumulator[][];
  /** answered[m]: the accumulator of plans[m] among respondents who answered `by` (for "the rest"). */
  answered: MetricAccumulator[];
  /** Whether `by` is single-choice: its groups do not overlap, so an overall test applies. */
  exclusive: boolean;
}

export interface SurveySummary {
  accepted: number;
  plans: MetricPlan[];
  metrics: MetricAccumulator[];
  breakdowns: BreakdownSummary[];
  /** Per benchmark: respondents per option of its question, in option order; and where the question sits. */
  benchmarkCounts: number[][];
  benchmarkAt: number[];
  /** Per question: accepted respondents who left it unanswered. */
  nonResponse: number[];
  /** Per question: respondents per option for likert questions (charts), empty for other types. */
  optionCounts: number[][];
  channels: Map<string, number>;
  /** Per question: the first `limit` answers a text question opts to quote (`quotes`), masked, with their rows. */
  quotes: { limit: number; answers: { row: number; text: string }[] }[];
  weighting?: WeightedSummary;
  /** When the codebook does not weight: the same sums under raking to all benchmarks, for the audit. */
  auditWeighting?: WeightedSummary;
}

function emptySums(plan: MetricPlan): WeightedSums[] {
  const variables = plan.metric.kind === 'distribution' ? plan.optionCount : plan.metric.kind === 'retention' ? 1 + (plan.by?.levels.length ?? 0) : 1;
  return Array.from({ length: variables }, () => new Map());
}

export function createSummary(codebook: Codebook): SurveySummary {
  const plans = codebook.metrics.map((metric) => planMetric(codebook, metric));
  const optionCount = (id: string): number => {
    const question = codebook.questions.find((q) => q.id === id);
    return question !== undefined && 'options' in question ? question.options.length : 0;
  };
  const breakdownPlans = codebook.breakdowns.map((b) => b.metrics.map((id) => plans.find((p) => p.metric.id === id) as MetricPlan));
  // The audit's re-weighting needs the headline metrics only, not the breakdowns.
  const weighted = (plan: WeightingPlan | undefined, withBreakdowns: boolean): WeightedSummary | undefined =>
    plan === undefined
      ? undefined
      : {
          plan,
          cells: new Map(),
          unweightable: 0,
          metrics: plans.map(emptySums),
          breakdowns: withBreakdowns ? codebook.breakdowns.map((b, i) => Array.from({ length: optionCount(b.by) }, () => (breakdownPlans[i] ?? []).map(emptySums))) : [],
          tables: withBreakdowns ? codebook.breakdowns.map((b, i) => (breakdownPlans[i] ?? []).map((p) => emptyTables(p, optionCount(b.by)))) : [],
          rests: withBreakdowns ? codebook.breakdowns.map((b, i) => (breakdownPlans[i] ?? []).map((p) => emptyRests(p, optionCount(b.by)))) : [],
          benchmarks: withBreakdowns ? codebook.benchmarks.map((b) => Array.from({ length: optionCount(b.question) }, () => new Map())) : [],
        };
  const weighting = weighted(planWeighting(codebook), true);
  const auditWeighting = weighted(planAuditWeighting(codebook), false);
  return {
    ...(weighting === undefined ? {} : { weighting }),
    ...(auditWeighting === undefined ? {} : { auditWeighting }),
    accepted: 0,
    plans,
    metrics: plans.map(createAccumulator),
    breakdowns: codebook.breakdowns.map((breakdown) => {
      const breakdownPlans = breakdown.metrics.map((id) => {
        const plan = plans.find((p) => p.metric.id === id);
        if (plan === undefined) throw new Error(`breakdown names unknown metric ${id}; crossCheck should have refused it`);
        return plan;
      });
      return {
        by: breakdown.by,
        at: codebook.questions.findIndex((q) => q.id === breakdown.by),
        plans: breakdownPlans,
        groups: Array.from({ length: optionCount(breakdown.by) }, () => breakdownPlans.map(createAccumulator)),
        answered: breakdownPlans.map(createAccumulator),
        exclusive: codebook.questions.find((q) => q.id === breakdown.by)?.type !== 'multi',
      };
    }),
    benchmarkCounts: codebook.benchmarks.map((b) => Array.from({ length: optionCount(b.question) }, () => 0)),
    benchmarkAt: codebook.benchmarks.map((b) => codebook.questions.findIndex((q) => q.id === b.question)),
    nonResponse: codebook.questions.map(() => 0),
    optionCounts: codebook.questions.map((q) => (q.type === 'likert' ? q.options.map(() => 0) : [])),
    channels: new Map(),
    quotes: codebook.questions.map((q) => ({ limit: q.type === 'text' ? q.quotes : 0, answers: [] })),
  };
}

/** Folds one accepted response in. */
export function addResponse(codebook: Codebook, summary: SurveySummary, response: Response): void {
  const { answers } = response;
  summary.accepted++;
  summary.plans.forEach((plan, i) => addToAccumulator(plan, summary.metrics[i] as MetricAccumulator, answers));
  for (const breakdown of summary.breakdowns) {
    const by = answers[breakdown.at];
    if (by !== null && by !== undefined) breakdown.plans.forEach((plan, m) => addToAccumulator(plan, breakdown.answered[m] as MetricAccumulator, answers));
    // A multi-select puts a respondent in every group chosen; no answer, no group.
    for (const g of Array.isArray(by) ? by : typeof by === 'number' ? [by] : []) {
      const group = breakdown.groups[g];
      if (group !== undefined) breakdown.plans.forEach((plan, m) => addToAccumulator(plan, group[m] as MetricAccumulator, answers));
    }
  }
  codebook.benchmarks.forEach((benchmark, b) => {
    const answer = answers[codebook.questions.findIndex((q) => q.id === benchmark.question)];
    const counts = summary.benchmarkCounts[b];
    if (typeof answer === 'number' && counts !== undefined) counts[answer] = (counts[answer] ?? 0) + 1;
  });
  answers.forEach((answer, q) => {
    if (answer === null) summary.nonResponse[q] = (summary.nonResponse[q] ?? 0) + 1;
    const counts = summary.optionCounts[q];
    if (typeof answer === 'number' && counts !== undefined && counts.length > 0) counts[answer] = (counts[answer] ?? 0) + 1;
  });
  summary.quotes.forEach((quotes, q) => {
    const answer = answers[q];
    if (typeof answer === 'string') keepFirstRows(quotes, [{ row: response.row, text: answer }], quoteAnswer);
  });
  if (response.channel !== undefined) summary.channels.set(response.channel, (summary.channels.get(response.channel) ?? 0) + 1);
  if (summary.weighting !== undefined) addWeightedResponse(summary, summary.weighting, response);
  if (summary.auditWeighting !== undefined) addWeightedResponse(summary, summary.auditWeighting, response);
}

/**
 * Keeps the `limit` answers of the lowest rows, whatever order rows and parts arrive in (ties, as when two
 * exports both start at row 2, by text). `quote` prepares a new answer (masks and cuts it) and runs only on
 * answers that may be kept; merged parts arrive prepared already.
 */
function keepFirstRows(quotes: SurveySummary['quotes'][number], more: readonly { row: number; text: string }[], quote: (text: string) => string = (text) => text): void {
  if (quotes.limit === 0) return;
  const last = quotes.answers[quotes.limit - 1];
  const wanted = more.filter((a) => last === undefined || a.row <= last.row);
  if (wanted.length === 0) return;
  quotes.answers = [...quotes.answers, ...wanted.map((a) => ({ row: a.row, text: quote(a.text) }))]
    .sort((a, b) => a.row - b.row || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .slice(0, quotes.limit);
}

function addWeightedResponse(summary: SurveySummary, weighting: WeightedSummary, response: Response): void {
  const d = response.weight ?? 1;
  const cell = cellKey(weighting.plan, response.answers, d);
  if (cell === undefined) {
    weighting.unweightable++;
    return;
  }
  const total = weighting.cells.get(cell) ?? { n: 0, a1: 0, a2: 0, dMin: d, dMax: d };
  total.n++;
  total.a1 += d;
  total.a2 += d * d;
  total.dMin = Math.min(total.dMin, d);
  total.dMax = Math.max(total.dMax, d);
  weighting.cells.set(cell, total);
  const fold = (plan: MetricPlan, sums: WeightedSums[] | undefined): void => {
    weightedValues(plan, response.answers)?.forEach((y, v) => {
      const target = sums?.[v];
      if (target !== undefined && y !== null) addWeighted(target, cell, d, y);
    });
  };
  summary.plans.forEach((plan, m) => fold(plan, weighting.metrics[m]));
  weighting.benchmarks.forEach((options, b) => {
    const answer = response.answers[summary.benchmarkAt[b] ?? -1];
    if (typeof answer === 'number') options.forEach((sums, o) => addWeighted(sums, cell, d, o === answer ? 1 : 0));
  });
  if (weighting.breakdowns.length === 0) return;
  summary.breakdowns.forEach((breakdown, b) => {
    const by = response.answers[breakdown.at];
    const chosen = new Set(Array.isArray(by) ? by : typeof by === 'number' ? [by] : []);
    for (const g of chosen) breakdown.plans.forEach((plan, m) => fold(plan, weighting.breakdowns[b]?.[g]?.[m]));
    if (chosen.size === 0) return;
    breakdown.plans.forEach((plan, m) => {
      const rests = weighting.rests[b]?.[m];
      const y = rests === undefined ? null : (weightedValues(plan, response.answers)?.[0] ?? null);
      if (rests !== undefined && y !== null) rests.forEach((sums, g) => (chosen.has(g) ? undefined : addWeighted(sums, cell, d, y)));
      const tables = weighting.tables[b]?.[m];
      const values = tables === undefined ? null : weightedValues(plan, response.answers);
      if (tables === undefined || values === null) return;
      const column = values[0] === 1 ? 0 : 1;
      tables.forEach((table, g) => {
        const row = chosen.has(g) ? 0 : 1;
        table.forEach((sums, r) => sums.forEach((s, c) => addWeighted(s, cell, d, r === row && c === column ? 1 : 0)));
      });
    });
  });
}

/** `into` += `from`, for summaries of the same codebook (e.g. of two chunks of one export). */
export function mergeSummary(into: SurveySummary, from: SurveySummary): void {
  into.accepted += from.accepted;
  into.metrics.forEach((acc, i) => mergeAccumulator(acc, from.metrics[i] as MetricAccumulator));
  into.breakdowns.forEach((breakdown, b) => {
    breakdown.groups.forEach((group, g) => group.forEach((acc, m) => mergeAccumulator(acc, from.breakdowns[b]?.groups[g]?.[m] as MetricAccumulator)));
    breakdown.answered.forEach((acc, m) => mergeAccumulator(acc, from.breakdowns[b]?.answered[m] as MetricAccumulator));
  });
  into.benchmarkCounts.forEach((counts, b) => counts.forEach((_, i) => (counts[i] = (counts[i] ?? 0) + (from.benchmarkCounts[b]?.[i] ?? 0))));
  into.nonResponse.forEach((_, q) => (into.nonResponse[q] = (into.nonResponse[q] ?? 0) + (from.nonResponse[q] ?? 0)));
  into.optionCounts.forEach((counts, q) => counts.forEach((_, o) => (counts[o] = (counts[o] ?? 0) + (from.optionCounts[q]?.[o] ?? 0))));
  for (const [channel, count] of from.channels) into.channels.set(channel, (into.channels.get(channel) ?? 0) + count);
  into.quotes.forEach((quotes, q) => keepFirstRows(quotes, from.quotes[q]?.answers ?? []));
  mergeWeightedSummary(into.weighting, from.weighting);
  mergeWeightedSummary(into.auditWeighting, from.auditWeighting);
}

function mergeWeightedSummary(w: WeightedSummary | undefined, f: WeightedSummary | undefined): void {
  if (w === undefined || f === undefined) return;
  w.unweightable += f.unweightable;
  for (const [cell, t] of f.cells) {
    const c = w.cells.get(cell);
    w.cells.set(cell, c === undefined ? { ...t } : { n: c.n + t.n, a1: c.a1 + t.a1, a2: c.a2 + t.a2, dMin: Math.min(c.dMin, t.dMin), dMax: Math.max(c.dMax, t.dMax) });
  }
  w.metrics.forEach((sums, m) => sums.forEach((s, v) => mergeWeighted(s, f.metrics[m]?.[v] ?? new Map())));
  w.breakdowns.forEach((groups, b) =>
    groups.forEach((metrics, g) => metrics.forEach((sums, m) => sums.forEach((s, v) => mergeWeighted(s, f.breakdowns[b]?.[g]?.[m]?.[v] ?? new Map())))),
  );
  w.rests.forEach((metrics, b) => metrics.forEach((rests, m) => rests?.forEach((s, g) => mergeWeighted(s, f.rests[b]?.[m]?.[g] ?? new Map()))));
  w.benchmarks.forEach((options, b) => options.forEach((s, o) => mergeWeighted(s, f.benchmarks[b]?.[o] ?? new Map())));
  w.tables.forEach((metrics, b) =>
    metrics.forEach((tables, m) =>
      tables?.forEach((table, g) => table.forEach((sums, r) => sums.forEach((s, c) => mergeWeighted(s, f.tables[b]?.[m]?.[g]?.[r]?.[c] ?? new Map())))),
    ),
  );
}

/**
 * The same weighted summary with every per-cell map in sorted cell order. Floating-point sums depend on the
 * order they run in; cells are first met in row order, so sorting them makes the weighted results the same
 * bytes whatever the order of the rows.
 */
export function canonicalWeightedSummary(w: WeightedSummary): WeightedSummary {
  const sort = <T>(map: ReadonlyMap<string, T>): Map<string, T> => new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    ...w,
    cells: sort(w.cells),
    metrics: w.metrics.map((sums) => sums.map(sort)),
    breakdowns: w.breakdowns.map((groups) => groups.map((metrics) => metrics.map((sums) => sums.map(sort)))),
    tables: w.tables.map((metrics) => metrics.map((tables) => tables?.map((table) => table.map((row) => row.map(sort))))),
    benchmarks: w.benchmarks.map((options) => options.map(sort)),
    rests: w.rests.map((metrics) => metrics.map((rests) => rests?.map(sort))),
  };
}
