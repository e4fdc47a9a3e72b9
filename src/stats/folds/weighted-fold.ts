/**
 * The weighted side of the statistics, as per-cell sums (see weights/weighted-sums.ts): per weighting cell,
 * the design-weight totals; per metric id, the sums of each of its kind's variables; per breakdown (`by` id,
 * then metric id), the sums within each group and what the group's design-based test needs; per benchmarked
 * question id, the sums of each option's indicator. The audit's re-weighting keeps the metrics' sums only.
 */
import type { Fold, FoldReads } from '../../model/fold.ts';
import type { Response } from '../../model/response.ts';
import { valueOf } from '../kinds/value-kind.ts';
import { answerFor } from '../metric-plan.ts';
import type { CellTotal } from '../weights/calibrate.ts';
import { addToCellSums, addValue, canonicalValueSums, cellSumsOf, createValueSums, mergeValues, mergeWeighted, type CellSums, type ValueSums, type WeightedSums } from '../weights/weighted-sums.ts';
import { cellKey, type WeightingPlan } from '../weights/weighting-plan.ts';
import { groupsOf, type BreakdownPlan } from './breakdown-fold.ts';
import { plansReads, type KindPlan } from './metric-fold.ts';

export interface WeightedBreakdown {
  /** groups[g][v]: the sums of variable v within group g. */
  groups: WeightedSums[][];
  /** For a `domain` test (means, NPS): per group, the sums of the kind's value over those who answered `by` but are not in the group. */
  rests?: WeightedSums[];
  /** For a `table` test (shares): per group, the 2×2 table (in the group or not) × (success or not) of indicator sums over those who answered `by`. */
  tables?: WeightedSums[][][];
}

export interface WeightedState {
  plan: WeightingPlan;
  cells: Map<string, CellTotal>;
  /** Accepted respondents who did not answer a weighting question: they carry no weight. */
  unweightable: number;
  /** With a design: the design keys of those unweightable respondents, with their counts (they still make up its PSUs and strata). */
  outside: Map<string, number>;
  /** Per metric id: the sums of each of its variables. */
  metrics: Map<string, WeightedSums[]>;
  /** Per `by` question id, per metric id. */
  breakdowns: Map<string, Map<string, WeightedBreakdown>>;
  /** Per benchmarked question id (and, with the codebook's weighting, per likert question id): the sums of the indicator "chose option o", per option. */
  benchmarks: Map<string, WeightedSums[]>;
  /** Per metric id of a kind that keeps them (`weightedValues`: quantiles): per cell, per distinct answer, the sums of those who gave it. */
  values: Map<string, ValueSums>;
}

/** What is weighted: the metrics, and (not for the audit's re-weighting) the breakdowns and benchmarks. */
export interface WeightedScope {
  metrics: readonly KindPlan[];
  breakdowns: readonly BreakdownPlan[];
  /** Benchmarked questions: their id, where they sit in a response, and their number of options. */
  benchmarks: readonly { id: string; at: number; options: number }[];
}

const sums = (count: number): WeightedSums[] => Array.from({ length: count }, () => new Map());

/**
 * Every WeightedSums of a state, numbered in a fixed walk (`ids` gives the numbers in the order the fold adds
 * to them), and per cell the CellSums of each number: a response looks its cell up once, then finds each sum
 * by index. A cache beside the state, not part of it.
 */
interface Index {
  targets: WeightedSums[];
  ids: {
    metrics: number[][];
    benchmarks: number[][];
    breakdowns: { groups: number[][]; rests: number[] | undefined; tables: number[][][] | undefined }[][];
  };
  slots: Map<string, (CellSums | undefined)[]>;
}

