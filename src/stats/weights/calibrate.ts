/**
 * Calibration factors per weighting cell, as R's `survey` package computes them: post-stratification to one
 * benchmarked question (`postStratify`), or raking to the margins of several (`rake`: post-stratify on each
 * margin in turn, sweep after sweep), starting from the design weights; then optional trimming
 * (`trimWeights(strict = TRUE)`). Works on cell totals of design weights, so it needs no pass over the rows.
 * It also records what the variance needs: the weights R stores with each post-stratification step.
 */
import { levelOf, type DesignSpec, type WeightingPlan } from './weighting-plan.ts';

/** Totals of the design weights per cell: respondents, Σ d, Σ d², and the smallest and largest d. */
export interface CellTotal {
  n: number;
  a1: number;
  a2: number;
  dMin: number;
  dMax: number;
}

/** One post-stratification step the residuals are projected on, with the cell factors R stores for it. */
export interface Projection {
  margin: number;
  /** Factor of the weights right after this step (R's `attr(, "weights")`) and right before it (`"oldweights"`). */
  after: Map<string, number>;
  before: Map<string, number>;
}

export interface Calibration {
  /** The factor g each cell's design weights are multiplied by (final weight w = g·d). */
  g: Map<string, number>;
  /** `poststratify`: one projection; `rake`: the last sweep's, which R's svyrecvar applies ten times over. */
  kind: 'none' | 'poststratify' | 'rake';
  projections: Projection[];
  iterations: number;
  converged: boolean;
  /** Respondents whose weight was cut to the trimming cap. */
  trimmed: number;
  /** The sampling design the variance follows (absent: every respondent a PSU, one stratum). */
  design?: DesignSpec;
}

/** Failure: a population level without respondents, or (margin −1) no respondent answered every weighting question. */
export type CalibrationResult = { ok: true; calibration: Calibration } | { ok: false; margin: number; level: number };

/** Raking stops when no cell's weight total moves by more than this share of the total weight in a sweep... */
export const RAKE_TOLERANCE = 1e-10;
/** ...or after this many sweeps, which is then reported. (R's defaults are looser: epsilon = 1, maxit = 10.) */
export const RAKE_MAX_ITERATIONS = 100;

/**
 * `base`: factors the design implies before any calibration (weights derived from `fpc` when the export has
 * none, design-layout.ts), by cell; 1 without.
 */
export function calibrate(plan: WeightingPlan, cells: ReadonlyMap<string, CellTotal>, base?: ReadonlyMap<string, number>): CalibrationResult {
  const withDesign = <T extends Calibration>(calibration: T): T => (plan.design === undefined ? calibration : { ...calibration, design: plan.design });
  let g = new Map([...cells.keys()].map((cell) => [cell, base?.get(cell) ?? 1]));
  const total = [...cells].reduce((sum, [cell, c]) => sum + (g.get(cell) ?? 1) * c.a1, 0);
  if (plan.method === 'column') {
    const trimmed = plan.trim === undefined ? 0 : trim(plan.trim, cells, g);
    return { ok: true, calibration: withDesign({ g, kind: 'none', projections: [], iterations: 0, converged: true, trimmed }) };
  }
  if (cells.size === 0) return { ok: false, margin: -1, level: -1 };
  // Every level the population has must have respondents, or no weighting can reach its share.
  for (const [m, margin] of plan.margins.entries()) {
    const totals = marginTotals(cells, g, m, margin.shares.length);
    const empty = margin.shares.findIndex((share, level) => share > 0 && (totals[level] ?? 0) === 0);
    if (empty >= 0) return { ok: false, margin: m, level: empty };
  }
  const poststratify = (m: number): Projection => {
    const shares = plan.margins[m]?.shares ?? [];
    const totals = marginTotals(cells, g, m, shares.length);
    const before = g;
    g = new Map([...before].map(([cell, factor]) => {
      const current = totals[levelOf(cell, m)] ?? 0;
      return [cell, current > 0 ? (factor * total * (shares[levelOf(cell, m)] ?? 0)) / current : 0];
    }));
    return { margin: m, before, after: g };
  };

  let projections: Projection[] = [];
  let iterations = 0;
  let converged = true;
  if (plan.method === 'poststratify') {
    projections = [poststratify(0)];
    iterations = 1;
  } else {
    converged = false;
    while (iterations < RAKE_MAX_ITERATIONS) {
      const previous = g;
      projections = plan.margins.map((_, m) => poststratify(m));
      iterations++;
      const delta = Math.max(...[...cells].map(([cell, c]) => Math.abs(((g.get(cell) ?? 0) - (previous.get(cell) ?? 0)) * c.a1)));
      if (delta < RAKE_TOLERANCE * total) {
        converged = true;
        break;
      }
    }
    // Weights that stopped moving but miss a margin (margins the sample cannot meet together, e.g. when
    // every respondent of one group gave one answer) have not converged either, whatever R would say.
    converged &&= plan.margins.every((margin, m) =>
      marginTotals(cells, g, m, margin.shares.length).every((t, level) => Math.abs(t - total * (margin.shares[level] ?? 0)) <= 1e-6 * total),
    );
  }
  // Trimming changes the weights, not the post-strata R keeps for the variance: work on a copy.
  g = new Map(g);
  const trimmed = plan.trim === undefined ? 0 : trim(plan.trim, cells, g);
  return { ok: true, calibration: withDesign({ g, kind: plan.method, projections, iterations, converged, trimmed }) };
}

function marginTotals(cells: ReadonlyMap<string, CellTotal>, g: ReadonlyMap<string, number>, m: number, levels: number): number[] {
  const totals = Array.from({ length: levels }, () => 0);
  for (const [cell, c] of cells) {
    const level = levelOf(cell, m);
    totals[level] = (totals[level] ?? 0) + (g.get(cell) ?? 0) * c.a1;
  }
  return totals;
}

/**
 * R's `trimWeights(design, upper = multiple * mean weight, strict = TRUE)`: weights above the cap are set to
 * it and what was cut is shared equally among the respondents below it, repeated until none is above.
 * Every respondent of a key has the same weight w = g·d (with trimmed design weights the key carries d),
 * so the work is per key and the factor becomes w/d. Returns the respondents capped.
 */
function trim(multiple: number, cells: ReadonlyMap<string, CellTotal>, g: Map<string, number>): number {
  const d = (cell: string): number => {
    const c = cells.get(cell);
    return c === undefined || c.n === 0 ? 1 : c.a1 / c.n;
  };
  const weight = new Map([...g].map(([cell, factor]) => [cell, factor * d(cell)]));
  const n = [...cells.values()].reduce((sum, c) => sum + c.n, 0);
  const cap = (multiple * [...cells].reduce((sum, [cell, c]) => sum + (weight.get(cell) ?? 0) * c.n, 0)) / n;
  for (let round = 0; round < 1000; round++) {
    const over = [...weight].filter(([, w]) => w > cap);
    if (over.length === 0) break;
    let cut = 0;
    let below = 0;
    for (const [cell, w] of weight) {
      const count = cells.get(cell)?.n ?? 0;
      if (w > cap) cut += (w - cap) * count;
      else below += count;
    }
    for (const [cell, w] of weight) weight.set(cell, w > cap ? cap : w + (below > 0 ? cut / below : 0));
  }
  for (const [cell, w] of weight) g.set(cell, w / d(cell));
  return [...weight].reduce((sum, [cell, w]) => sum + (w >= cap * (1 - 1e-9) ? (cells.get(cell)?.n ?? 0) : 0), 0);
}
