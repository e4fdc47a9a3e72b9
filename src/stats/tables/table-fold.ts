/**
 * The counts behind the banner tables, per table, per stub, per column (Total first, then each banner
 * group's columns in order): the respondents in the stub's base, how many counted each level, and how many
 * gave each value; when the codebook weights, per row variable the per-cell weighted sums (weights/
 * weighted-sums.ts) that a weighted share, mean and their design-based tests need.
 */
import type { Fold } from '../../model/fold.ts';
import type { Response } from '../../model/response.ts';
import { addToCellSums, cellSumsOf, mergeWeighted, type WeightedSums } from '../weights/weighted-sums.ts';
import { cellKey, type WeightingPlan } from '../weights/weighting-plan.ts';
import type { StubPlan, TablePlan } from './table-plan.ts';

/** One stub in one column. */
export interface StubCounts {
  /** Respondents in the stub's base. */
  n: number;
  /** Per share row (stubVariables' numbering): respondents who chose any of its levels. */
  counts: number[];
  /** Respondents per value (mean rows, NPS scores). */
  values: Map<number, number>;
}

export interface TableState {
  /** blocks[s][c]: stub s in column c. */
  blocks: StubCounts[][];
  /** Weighted: sums[s][c][v], v a variable of stub s (stubVariables). */
  sums?: WeightedSums[][][];
}

/** The columns of a table: Total, then each group's. */
export function columnCount(plan: TablePlan): number {
  return 1 + plan.groups.reduce((total, group) => total + group.columns.length, 0);
}

/**
 * A stub's variables: the indicator of each share row (any of its levels chosen), numbered in row order,
 * then the value (mean, SD and NPS rows) when it has one. `ofRow` gives each row's variable.
 */
export function stubVariables(stub: StubPlan): { count: number; shares: number; ofRow: number[]; value: number } {
  let count = 0;
  const ofRow = stub.rows.map((row) => (row.levels.size > 0 ? count++ : -1));
  const shares = count;
  const value = stub.values ? count++ : -1;
  return { count, shares, ofRow: ofRow.map((v) => (v === -1 ? value : v)), value };
}

export function tableFold(plans: readonly TablePlan[], weighting?: WeightingPlan): Fold<TableState[]> {
  const widths = plans.map(columnCount);
  const variables = plans.map((plan) => plan.stubs.map(stubVariables));
  return {
    create: () =>
      plans.map((plan, t) => ({
        blocks: plan.stubs.map((_, s) => Array.from({ length: widths[t] ?? 0 }, () => ({ n: 0, counts: new Array<number>(variables[t]?.[s]?.shares ?? 0).fill(0), values: new Map() }))),
        ...(weighting === undefined ? {} : { sums: plan.stubs.map((_, s) => Array.from({ length: widths[t] ?? 0 }, () => Array.from({ length: variables[t]?.[s]?.count ?? 0 }, () => new Map()))) }),
      })),
    add(states, response: Response) {
      const cell = weighting === undefined ? undefined : cellKey(weighting, response, response.weight ?? 1);
      const d = response.weight ?? 1;
      plans.forEach((plan, t) => {
        const state = states[t] as TableState;
        const columns = [0];
        let offset = 1;
        for (const group of plan.groups) {
          for (const c of group.of(response.answers)) columns.push(offset + c);
          offset += group.columns.length;
        }
        plan.stubs.forEach((stub, s) => {
          const seen = stub.observe(response.answers);
          if (seen === null) return;
          // The respondent's value of each variable: 1 or 0 per share row, then the value.
          const ys = stub.rows.flatMap((row) => (row.levels.size > 0 ? [seen.levels.some((level) => row.levels.has(level)) ? 1 : 0] : []));
          const shares = ys.length;
          if (stub.values) ys.push(seen.value ?? 0);
          const block = state.blocks[s] as StubCounts[];
          for (const c of columns) {
            const counts = block[c] as StubCounts;
            counts.n++;
            for (let v = 0; v < shares; v++) counts.counts[v] = (counts.counts[v] ?? 0) + (ys[v] ?? 0);
            if (seen.value !== null) counts.values.set(seen.value, (counts.values.get(seen.value) ?? 0) + 1);
          }
          if (cell === undefined || state.sums === undefined) return;
          for (const c of columns) {
            const sums = state.sums[s]?.[c] as WeightedSums[];
            ys.forEach((y, v) => addToCellSums(cellSumsOf(sums[v] as WeightedSums, cell), d, y));
          }
        });
      });
    },
    merge(into, from) {
      into.forEach((state, t) => {
        const other = from[t] as TableState;
        state.blocks.forEach((block, s) =>
          block.forEach((counts, c) => {
            const f = other.blocks[s]?.[c] as StubCounts;
            counts.n += f.n;
            f.counts.forEach((k, v) => (counts.counts[v] = (counts.counts[v] ?? 0) + k));
            for (const [value, k] of f.values) counts.values.set(value, (counts.values.get(value) ?? 0) + k);
          }),
        );
        state.sums?.forEach((block, s) => block.forEach((column, c) => column.forEach((sums, v) => mergeWeighted(sums, other.sums?.[s]?.[c]?.[v] ?? new Map()))));
      });
    },
  };
}