/** `weightOf`: a respondent's design weight (absent: 1); the codebook's `weighting.column` unless told otherwise. */
export function weightedFold(plan: WeightingPlan, scope: WeightedScope, weightOf: (response: Response) => number | undefined = (response) => response.weight): Fold<WeightedState> {
  const indexes = new WeakMap<WeightedState, Index>();
  const indexOf = (state: WeightedState): Index => {
    let index = indexes.get(state);
    if (index === undefined) {
      const targets: WeightedSums[] = [];
      const id = (s: WeightedSums): number => targets.push(s) - 1;
      const ids: Index['ids'] = {
        metrics: scope.metrics.map(({ plan: p }) => (state.metrics.get(p.metric.id) ?? []).map(id)),
        benchmarks: scope.benchmarks.map((b) => (state.benchmarks.get(b.id) ?? []).map(id)),
        breakdowns: scope.breakdowns.map((entry) =>
          entry.plans.map(({ plan: p }) => {
            const w = state.breakdowns.get(entry.by)?.get(p.metric.id);
            return { groups: (w?.groups ?? []).map((group) => group.map(id)), rests: w?.rests?.map(id), tables: w?.tables?.map((table) => table.map((row) => row.map(id))) };
          }),
        ),
      };
      index = { targets, ids, slots: new Map() };
      indexes.set(state, index);
    }
    return index;
  };

  return {
    create: () => ({
      plan,
      cells: new Map(),
      unweightable: 0,
      outside: new Map(),
      metrics: new Map(scope.metrics.map(({ plan: p, kind }) => [p.metric.id, sums(kind.variables(p))])),
      breakdowns: new Map(
        scope.breakdowns.map((entry) => [
          entry.by,
          new Map(
            entry.plans.map(({ plan: p, kind }): [string, WeightedBreakdown] => {
              const test = kind.groups?.weightedTest;
              return [
                p.metric.id,
                {
                  groups: Array.from({ length: entry.options }, () => sums(kind.variables(p))),
                  ...(test === 'domain' ? { rests: sums(entry.options) } : {}),
                  ...(test === 'table' ? { tables: Array.from({ length: entry.options }, () => [sums(2), sums(2)]) } : {}),
                },
              ];
            }),
          ),
        ]),
      ),
      benchmarks: new Map(scope.benchmarks.map((b) => [b.id, sums(b.options)])),
      values: new Map(scope.metrics.filter(({ kind }) => kind.weightedValues === true).map(({ plan: p }) => [p.metric.id, createValueSums()])),
    }),
    add: (state, response) => addWeighted(state, response, weightOf(response) ?? 1, scope, indexOf(state)),
    merge(into, from) {
      // Merged cells get sums of their own: the per-cell index is rebuilt as responses come.
      indexes.delete(into);
      into.unweightable += from.unweightable;
      for (const [key, n] of from.outside) into.outside.set(key, (into.outside.get(key) ?? 0) + n);
      for (const [cell, t] of from.cells) {
        const c = into.cells.get(cell);
        into.cells.set(cell, c === undefined ? { ...t } : { n: c.n + t.n, a1: c.a1 + t.a1, a2: c.a2 + t.a2, dMin: Math.min(c.dMin, t.dMin), dMax: Math.max(c.dMax, t.dMax) });
      }
      const both = (a: readonly WeightedSums[] | undefined, b: readonly WeightedSums[] | undefined): void => a?.forEach((s, i) => mergeWeighted(s, b?.[i] ?? new Map()));
      for (const [id, s] of into.metrics) both(s, from.metrics.get(id));
      for (const [id, s] of into.benchmarks) both(s, from.benchmarks.get(id));
      for (const [id, sums] of into.values) mergeValues(sums, from.values.get(id) ?? createValueSums());
      for (const [by, metrics] of into.breakdowns) {
        for (const [id, w] of metrics) {
          const f = from.breakdowns.get(by)?.get(id);
          w.groups.forEach((group, g) => both(group, f?.groups[g]));
          both(w.rests, f?.rests);
          w.tables?.forEach((table, g) => table.forEach((row, r) => both(row, f?.tables?.[g]?.[r])));
        }
      }
    },
    split: () => splitWeighted(plan, scope, weightOf),
  };
}

/**
 * The weighted fold as parts: the cells' totals alone, then each metric, benchmark and breakdown (by one
 * metric) with its cell. Each reads the weighting's questions, the weights and the design, and its own answers.
 */
function splitWeighted(plan: WeightingPlan, scope: WeightedScope, weightOf: (response: Response) => number | undefined): ReturnType<NonNullable<Fold<WeightedState>['split']>> {
  const cellReads = (more: FoldReads): FoldReads => ({ questions: [...new Set([...plan.margins.map((m) => m.at), ...more.questions])], weights: true, design: true });
  const none: WeightedScope = { metrics: [], breakdowns: [], benchmarks: [] };
  const scopes: WeightedScope[] = [
    none,
    ...scope.metrics.map((m) => ({ ...none, metrics: [m] })),
    ...scope.benchmarks.map((b) => ({ ...none, benchmarks: [b] })),
    ...scope.breakdowns.flatMap((entry) => entry.plans.map((p) => ({ ...none, breakdowns: [{ ...entry, plans: [p] }] }))),
  ];
  const readsOf = (s: WeightedScope): FoldReads =>
    cellReads(plansReads(s.metrics, [...s.benchmarks.map((b) => b.at), ...s.breakdowns.flatMap((entry) => [entry.at, ...plansReads(entry.plans).questions])]));
  return {
    parts: scopes.map((s) => ({ reads: readsOf(s), fold: weightedFold(plan, s, weightOf) as Fold<unknown> })),
    join: (states) => {
      const [cells, ...rest] = states as WeightedState[];
      if (cells === undefined) throw new Error('a weighted fold split without its cells');
      const joined: WeightedState = { ...cells, metrics: new Map(), breakdowns: new Map(scope.breakdowns.map((entry) => [entry.by, new Map()])), benchmarks: new Map(), values: new Map() };
      for (const part of rest) {
        for (const [id, sums] of part.metrics) joined.metrics.set(id, sums);
        for (const [id, sums] of part.benchmarks) joined.benchmarks.set(id, sums);
        for (const [by, metrics] of part.breakdowns) for (const [id, b] of metrics) joined.breakdowns.get(by)?.set(id, b);
      }
      // Values in the order of the metrics that keep them, as `create` makes them.
      for (const part of rest) for (const [id, sums] of part.values) joined.values.set(id, sums);
      return joined;
    },
  };
}

