/**
 * The counts behind the banner tables, per table, per stub, per column (Total first, then each banner
 * group's columns in order): the respondents in the stub's base, how many count in each share row, and how
 * many gave each value; when the codebook weights, per row variable the per-cell weighted sums (weights/
 * weighted-sums.ts) that a weighted share, mean and their design-based tests need.
 */
import type { Fold, FoldSplit } from '../../model/fold.ts';
import type { Response } from '../../model/response.ts';
import { addToCellSums, cellSumsOf, mergeWeighted, type CellSums, type WeightedSums } from '../weights/weighted-sums.ts';
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

/** A stub's share rows as the fold walks them: for each level, the share rows (numbered as stubVariables) it counts in. */
interface StubLayout {
  stub: StubPlan;
  shares: number;
  ofLevel: number[][];
}

function stubLayout(stub: StubPlan): StubLayout {
  const shareRows = stub.rows.filter((row) => row.levels.size > 0);
  const top = Math.max(-1, ...shareRows.flatMap((row) => [...row.levels]));
  const ofLevel = Array.from({ length: top + 1 }, (_, level) => shareRows.flatMap((row, v) => (row.levels.has(level) ? [v] : [])));
  return { stub, shares: shareRows.length, ofLevel };
}

export function tableFold(plans: readonly TablePlan[], weighting?: WeightingPlan): Fold<TableState[]> {
  const widths = plans.map(columnCount);
  const variables = plans.map((plan) => plan.stubs.map(stubVariables));
  const layouts = plans.map((plan) => plan.stubs.map(stubLayout));
  // Scratch space reused for every respondent: the columns they are in, the share rows they count in.
  const columns: number[] = [0];
  const hits = new Uint8Array(Math.max(0, ...layouts.flat().map((l) => l.shares)));
  // Weighted: every WeightedSums numbered (first[t][s][c] the first of stub s in column c, its variables in
  // order), and per weighting cell the CellSums of each number, so a respondent looks their cell up once.
  const indexes = new WeakMap<TableState[], { first: number[][][]; targets: WeightedSums[]; slots: Map<string, (CellSums | undefined)[]> }>();
  const indexOf = (states: TableState[]) => {
    let index = indexes.get(states);
    if (index === undefined) {
      const targets: WeightedSums[] = [];
      const first = states.map((state) => (state.sums ?? []).map((block) => block.map((column) => targets.push(...column) - column.length)));
      index = { first, targets, slots: new Map() };
      indexes.set(states, index);
    }
    return index;
  };
  return {
    split: () => splitTables(plans, weighting),
    create: () =>
      plans.map((plan, t) => ({
        blocks: plan.stubs.map((_, s) => Array.from({ length: widths[t] ?? 0 }, () => ({ n: 0, counts: new Array<number>(variables[t]?.[s]?.shares ?? 0).fill(0), values: new Map() }))),
        ...(weighting === undefined ? {} : { sums: plan.stubs.map((_, s) => Array.from({ length: widths[t] ?? 0 }, () => Array.from({ length: variables[t]?.[s]?.count ?? 0 }, () => new Map()))) }),
      })),
    add(states, response: Response) {
      const cell = weighting === undefined ? undefined : cellKey(weighting, response, response.weight ?? 1);
      const d = response.weight ?? 1;
      const { answers } = response;
      for (let t = 0; t < plans.length; t++) {
        const plan = plans[t] as TablePlan;
        const state = states[t] as TableState;
        columns.length = 1;
        let offset = 1;
        for (const group of plan.groups) {
          for (const c of group.of(answers)) columns.push(offset + c);
          offset += group.columns.length;
        }
        const stubs = layouts[t] as StubLayout[];
        const index = cell === undefined || state.sums === undefined ? undefined : indexOf(states);
        let slot: (CellSums | undefined)[] = [];
        if (index !== undefined && cell !== undefined) {
          slot = index.slots.get(cell) ?? [];
          if (!index.slots.has(cell)) index.slots.set(cell, slot);
        }
        /** Adds y to sum number k, in this respondent's cell. */
        const addAt = (k: number, y: number): void => addToCellSums((slot[k] ??= cellSumsOf(index?.targets[k] as WeightedSums, cell as string)), d, y);
        for (let s = 0; s < stubs.length; s++) {
          const { stub, shares, ofLevel } = stubs[s] as StubLayout;
          const seen = stub.observe(answers);
          if (seen === null) continue;
          // Which share rows the respondent counts in (once each, however many of a row's levels they chose).
          hits.fill(0, 0, shares);
          for (const level of seen.levels) for (const v of ofLevel[level] ?? []) hits[v] = 1;
          const block = state.blocks[s] as StubCounts[];
          for (const c of columns) {
            const counts = block[c] as StubCounts;
            counts.n++;
            for (let v = 0; v < shares; v++) if (hits[v] === 1) counts.counts[v] = (counts.counts[v] ?? 0) + 1;
            if (seen.value !== null) counts.values.set(seen.value, (counts.values.get(seen.value) ?? 0) + 1);
          }
          if (index === undefined) continue;
          for (const c of columns) {
            const k = index.first[t]?.[s]?.[c] ?? 0;
            for (let v = 0; v < shares; v++) addAt(k + v, hits[v] ?? 0);
            // The value (mean, SD, NPS rows) is the variable after the share rows.
            if (stub.values) addAt(k + shares, seen.value ?? 0);
          }
        }
      }
    },
    merge(into, from) {
      // Merged cells get sums of their own: the per-cell index is rebuilt as responses come.
      indexes.delete(into);
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

/** Tables as parts of one stub each, reading the banner's answers and the stub's (and, weighted, the cell's). */
function splitTables(plans: readonly TablePlan[], weighting: WeightingPlan | undefined): FoldSplit<TableState[]> {
  const pieces = plans.flatMap((plan, t) => plan.stubs.map((stub) => ({ t, plan: { ...plan, stubs: [stub] } })));
  return {
    parts: pieces.map(({ plan }) => ({
      reads: {
        questions: [...new Set([...plan.groups.flatMap((g) => g.reads), ...(plan.stubs[0]?.reads ?? []), ...(weighting?.margins.map((m) => m.at) ?? [])])],
        ...(weighting === undefined ? {} : { weights: true, design: true }),
      },
      fold: tableFold([plan], weighting) as Fold<unknown>,
    })),
    join: (states) =>
      plans.map((_, t) => {
        const mine = pieces.flatMap((piece, i) => (piece.t === t ? [(states[i] as TableState[])[0] as TableState] : []));
        const blocks = mine.flatMap((state) => state.blocks);
        return weighting === undefined ? { blocks } : { blocks, sums: mine.flatMap((state) => state.sums ?? []) };
      }),
  };
}
