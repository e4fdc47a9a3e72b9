/**
 * How much of a linear model's R² each driver accounts for, from the correlation matrix of the outcome and
 * the drivers (complete cases), two ways:
 *
 * - LMG (Lindeman, Merenda and Gold; the Shapley value of R²): a driver's increase in R² when it joins a
 *   subset of the others, averaged over every order the drivers can enter in. Exact over all 2^p subsets
 *   (R²(S) = r_yS' R_SS⁻¹ r_yS), as R's `relaimpo::calc.relimp(type = "lmg")`; the shares sum to R².
 * - Johnson's relative weights (2000): the drivers replaced by their closest orthogonal counterparts
 *   Z = X·R_xx^(−1/2); with Λ = R_xx^(1/2) and β = Λ⁻¹ r_xy, driver j's weight is Σ_k Λ_jk² β_k²; the weights
 *   sum to R².
 *
 * Both also give R², and the standardised coefficients are β* = R_xx⁻¹ r_xy. Null when the drivers are
 * collinear (R_xx singular) or there are more than MAX_DRIVERS. Pure.
 */
import { multiply, solve, type Matrix } from '../weights/small-matrix.ts';

/** LMG is exact over 2^p subsets: at most this many drivers. */
export const MAX_DRIVERS = 15;

export interface RelativeImportance {
  r2: number;
  /** Standardised coefficients of the full model. */
  beta: number[];
  /** Per driver, as a part of R² (they sum to R²). */
  lmg: number[];
  johnson: number[];
}

/** `correlation`: (p + 1) × (p + 1), the outcome first. */
export function relativeImportance(correlation: readonly (readonly number[])[]): RelativeImportance | null {
  const p = correlation.length - 1;
  if (p < 1 || p > MAX_DRIVERS) return null;
  const rxx: Matrix = correlation.slice(1).map((row) => row.slice(1));
  const rxy: Matrix = correlation.slice(1).map((row) => [row[0] ?? 0]);
  const beta = solve(rxx, rxy);
  if (beta === null) return null;
  const r2 = beta.reduce((sum, [b], j) => sum + (b ?? 0) * (rxy[j]?.[0] ?? 0), 0);
  const lmg = shapley(correlation, p);
  if (lmg === null) return null;
  const johnson = relativeWeights(rxx, rxy);
  if (johnson === null) return null;
  return { r2, beta: beta.map(([b]) => b ?? 0), lmg, johnson };
}

/** R² of the drivers in `subset` (a bit mask over 0..p−1); 0 for the empty set. */
function subsetR2(correlation: readonly (readonly number[])[], mask: number, p: number): number | null {
  const members = Array.from({ length: p }, (_, j) => j).filter((j) => (mask >> j) & 1);
  if (members.length === 0) return 0;
  const r = members.map((a) => members.map((b) => correlation[a + 1]?.[b + 1] ?? 0));
  const ry = members.map((a) => [correlation[a + 1]?.[0] ?? 0]);
  const b = solve(r, ry);
  return b === null ? null : b.reduce((sum, [x], i) => sum + (x ?? 0) * (ry[i]?.[0] ?? 0), 0);
}

/** Shapley values of R²: Σ over subsets S without j of |S|!(p − |S| − 1)!/p! · (R²(S ∪ j) − R²(S)). */
function shapley(correlation: readonly (readonly number[])[], p: number): number[] | null {
  const r2 = new Float64Array(1 << p);
  for (let mask = 1; mask < 1 << p; mask++) {
    const value = subsetR2(correlation, mask, p);
    if (value === null) return null;
    r2[mask] = value;
  }
  const factorial = [1];
  for (let i = 1; i <= p; i++) factorial.push((factorial[i - 1] ?? 1) * i);
  const weight = (size: number): number => ((factorial[size] ?? 1) * (factorial[p - size - 1] ?? 1)) / (factorial[p] ?? 1);
  return Array.from({ length: p }, (_, j) => {
    let total = 0;
    for (let mask = 0; mask < 1 << p; mask++) {
      if ((mask >> j) & 1) continue;
      total += weight(popcount(mask)) * ((r2[mask | (1 << j)] ?? 0) - (r2[mask] ?? 0));
    }
    return total;
  });
}

function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m > 0; m >>= 1) count += m & 1;
  return count;
}

/** Johnson's weights: Λ = R_xx^(1/2), β = Λ⁻¹ r_xy, ε_j = Σ_k Λ_jk² β_k². */
function relativeWeights(rxx: Matrix, rxy: Matrix): number[] | null {
  const root = sqrtm(rxx);
  if (root === null) return null;
  const beta = solve(root, rxy);
  if (beta === null) return null;
  return root.map((row) => row.reduce((sum, l, k) => sum + l * l * (beta[k]?.[0] ?? 0) ** 2, 0));
}

/**
 * The symmetric square root of a symmetric positive definite matrix by the Denman–Beavers iteration
 * (Y ← (Y + Z⁻¹)/2, Z ← (Z + Y⁻¹)/2 from Y = A, Z = I; Y → A^(1/2)); null when it does not converge.
 */
export function sqrtm(a: Matrix): Matrix | null {
  const n = a.length;
  const identity = (): Matrix => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let y: Matrix = a.map((row) => [...row]);
  let z: Matrix = identity();
  for (let iteration = 0; iteration < 100; iteration++) {
    const yi = solve(y, identity());
    const zi = solve(z, identity());
    if (yi === null || zi === null) return null;
    const nextY = y.map((row, i) => row.map((v, j) => (v + (zi[i]?.[j] ?? 0)) / 2));
    const nextZ = z.map((row, i) => row.map((v, j) => (v + (yi[i]?.[j] ?? 0)) / 2));
    let change = 0;
    nextY.forEach((row, i) => row.forEach((v, j) => (change = Math.max(change, Math.abs(v - (y[i]?.[j] ?? 0))))));
    y = nextY;
    z = nextZ;
    if (change < 1e-15) {
      // Symmetric by construction; average out rounding.
      return y.map((row, i) => row.map((v, j) => (v + (y[j]?.[i] ?? 0)) / 2));
    }
  }
  const check = multiply(y, y);
  const error = Math.max(...check.flatMap((row, i) => row.map((v, j) => Math.abs(v - (a[i]?.[j] ?? 0)))));
  return error < 1e-10 ? y : null;
}
