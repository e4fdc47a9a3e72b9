/**
 * Mergeable sums for a weighted, design-based estimate of one variable y over a domain, kept per weighting
 * cell (a combination of answers to the weighting questions). Respondents in one cell share the
 * calibration factor g, so with d the design weight, Σ w·y = g·Σ d·y and Σ w²·y² = g²·Σ d²·y²: these
 * per-cell sums are all that the estimate and its linearised variance need, whatever the number of rows.
 */
export interface CellSums {
  n: number;
  /** Σ y, Σ d, Σ d², Σ d·y, Σ d·y², Σ d²·y, Σ d²·y² over the domain's respondents in the cell. */
  s0y: number;
  s1: number;
  s2: number;
  s1y: number;
  s1yy: number;
  s2y: number;
  s2yy: number;
}

export type WeightedSums = Map<string, CellSums>;

export function addWeighted(sums: WeightedSums, cell: string, d: number, y: number): void {
  addToCellSums(cellSumsOf(sums, cell), d, y);
}

/** The sums of `cell`, made (all zero) when the cell has none yet. */
export function cellSumsOf(sums: WeightedSums, cell: string): CellSums {
  let c = sums.get(cell);
  if (c === undefined) {
    c = { n: 0, s0y: 0, s1: 0, s2: 0, s1y: 0, s1yy: 0, s2y: 0, s2yy: 0 };
    sums.set(cell, c);
  }
  return c;
}

/** One respondent with design weight `d` and value `y`, into the sums of its cell. */
export function addToCellSums(c: CellSums, d: number, y: number): void {
  c.n++;
  c.s1 += d;
  c.s2 += d * d;
  // Most variables are 0/1 indicators; adding the zero terms of y = 0 would change nothing.
  if (y === 0) return;
  c.s0y += y;
  c.s1y += d * y;
  c.s1yy += d * y * y;
  c.s2y += d * d * y;
  c.s2yy += d * d * y * y;
}

export function mergeWeighted(into: WeightedSums, from: WeightedSums): void {
  for (const [cell, f] of from) {
    const c = into.get(cell);
    if (c === undefined) into.set(cell, { ...f });
    else {
      c.n += f.n;
      c.s0y += f.s0y;
      c.s1 += f.s1;
      c.s2 += f.s2;
      c.s1y += f.s1y;
      c.s1yy += f.s1yy;
      c.s2y += f.s2y;
      c.s2yy += f.s2yy;
    }
  }
}

/**
 * Per weighting cell, per distinct answer: respondents, Σ d and Σ d² of those who gave it. What a quantile's
 * interval needs (the sums of the indicator "answer ≤ q" for any q). The answers are numbered once for all
 * cells; each cell keeps the answers it has (answer number → slot) and their sums in one flat array (slot s at
 * 3s, 3s + 1, 3s + 2). A million respondents with thousands of distinct answers in thousands of cells stay a
 * map and an array per cell, not millions of small objects, and a cell holds only the answers given in it.
 */
export interface ValueSums {
  /** The distinct answers, numbered in the order first met (in ascending order once canonical). */
  values: number[];
  index: Map<number, number>;
  cells: Map<string, CellValues>;
}

export interface CellValues {
  /** Answer number → slot, slots in the order first met (in ascending answer order once canonical). */
  slots: Map<number, number>;
  sums: Float64Array;
}

export function createValueSums(): ValueSums {
  return { values: [], index: new Map(), cells: new Map() };
}

/** The number of an answer, numbered now if new. */
function numberOf(sums: ValueSums, value: number): number {
  let i = sums.index.get(value);
  if (i === undefined) {
    i = sums.values.push(value) - 1;
    sums.index.set(value, i);
  }
  return i;
}

/** Adds n respondents with Σ d = s1 and Σ d² = s2 to answer number i in a cell. */
function addTo(sums: ValueSums, cell: string, i: number, n: number, s1: number, s2: number): void {
  let values = sums.cells.get(cell);
  if (values === undefined) sums.cells.set(cell, (values = { slots: new Map(), sums: new Float64Array(24) }));
  let slot = values.slots.get(i);
  if (slot === undefined) {
    slot = values.slots.size;
    values.slots.set(i, slot);
    if (3 * slot + 2 >= values.sums.length) {
      const grown = new Float64Array(2 * values.sums.length);
      grown.set(values.sums);
      values.sums = grown;
    }
  }
  const a = values.sums;
  a[3 * slot] = (a[3 * slot] ?? 0) + n;
  a[3 * slot + 1] = (a[3 * slot + 1] ?? 0) + s1;
  a[3 * slot + 2] = (a[3 * slot + 2] ?? 0) + s2;
}

export function addValue(sums: ValueSums, cell: string, value: number, d: number): void {
  addTo(sums, cell, numberOf(sums, value), 1, d, d * d);
}

export function mergeValues(into: ValueSums, from: ValueSums): void {
  const numbers = from.values.map((value) => numberOf(into, value));
  for (const [cell, f] of from.cells) {
    for (const [j, slot] of f.slots) addTo(into, cell, numbers[j] ?? -1, f.sums[3 * slot] ?? 0, f.sums[3 * slot + 1] ?? 0, f.sums[3 * slot + 2] ?? 0);
  }
}

/** Each answer a cell holds, in slot order: its number and sums. */
export function* cellEntries(values: CellValues): Generator<[number, number, number, number]> {
  const a = values.sums;
  for (const [i, slot] of values.slots) yield [i, a[3 * slot] ?? 0, a[3 * slot + 1] ?? 0, a[3 * slot + 2] ?? 0];
}

/**
 * The same sums with the answers numbered in ascending order, each cell's slots in that order and the cells
 * in sorted order, so that what is computed from them does not depend on the order the rows came in.
 */
export function canonicalValueSums(sums: ValueSums): ValueSums {
  const values = [...sums.values].sort((a, b) => a - b);
  const index = new Map(values.map((value, i) => [value, i]));
  const renumber = sums.values.map((value) => index.get(value) ?? -1);
  const cells = new Map<string, CellValues>();
  for (const cell of [...sums.cells.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const f = sums.cells.get(cell) as CellValues;
    const entries = [...cellEntries(f)].map(([j, n, s1, s2]): [number, number, number, number] => [renumber[j] ?? -1, n, s1, s2]).sort((a, b) => a[0] - b[0]);
    const a = new Float64Array(Math.max(3, 3 * entries.length));
    const slots = new Map<number, number>();
    entries.forEach(([i, n, s1, s2], slot) => {
      slots.set(i, slot);
      a[3 * slot] = n;
      a[3 * slot + 1] = s1;
      a[3 * slot + 2] = s2;
    });
    cells.set(cell, { slots, sums: a });
  }
  return { values, index, cells };
}
