/**
 * A weighted mean over a domain with its design-based variance by Taylor linearisation, as R's
 * `survey::svymean` computes it for a one-stage design (`svydesign(ids = ~1, weights = ...)`) after
 * `postStratify` or `rake`: the influence values x_i = w_i·δ_i·(y_i − ȳ)/Σ_δ w are projected on the
 * post-strata (`svyrecvar`), then Var = n/(n−1)·Σ (e_i − ē)². Every respondent's residual has the form
 * d_i·(g_c·δ_i·u_i − F_c) with F_c shared by the cell, so the per-cell sums suffice.
 *
 * Preconditions: the domain has positive total weight (else null). n counts every weighted respondent (the
 * domain's and the others', as R keeps them with weight 0 when subsetting).
 */
import type { Calibration, CellTotal } from './calibrate.ts';
import type { CellSums, WeightedSums } from './weighted-sums.ts';
import { levelOf } from './weighting-plan.ts';

export interface LinearizedMean {
  estimate: number;
  variance: number;
  /** Kish's effective sample size of the domain: (Σ w)² / Σ w². */
  nEffective: number;
  /** Design effect against simple random sampling with replacement (`svymean(..., deff = "replace")`). */
  deff: number;
  /** Respondents in the domain. */
  n: number;
}

/** R's svyrecvar applies the projections of a raking this many times over. */
const RAKING_PASSES = 10;

export function linearizedMean(sums: WeightedSums, cells: ReadonlyMap<string, CellTotal>, calibration: Calibration): LinearizedMean | null {
  const g = (cell: string): number => calibration.g.get(cell) ?? 0;
  let total = 0;
  let weightedY = 0;
  let sumW2 = 0;
  let n = 0;
  for (const [cell, c] of sums) {
    total += g(cell) * c.s1;
    weightedY += g(cell) * c.s1y;
    sumW2 += g(cell) ** 2 * c.s2;
    n += c.n;
  }
  if (!(total > 0)) return null;
  const mean = weightedY / total;
  const none: CellSums = { n: 0, s0y: 0, s1: 0, s2: 0, s1y: 0, s1yy: 0, s2y: 0, s2yy: 0 };
  const domain = (cell: string): CellSums => sums.get(cell) ?? none;
  // Per cell: Σ_δ u, Σ_δ d·u, Σ_δ d²·u, Σ_δ d²·u² with u = (y − ȳ)/Σ_δ w.
  const u0 = (c: CellSums): number => (c.s0y - mean * c.n) / total;
  const u1 = (c: CellSums): number => (c.s1y - mean * c.s1) / total;
  const u2 = (c: CellSums): number => (c.s2y - mean * c.s2) / total;
  const u22 = (c: CellSums): number => (c.s2yy - 2 * mean * c.s2y + mean * mean * c.s2) / (total * total);

  const F = new Map<string, number>([...cells.keys()].map((cell) => [cell, 0]));
  const residualSum = (cell: string): number => g(cell) * u1(domain(cell)) - (F.get(cell) ?? 0) * (cells.get(cell)?.a1 ?? 0);
  if (calibration.kind === 'poststratify') {
    // svyrecvar, plain post-strata: x −= psw · Σ_h x·oldw/psw / Σ_h oldw, which is Σ_h x / Σ_h psw.
    for (const projection of calibration.projections) project(projection, (level) => {
      let x = 0;
      let w = 0;
      for (const [cell, t] of cells) {
        if (levelOf(cell, projection.margin) !== level) continue;
        x += residualSum(cell);
        w += (projection.after.get(cell) ?? 0) * t.a1;
      }
      return w > 0 ? x / w : 0;
    });
  } else if (calibration.kind === 'rake') {
    // svyrecvar, raking: ten passes of x −= psw · (unweighted mean of x/psw within the margin's level).
    for (let pass = 0; pass < RAKING_PASSES; pass++) {
      for (const projection of calibration.projections) project(projection, (level) => {
        let ratio = 0;
        let count = 0;
        for (const [cell, t] of cells) {
          if (levelOf(cell, projection.margin) !== level) continue;
          const psw = projection.after.get(cell) ?? 0;
          if (psw === 0) continue;
          // x_i / psw_i = (g·δ·u − F) / after, summed over the cell's respondents.
          ratio += (g(cell) * u0(domain(cell)) - (F.get(cell) ?? 0) * t.n) / psw;
          count += t.n;
        }
        return count > 0 ? ratio / count : 0;
      });
    }
  }

  function project(projection: { margin: number; after: Map<string, number> }, coefficient: (level: number) => number): void {
    const levels = new Map<number, number>();
    for (const cell of cells.keys()) {
      const level = levelOf(cell, projection.margin);
      if (!levels.has(level)) levels.set(level, coefficient(level));
    }
    for (const cell of cells.keys()) {
      F.set(cell, (F.get(cell) ?? 0) + (projection.after.get(cell) ?? 0) * (levels.get(levelOf(cell, projection.margin)) ?? 0));
    }
  }
  let sumE = 0;
  let sumE2 = 0;
  let respondents = 0;
  for (const [cell, t] of cells) {
    const c = domain(cell);
    const f = F.get(cell) ?? 0;
    sumE += g(cell) * u1(c) - f * t.a1;
    sumE2 += g(cell) ** 2 * u22(c) - 2 * g(cell) * f * u2(c) + f * f * t.a2;
    respondents += t.n;
  }
  const variance = respondents > 1 ? (respondents / (respondents - 1)) * Math.max(0, sumE2 - (sumE * sumE) / respondents) : 0;
  // svyvar: n/(n−1) · Σ w (y − ȳ)² / Σ w over the domain's n respondents; SRS variance = that / n.
  let weightedSquares = 0;
  for (const [cell, c] of sums) weightedSquares += g(cell) * (c.s1yy - 2 * mean * c.s1y + mean * mean * c.s1);
  const srs = n > 1 ? ((n / (n - 1)) * (weightedSquares / total)) / n : 0;
  return { estimate: mean, variance, nEffective: (total * total) / sumW2, deff: srs > 0 ? variance / srs : Number.NaN, n };
}
