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
