/**
 * McDonald's omega (total) of a set of items from a one-factor model of their correlation matrix R, as R's
 * `psych::omega(x, nfactors = 1)` reports `omega.tot`:
 *
 *   ω = (Σ R − Σ ψ_i) / Σ R        ψ_i = 1 − λ_i², the items' uniquenesses
 *
 * with the loadings λ of one factor fitted by least squares on the off-diagonal correlations (minres, psych's
 * default `fm`): iterated principal axes, the communalities starting at the squared multiple correlations and
 * replaced by the first factor's λ² until they move by less than TOLERANCE (the fixed point is the minres
 * solution). Null where the factor cannot be fitted: under three items, a singular R, no convergence, or a
 * Heywood case (a communality reaching 1). Pure.
 */
import { solve } from '../weights/small-matrix.ts';

export interface Omega {
  omega: number;
  /** Per item: its loading on the one factor (the sign making most loadings positive). */
  loadings: number[];
}

const TOLERANCE = 1e-13;
const MAX_ITERATIONS = 10_000;

export function omegaTotal(correlation: readonly (readonly number[])[]): Omega | null {
  const k = correlation.length;
  if (k < 3) return null;
  const communality = squaredMultipleCorrelations(correlation);
  if (communality === null) return null;
  let vector = new Array<number>(k).fill(1 / Math.sqrt(k));
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const reduced = correlation.map((row, i) => row.map((r, j) => (i === j ? (communality[i] as number) : r)));
    const leading = leadingEigen(reduced, vector);
    if (leading === null || !(leading.value > 0)) return null;
    vector = leading.vector;
    let moved = 0;
    for (let i = 0; i < k; i++) {
      const next = leading.value * (vector[i] as number) ** 2;
      moved = Math.max(moved, Math.abs(next - (communality[i] as number)));
      communality[i] = next;
    }
    if (communality.some((h) => h >= 1)) return null;
    if (moved < TOLERANCE) {
      const sign = vector.reduce((sum, v) => sum + v, 0) < 0 ? -1 : 1;
      const loadings = vector.map((v) => sign * v * Math.sqrt(leading.value));
      let total = 0;
      for (const row of correlation) for (const r of row) total += r;
      const uniqueness = communality.reduce((sum, h) => sum + (1 - h), 0);
      return { omega: (total - uniqueness) / total, loadings };
    }
  }
  return null;
}

/** 1 − 1/(R⁻¹)_ii: how much of each item the others explain; null when R is singular. */
function squaredMultipleCorrelations(correlation: readonly (readonly number[])[]): number[] | null {
  const k = correlation.length;
  const identity = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (__, j) => (i === j ? 1 : 0)));
  const inverse = solve(
    correlation.map((row) => [...row]),
    identity,
  );
  if (inverse === null) return null;
  return inverse.map((row, i) => 1 - 1 / (row[i] as number));
}

/** The largest eigenvalue of a symmetric matrix and its unit eigenvector, by power iteration from `start` (shifted so the largest algebraic one leads). */
function leadingEigen(matrix: readonly (readonly number[])[], start: readonly number[]): { value: number; vector: number[] } | null {
  // Gershgorin: adding this shift makes every eigenvalue non-negative, so the largest is also the largest in size.
  const shift = Math.max(0, ...matrix.map((row, i) => row.reduce((sum, x, j) => sum + (i === j ? -x : Math.abs(x)), 0)));
  let vector = [...start];
  let value = 0;
  for (let step = 0; step < 1000; step++) {
    const next = matrix.map((row, i) => row.reduce((sum, x, j) => sum + x * (vector[j] as number), 0) + shift * (vector[i] as number));
    const norm = Math.hypot(...next);
    if (!(norm > 0)) return null;
    const unit = next.map((x) => x / norm);
    const moved = Math.max(...unit.map((x, i) => Math.abs(x - (vector[i] as number))));
    vector = unit;
    value = norm - shift;
    if (moved < 1e-14) break;
  }
  // The Rayleigh quotient is the eigenvalue to machine precision once the vector has converged.
  value = vector.reduce((sum, v, i) => sum + v * (matrix[i] as number[]).reduce((s, x, j) => s + x * (vector[j] as number), 0), 0);
  return { value, vector };
}
