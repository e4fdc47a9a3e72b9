/**
 * Everything the statistics and the audit need from the accepted responses, as mergeable counts: one
 * accumulator per metric, one per breakdown group and metric, option counts of benchmarked questions, item
 * non-response per question, responses per channel. Responses are folded in one at a time and never kept.
 */
import type { Codebook } from '../codebook/schema.ts';
import { detachString } from '../util/detach-string.ts';
import { quoteAnswer } from '../util/mask-contacts.ts';
import type { Response } from '../validate/answer.ts';
import { addToAccumulator, addWeightedValues, createAccumulator, mergeAccumulator, weightedValue, type MetricAccumulator } from './metric-accumulator.ts';
import { planMetric, type MetricPlan } from './metric-plan.ts';
import type { CellTotal } from './weights/calibrate.ts';
import { addToCellSums, cellSumsOf, mergeWeighted, type CellSums, type WeightedSums } from './weights/weighted-sums.ts';
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

/**
 * Every WeightedSums of a weighted summary, numbered (`ids` gives the numbers in the summary's shapes), and
 * per cell the CellSums of each number: a response looks its cell up once, then finds each sum by index.
 * A cache beside the summary, not part of it.
 */
interface WeightedIndex {
  targets: WeightedSums[];
  ids: WeightedIds;
  slots: Map<string, (CellSums | undefined)[]>;
}

const indexes = new WeakMap<WeightedSummary, WeightedIndex>();

function indexOf(w: WeightedSummary): WeightedIndex {
  let index = indexes.get(w);
  if (index === undefined) {
    index = { ...numberTargets(w), slots: new Map() };
    indexes.set(w, index);
  }
  return index;
}

interface WeightedIds {
  metrics: number[][];
  breakdowns: number[][][][];
  tables: (number[][][] | undefined)[][];
  rests: (number[] | undefined)[][];
  benchmarks: number[][];
}