function addWeighted(state: WeightedState, response: Response, d: number, scope: WeightedScope, { targets, ids, slots }: Index): void {
  const { answers } = response;
  // A weight that is not one (NaN: a bad cell in a weight column of `weightings`) weights nobody.
  const cell = Number.isNaN(d) ? undefined : cellKey(state.plan, response, d);
  if (cell === undefined) {
    state.unweightable++;
    if (state.plan.design !== undefined && response.design !== undefined) state.outside.set(response.design, (state.outside.get(response.design) ?? 0) + 1);
    return;
  }
  const total = state.cells.get(cell);
  if (total === undefined) state.cells.set(cell, { n: 1, a1: d, a2: d * d, dMin: d, dMax: d });
  else {
    total.n++;
    total.a1 += d;
    total.a2 += d * d;
    total.dMin = Math.min(total.dMin, d);
    total.dMax = Math.max(total.dMax, d);
  }
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
  for (let m = 0; m < scope.metrics.length; m++) {
    const { plan, kind } = scope.metrics[m] as KindPlan;
    const answer = answerFor(plan, answers);
    const variables = ids.metrics[m] ?? [];
    if (answer !== null) kind.addWeighted(plan, answer, answers, (v, y) => addAt(variables[v] ?? -1, y));
  }
  for (const [id, sums] of state.values) {
    const found = scope.metrics.find(({ plan }) => plan.metric.id === id);
    const answer = found === undefined ? null : answerFor(found.plan, answers);
    if (found !== undefined && answer !== null) addValue(sums, cell, valueOf(found.plan.question, answer), d);
  }
  for (let b = 0; b < scope.benchmarks.length; b++) {
    const answer = answers[scope.benchmarks[b]?.at ?? -1];
    const options = ids.benchmarks[b] ?? [];
    if (typeof answer === 'number') for (let o = 0; o < options.length; o++) addAt(options[o] ?? -1, o === answer ? 1 : 0);
  }
  scope.breakdowns.forEach((entry, b) => {
    const by = groupsOf(entry, answers);
    const chosen = new Set(Array.isArray(by) ? by : typeof by === 'number' ? [by] : []);
    if (chosen.size === 0) return;
    entry.plans.forEach(({ plan, kind }, m) => {
      const answer = answerFor(plan, answers);
      const at = ids.breakdowns[b]?.[m];
      if (answer === null || at === undefined) return;
      for (const g of chosen) {
        const variables = at.groups[g] ?? [];
        kind.addWeighted(plan, answer, answers, (v, y) => addAt(variables[v] ?? -1, y));
      }
      const y = kind.groups?.value(plan, answer);
      if (y === undefined) return;
      at.rests?.forEach((t, g) => (chosen.has(g) ? undefined : addAt(t, y)));
      // The 2×2 table: row 0 in the group, row 1 the rest; column 0 a success, column 1 not.
      const column = y === 1 ? 0 : 1;
      at.tables?.forEach((table, g) => {
        const row = chosen.has(g) ? 0 : 1;
        table.forEach((ts, r) => ts.forEach((t, c) => addAt(t, r === row && c === column ? 1 : 0)));
      });
    });
  });
}

/**
 * The same state with every per-cell map in sorted cell order. Floating-point sums depend on the order they
 * run in; cells are first met in row order, so sorting them makes the weighted results the same bytes
 * whatever the order of the rows.
 */
export function canonicalWeightedState(w: WeightedState): WeightedState {
  const sort = <T>(map: ReadonlyMap<string, T>): Map<string, T> => new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const all = (list: readonly WeightedSums[]): WeightedSums[] => list.map(sort);
  return {
    ...w,
    cells: sort(w.cells),
    outside: sort(w.outside),
    metrics: new Map([...w.metrics].map(([id, s]) => [id, all(s)])),
    benchmarks: new Map([...w.benchmarks].map(([id, s]) => [id, all(s)])),
    values: new Map([...w.values].map(([id, sums]) => [id, canonicalValueSums(sums)])),
    breakdowns: new Map(
      [...w.breakdowns].map(([by, metrics]) => [
        by,
        new Map(
          [...metrics].map(([id, b]): [string, WeightedBreakdown] => [
            id,
            {
              groups: b.groups.map(all),
              ...(b.rests === undefined ? {} : { rests: all(b.rests) }),
              ...(b.tables === undefined ? {} : { tables: b.tables.map((table) => table.map(all)) }),
            },
          ]),
        ),
      ]),
    ),
  };
}
