/**
 * Correlations over a key-driver analysis's complete cases (rows of `width` values, the outcome first), with
 * weights when the survey is weighted (all 1 otherwise):
 *
 * - the Pearson correlation matrix from weighted means and cross-products (what `cov.wt(cor = TRUE)` gives);
 * - Spearman's ρ: Pearson's r of the values' mid-ranks, a value's rank being the weight of the rows below it
 *   plus half the weight of its ties (the usual mid-rank, shifted by ½, when every weight is 1);
 * - intervals by Fisher's z: tanh(atanh(r) ± z·se), se = 1/√(n − 3) for Pearson's r and √((1 + ρ²/2)/(n − 3))
 *   for Spearman's ρ (Bonett and Wright 2000), n being Kish's effective n (Σw)²/Σw² when weighted.
 *
 * Pure.
 */
import { normalQuantile } from '../distributions.ts';
import { correlationOf } from '../reliability/reliability-fold.ts';

/** The correlation matrix of the table's columns over `rows` (repeats allowed), weighted by `weights[row]`; null when a column does not vary. */
export function correlationMatrix(values: ArrayLike<number>, width: number, rows: readonly number[], weights?: ArrayLike<number>): number[][] | null {
  const cross = crossProducts(values, width, rows, weights);
  return cross === null ? null : correlationsOf(cross);
}

/** The correlation matrix of centred cross-products (any scale: covariances too); null when a column does not vary. */
export function correlationsOf(cross: readonly (readonly number[])[]): number[][] | null {
  return correlationOf(cross)?.map((line) => line.map(clampR)) ?? null;
}

/** Each later column's correlation with the first (the outcome), from centred cross-products: null for a column, or all, that does not vary. */
export function outcomeCorrelations(cross: readonly (readonly number[])[] | null, width: number): (number | null)[] {
  const sd = cross?.map((line, i) => Math.sqrt(line[i] ?? 0));
  return Array.from({ length: width - 1 }, (_, j) => {
    const [a, b] = [sd?.[0] ?? 0, sd?.[j + 1] ?? 0];
    return a > 0 && b > 0 ? clampR((cross?.[0]?.[j + 1] ?? 0) / (a * b)) : null;
  });
}

/** Σ w·(x_i − x̄_i)(x_j − x̄_j), the means weighted (a symmetric matrix); null without weight. */
export function crossProducts(values: ArrayLike<number>, width: number, rows: readonly number[], weights?: ArrayLike<number>): number[][] | null {
  const means = new Array<number>(width).fill(0);
  let total = 0;
  for (const r of rows) {
    const w = weights === undefined ? 1 : (weights[r] as number);
    total += w;
    for (let i = 0; i < width; i++) means[i] = (means[i] ?? 0) + w * (values[r * width + i] ?? 0);
  }
  if (!(total > 0)) return null;
  for (let i = 0; i < width; i++) means[i] = (means[i] ?? 0) / total;
  const cross = Array.from({ length: width }, () => new Array<number>(width).fill(0));
  const centred = new Float64Array(width);
  for (const r of rows) {
    const w = weights === undefined ? 1 : (weights[r] as number);
    if (w === 0) continue;
    for (let i = 0; i < width; i++) centred[i] = (values[r * width + i] as number) - (means[i] as number);
    for (let i = 0; i < width; i++) {
      const a = w * (centred[i] as number);
      const line = cross[i] as number[];
      for (let j = i; j < width; j++) line[j] = (line[j] as number) + a * (centred[j] as number);
    }
  }
  // Summed over the upper triangle only, mirrored below.
  for (let i = 0; i < width; i++) for (let j = 0; j < i; j++) (cross[i] as number[])[j] = cross[j]?.[i] ?? 0;
  return cross;
}

/** Rounding can carry a correlation of ±1 just past it. */
function clampR(r: number): number {
  return Math.max(-1, Math.min(1, r));
}

/** Each column replaced by its (weighted) mid-ranks, over every row of the table. */
export function midRanks(values: readonly number[], width: number, weights?: ArrayLike<number>): number[] {
  const n = Math.floor(values.length / width);
  const ranked = new Array<number>(values.length).fill(0);
  const order = Array.from({ length: n }, (_, r) => r);
  for (let i = 0; i < width; i++) {
    const at = (r: number): number => values[r * width + i] ?? 0;
    order.sort((a, b) => at(a) - at(b) || a - b);
    let below = 0;
    for (let start = 0; start < n; ) {
      let end = start;
      let tied = 0;
      while (end < n && at(order[end] as number) === at(order[start] as number)) {
        tied += weights === undefined ? 1 : (weights[order[end] as number] as number);
        end++;
      }
      for (let k = start; k < end; k++) ranked[(order[k] as number) * width + i] = below + tied / 2;
      below += tied;
      start = end;
    }
  }
  return ranked;
}

/** Fisher's z interval for a correlation at `level`; `spearman` widens it as Bonett and Wright do. Null when n ≤ 3. */
export function fisherInterval(r: number, n: number, level: number, spearman: boolean): [number, number] | null {
  if (!(n > 3)) return null;
  // A perfect correlation has no spread to show (atanh(±1) is infinite).
  if (Math.abs(r) >= 1) return [r, r];
  const se = Math.sqrt((spearman ? 1 + (r * r) / 2 : 1) / (n - 3));
  const z = Math.atanh(r);
  const half = normalQuantile(1 - (1 - level) / 2) * se;
  return [Math.tanh(z - half), Math.tanh(z + half)];
}