/** Numbers every WeightedSums of a weighted summary, walking its shapes. */
function numberTargets(w: WeightedSummary): { targets: WeightedSums[]; ids: WeightedIds } {
  const targets: WeightedSums[] = [];
  const id = (sums: WeightedSums): number => targets.push(sums) - 1;
  const ids: WeightedIds = {
    metrics: w.metrics.map((sums) => sums.map(id)),
    breakdowns: w.breakdowns.map((groups) => groups.map((metrics) => metrics.map((sums) => sums.map(id)))),
    tables: w.tables.map((metrics) => metrics.map((tables) => tables?.map((table) => table.map((row) => row.map(id))))),
    rests: w.rests.map((metrics) => metrics.map((rests) => rests?.map(id))),
    benchmarks: w.benchmarks.map((options) => options.map(id)),
  };
  return { targets, ids };
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
  const weighted = (plan: WeightingPlan | undefined, withBreakdowns: boolean): WeightedSummary | undefined => {
    if (plan === undefined) return undefined;
    const sums = {
      metrics: plans.map(emptySums),
      breakdowns: withBreakdowns ? codebook.breakdowns.map((b, i) => Array.from({ length: optionCount(b.by) }, () => (breakdownPlans[i] ?? []).map(emptySums))) : [],
      tables: withBreakdowns ? codebook.breakdowns.map((b, i) => (breakdownPlans[i] ?? []).map((p) => emptyTables(p, optionCount(b.by)))) : [],
      rests: withBreakdowns ? codebook.breakdowns.map((b, i) => (breakdownPlans[i] ?? []).map((p) => emptyRests(p, optionCount(b.by)))) : [],
      benchmarks: withBreakdowns ? codebook.benchmarks.map((b) => Array.from({ length: optionCount(b.question) }, () => new Map())) : [],
    };
    return { plan, cells: new Map(), unweightable: 0, ...sums };
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
  // Plain loops: this runs for every accepted row.
  const addAll = (plans: readonly MetricPlan[], accumulators: readonly MetricAccumulator[]): void => {
    for (let m = 0; m < plans.length; m++) addToAccumulator(plans[m] as MetricPlan, accumulators[m] as MetricAccumulator, answers);
  };
  addAll(summary.plans, summary.metrics);
  for (const breakdown of summary.breakdowns) {
    const by = answers[breakdown.at];
    if (by === null || by === undefined) continue;
    addAll(breakdown.plans, breakdown.answered);
    // A multi-select puts a respondent in every group chosen.
    if (typeof by === 'number') addAll(breakdown.plans, breakdown.groups[by] ?? []);
    else if (Array.isArray(by)) for (const g of by) addAll(breakdown.plans, breakdown.groups[g] ?? []);
  }
  for (let b = 0; b < summary.benchmarkAt.length; b++) {
    const answer = answers[summary.benchmarkAt[b] ?? -1];
    const counts = summary.benchmarkCounts[b];
    if (typeof answer === 'number' && counts !== undefined) counts[answer] = (counts[answer] ?? 0) + 1;
  }
  for (let q = 0; q < answers.length; q++) {
    const answer = answers[q];
    if (answer === null) summary.nonResponse[q] = (summary.nonResponse[q] ?? 0) + 1;
    const counts = summary.optionCounts[q];
    if (typeof answer === 'number' && counts !== undefined && counts.length > 0) counts[answer] = (counts[answer] ?? 0) + 1;
    const quotes = summary.quotes[q];
    if (quotes !== undefined && quotes.limit > 0 && typeof answer === 'string') keepFirstRows(quotes, [{ row: response.row, text: answer }], (text) => detachString(quoteAnswer(text)));
  }
  if (response.channel !== undefined) {
    const count = summary.channels.get(response.channel);
    summary.channels.set(count === undefined ? detachString(response.channel) : response.channel, (count ?? 0) + 1);
  }
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
  const { answers } = response;
  const d = response.weight ?? 1;
  const cell = cellKey(weighting.plan, answers, d);
  if (cell === undefined) {
    weighting.unweightable++;
    return;
  }
  const total = weighting.cells.get(cell);
  if (total === undefined) weighting.cells.set(cell, { n: 1, a1: d, a2: d * d, dMin: d, dMax: d });
  else {
    total.n++;
    total.a1 += d;
    total.a2 += d * d;
    total.dMin = Math.min(total.dMin, d);
    total.dMax = Math.max(total.dMax, d);
  }
  const { targets, ids, slots } = indexOf(weighting);
  let slot = slots.get(cell);
  if (slot === undefined) {
    slot = [];
    slots.set(cell, slot);
  }
  /** Adds value y to sum number t, in this response's cell. */
  const addAt = (t: number, y: number): void => {
    const c = (slot[t] ??= cellSumsOf(targets[t] as WeightedSums, cell));
    addToCellSums(c, d, y);
  };
  for (let m = 0; m < summary.plans.length; m++) {
    const plan = summary.plans[m] as MetricPlan;
    const variables = ids.metrics[m] ?? [];
    addWeightedValues(plan, answers, (v, y) => addAt(variables[v] ?? -1, y));
  }
  for (let b = 0; b < ids.benchmarks.length; b++) {
    const answer = answers[summary.benchmarkAt[b] ?? -1];
    const options = ids.benchmarks[b] ?? [];
    if (typeof answer === 'number') for (let o = 0; o < options.length; o++) addAt(options[o] ?? -1, o === answer ? 1 : 0);
  }
  if (ids.breakdowns.length === 0) return;
  summary.breakdowns.forEach((breakdown, b) => {
    const by = answers[breakdown.at];
    const chosen = new Set(Array.isArray(by) ? by : typeof by === 'number' ? [by] : []);
    for (const g of chosen) {
      breakdown.plans.forEach((plan, m) => {
        const variables = ids.breakdowns[b]?.[g]?.[m] ?? [];
        addWeightedValues(plan, answers, (v, y) => addAt(variables[v] ?? -1, y));
      });
    }
    if (chosen.size === 0) return;
    breakdown.plans.forEach((plan, m) => {
      const rests = ids.rests[b]?.[m];
      const y = rests === undefined ? null : weightedValue(plan, answers);
      if (rests !== undefined && y !== null) rests.forEach((t, g) => (chosen.has(g) ? undefined : addAt(t, y)));
      const tables = ids.tables[b]?.[m];
      const value = tables === undefined ? null : weightedValue(plan, answers);
      if (tables === undefined || value === null) return;
      const column = value === 1 ? 0 : 1;
      tables.forEach((table, g) => {
        const row = chosen.has(g) ? 0 : 1;
        table.forEach((ts, r) => ts.forEach((t, c) => addAt(t, r === row && c === column ? 1 : 0)));
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
  // Merged cells get sums of their own: the per-cell index is rebuilt from the maps as responses come.
  indexes.delete(w);
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
