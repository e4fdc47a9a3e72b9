/**
 * The Rao-Scott test of independence in a two-way table of a weighted survey, as R's
 * `svychisq(~rows + cols, design, statistic = "F")`: Pearson's X² on the weighted table scaled to n, divided
 * by tr(Δ), referred to F(d₀, d₀·degf) (degf = n − 1 without a design) with d₀ = tr(Δ)²/tr(Δ²), where Δ compares the design-based
 * covariance of the cell proportions (linearised, post-strata included) with multinomial sampling on the
 * interaction contrasts.
 */
import { chiSquareSurvival, fSurvival } from '../distributions.ts';
import type { Calibration, CellTotal } from './calibrate.ts';
import { covariance, designDegf, influence, type Influence } from './linearized-mean.ts';
import { multiply, residualize, solve, trace, transpose, type Matrix } from './small-matrix.ts';
import type { WeightedSums } from './weighted-sums.ts';
import type { TestResult } from '../../model/test-result.ts';

export interface RaoScott extends TestResult {
  /** Pearson's X² before correction, and the first-order corrected chi-square (`statistic = "Chisq"`). */
  pearson: number;
  chiSquare: { statistic: number; df: number; pValue: number };
}

/**
 * `table[r][c]`: the per-cell sums of the indicator "row r and column c" over the respondents in the table
 * (the same domain for every indicator). Null when a dimension has fewer than two categories in use.
 */
export function raoScott(table: readonly (readonly WeightedSums[])[], cells: ReadonlyMap<string, CellTotal>, calibration: Calibration): RaoScott | null {
  const nr = table.length;
  const nc = table[0]?.length ?? 0;
  if (nr < 2 || nc < 2) return null;
  // R orders the cells of interaction(rows, cols) with the row varying fastest.
  const order: [number, number][] = [];
  for (let c = 0; c < nc; c++) for (let r = 0; r < nr; r++) order.push([r, c]);
  const influences: Influence[] = [];
  for (const [r, c] of order) {
    const inf = influence(table[r]?.[c] ?? new Map(), cells, calibration);
    if (inf === null) return null;
    influences.push(inf);
  }
  const n = [...cells.values()].reduce((sum, t) => sum + t.n, 0);
  const p = influences.map((inf) => inf.mean);
  const V: Matrix = influences.map((a, i) =>
    influences.map((b, j) => covariance(a, b, cells, calibration, (cell) => (i === j ? (a.sums.get(cell)?.s2y ?? 0) : 0))),
  );

  // Pearson's X² on the table scaled to n.
  const rowTotals = Array.from({ length: nr }, (_, r) => order.reduce((s, [rr], k) => s + (rr === r ? (p[k] ?? 0) : 0), 0));
  const colTotals = Array.from({ length: nc }, (_, c) => order.reduce((s, [, cc], k) => s + (cc === c ? (p[k] ?? 0) : 0), 0));
  let pearson = 0;
  order.forEach(([r, c], k) => {
    const expected = (rowTotals[r] ?? 0) * (colTotals[c] ?? 0);
    if (expected > 0) pearson += (n * ((p[k] ?? 0) - expected) ** 2) / expected;
  });

  // Interaction contrasts: the row × column columns of the saturated design, less the main effects.
  const main: Matrix = order.map(([r, c]) => [1, ...Array.from({ length: nr - 1 }, (_, i) => (r === i + 1 ? 1 : 0)), ...Array.from({ length: nc - 1 }, (_, j) => (c === j + 1 ? 1 : 0))]);
  const interaction: Matrix = order.map(([r, c]) => {
    const row: number[] = [];
    for (let j = 1; j < nc; j++) for (let i = 1; i < nr; i++) row.push(r === i && c === j ? 1 : 0);
    return row;
  });
  const C = residualize(main, interaction);
  if (C === null) return null;
  const inverseP: Matrix = p.map((pi, i) => p.map((_, j) => (i === j && pi > 0 ? 1 / pi : 0)));
  const Ct = transpose(C);
  const denominator = multiply(multiply(Ct, inverseP.map((row) => row.map((v) => v / n))), C);
  const numerator = multiply(multiply(multiply(multiply(Ct, inverseP), V), inverseP), C);
  const delta = solve(denominator, numerator);
  if (delta === null) return null;
  const trDelta = trace(delta);
  const trDelta2 = trace(multiply(delta, delta));
  if (!(trDelta > 0) || !(trDelta2 > 0)) return null;
  const d0 = (trDelta * trDelta) / trDelta2;
  const statistic = pearson / trDelta;
  const df = delta.length;
  const adjusted = pearson / (trDelta / df);
  const df2 = d0 * designDegf(cells, calibration);
  // R gives NaN when the design has no degrees of freedom (every stratum lonely under adjust, one PSU per stratum).
  if (!(df2 > 0)) return null;
  return {
    method: 'rao-scott-f',
    statistic,
    df: d0,
    df2,
    pValue: fSurvival(statistic, d0, df2),
    pearson,
    chiSquare: { statistic: adjusted, df, pValue: chiSquareSurvival(adjusted, df) },
  };
}
