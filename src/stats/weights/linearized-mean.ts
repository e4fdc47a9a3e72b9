/**
 * Weighted means over a domain with their design-based (co)variance by Taylor linearisation, as R's
 * `survey::svymean` computes them (`svydesign(ids = ~1, weights = ...)`, or with strata, clusters and fpc),
 * also after `postStratify` or `rake`: the influence values x_i = w_i·δ_i·(y_i − ȳ)/Σ_δ w are projected on
 * the post-strata (`svyrecvar`); without a design Cov = n/(n−1)·Σ (e_a,i − ē_a)(e_b,i − ē_b), with one the
 * per-stratum sums over PSUs of design-variance.ts. Every respondent's residual has the form
 * d_i·(g_c·δ_i·u_i − F_c) with F_c shared by the cell, so per-cell sums suffice.
 *
 * Preconditions: the domain has positive total weight (else null). n counts every weighted respondent (the
 * domain's and the others', as R keeps them with weight 0 when subsetting). Variables whose covariance is
 * taken must share one domain.
 */
import { checkedLayout, domainDegf } from '../design/design-layout.ts';
import { designCovariance, type CellResiduals } from '../design/design-variance.ts';
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
  /**
   * Degrees of freedom, as R's degf(): of the whole design (stage-1 units less strata; respondents less 1
   * without a design), and of the domain's subset (units with a respondent of the domain, less their strata).
   */
  degf: number;
  domainDegf: number;
  /** nrow() of the whole design, and of the domain's subset (R keeps every row when subsetting a calibrated design). */
  rows: number;
  domainRows: number;
}

/** A variable's weighted mean and the per-cell pieces of its projected residuals. */
export interface Influence {
  mean: number;
  total: number;
  sums: WeightedSums;
  /** F_c: what the projections took off each cell's residuals (per unit of design weight). */
  F: Map<string, number>;
}

/** R's svyrecvar applies the projections of a raking this many times over. */
const RAKING_PASSES = 10;
const NONE: CellSums = { n: 0, s0y: 0, s1: 0, s2: 0, s1y: 0, s1yy: 0, s2y: 0, s2yy: 0 };

/**
 * The cells in `cells` order, and per projection each cell's level (numbered in order of first appearance;
 * −1 for a key without one) and its factor after the step. `influence` projects every variable ten times
 * over per margin: looked up once per calibration, each projection is one pass over arrays.
 */
interface Layout {
  cells: ReadonlyMap<string, CellTotal>;
  keys: string[];
  totals: CellTotal[];
  g: number[];
  projections: ProjectionLayout[];
}

interface ProjectionLayout {
  levels: number[];
  /** Levels that occur. */
  count: number;
  after: number[];
}

const layouts = new WeakMap<Calibration, Layout>();

function layoutOf(cells: ReadonlyMap<string, CellTotal>, calibration: Calibration): Layout {
  const known = layouts.get(calibration);
  if (known?.cells === cells) return known;
  const keys = [...cells.keys()];
  const projections = calibration.projections.map(({ margin, after }) => {
    const ids = new Map<number, number>();
    const levels = keys.map((cell) => {
      const level = levelOf(cell, margin);
      if (Number.isNaN(level)) return -1;
      let id = ids.get(level);
      if (id === undefined) ids.set(level, (id = ids.size));
      return id;
    });
    return { levels, count: ids.size, after: keys.map((cell) => after.get(cell) ?? 0) };
  });
  const layout = { cells, keys, totals: [...cells.values()], g: keys.map((cell) => calibration.g.get(cell) ?? 0), projections };
  layouts.set(calibration, layout);
  return layout;
}

export function influence(sums: WeightedSums, cells: ReadonlyMap<string, CellTotal>, calibration: Calibration): Influence | null {
  const g = (cell: string): number => calibration.g.get(cell) ?? 0;
  let total = 0;
  let weightedY = 0;
  for (const [cell, c] of sums) {
    total += g(cell) * c.s1;
    weightedY += g(cell) * c.s1y;
  }
  if (!(total > 0)) return null;
  const mean = weightedY / total;
  const layout = layoutOf(cells, calibration);
  const domain = layout.keys.map((cell) => sums.get(cell) ?? NONE);
  // Per cell: Σ_δ u and Σ_δ d·u with u = (y − ȳ)/Σ_δ w, taken times g.
  const gu0 = domain.map((c, i) => (layout.g[i] ?? 0) * ((c.s0y - mean * c.n) / total));
  const gu1 = domain.map((c, i) => (layout.g[i] ?? 0) * ((c.s1y - mean * c.s1) / total));

  const F = layout.keys.map(() => 0);
  // Each level's coefficient is a ratio of two sums over its cells (in cell order); then every cell's F takes
  // its factor times its level's coefficient. A cell without a level adds 0.
  type Sums = { top: number[]; bottom: number[] };
  const project = ({ levels, count, after }: ProjectionLayout, add: (i: number, sums: Sums, level: number) => void, ratio: (top: number, bottom: number) => number): void => {
    const sums: Sums = { top: new Array<number>(count).fill(0), bottom: new Array<number>(count).fill(0) };
    levels.forEach((level, i) => {
      if (level >= 0) add(i, sums, level);
    });
    const coefficients = sums.top.map((top, level) => ratio(top, sums.bottom[level] ?? 0));
    levels.forEach((level, i) => {
      F[i] = (F[i] ?? 0) + (after[i] ?? 0) * (level >= 0 ? (coefficients[level] ?? 0) : 0);
    });
  };
  if (calibration.kind === 'poststratify') {
    // svyrecvar, plain post-strata: x −= psw · Σ_h x·oldw/psw / Σ_h oldw, which is Σ_h x / Σ_h psw.
    for (const projection of layout.projections) {
      project(
        projection,
        (i, { top, bottom }, level) => {
          const a1 = layout.totals[i]?.a1 ?? 0;
          top[level] = (top[level] ?? 0) + ((gu1[i] ?? 0) - (F[i] ?? 0) * a1);
          bottom[level] = (bottom[level] ?? 0) + (projection.after[i] ?? 0) * a1;
        },
        (x, w) => (w > 0 ? x / w : 0),
      );
    }
  } else if (calibration.kind === 'rake') {
    // svyrecvar, raking: ten passes of x −= psw · (unweighted mean of x/psw within the margin's level).
    for (let pass = 0; pass < RAKING_PASSES; pass++) {
      for (const projection of layout.projections) {
        project(
          projection,
          (i, { top, bottom }, level) => {
            const psw = projection.after[i] ?? 0;
            if (psw === 0) return;
            const n = layout.totals[i]?.n ?? 0;
            // x_i / psw_i = (g·δ·u − F) / after, summed over the cell's respondents.
            top[level] = (top[level] ?? 0) + ((gu0[i] ?? 0) - (F[i] ?? 0) * n) / psw;
            bottom[level] = (bottom[level] ?? 0) + n;
          },
          (ratio, count) => (count > 0 ? ratio / count : 0),
        );
      }
    }
  }
  return { mean, total, sums, F: new Map(layout.keys.map((cell, i) => [cell, F[i] ?? 0])) };
}

/**
 * Relative size under which a covariance is rounding error: it is computed from per-cell raw moments, a
 * difference of sums whose terms can be far larger than the result. For a share of a calibration variable
 * the projections remove every residual, the true covariance is 0, and what the sums leave is at most ~1e-17
 * of their terms (R's svymean gives an SE of 1e-16 to 1e-12 there, within the raking tolerance); real covariances
 * measured here are above 1e-3 of their terms.
 */
const ROUNDING = 1024 * Number.EPSILON;

/**
 * The design-based covariance of two influences. Over one domain, `cross(cell)` is Σ d²·y_a·y_b over the
 * domain's respondents in the cell (s2yy for a variable with itself; 0 for exclusive indicators). For two
 * disjoint domains (a group and the rest), pass `disjoint`: no respondent is in both, so that term is 0.
 * A result within rounding error of the terms it comes from is 0 (ROUNDING).
 */
export function covariance(
  a: Influence,
  b: Influence,
  cells: ReadonlyMap<string, CellTotal>,
  calibration: Calibration,
  cross: (cell: string) => number,
  disjoint = false,
): number {
  const design = calibration.design;
  const perCell: CellResiduals | undefined = design === undefined ? undefined : { a: [], b: [], ab: [], sizeA: [], sizeB: [], sizeAB: [], n: [] };
  let sumA = 0;
  let sumB = 0;
  let sumAB = 0;
  let respondents = 0;
  // The same sums with every term and every part of a term taken as its absolute value.
  let sizeA = 0;
  let sizeB = 0;
  let sizeAB = 0;
  for (const [cell, t] of cells) {
    const g = calibration.g.get(cell) ?? 0;
    const ca = a.sums.get(cell) ?? NONE;
    const cb = b.sums.get(cell) ?? NONE;
    const fa = a.F.get(cell) ?? 0;
    const fb = b.F.get(cell) ?? 0;
    const u1a = (ca.s1y - a.mean * ca.s1) / a.total;
    const u1b = (cb.s1y - b.mean * cb.s1) / b.total;
    const u2a = (ca.s2y - a.mean * ca.s2) / a.total;
    const u2b = (cb.s2y - b.mean * cb.s2) / b.total;
    const both = disjoint ? 0 : cross(cell);
    const uab = disjoint ? 0 : (both - b.mean * ca.s2y - a.mean * cb.s2y + a.mean * b.mean * ca.s2) / (a.total * b.total);
    const cellA = g * u1a - fa * t.a1;
    const cellB = g * u1b - fb * t.a1;
    const cellAB = g * g * uab - g * fb * u2a - g * fa * u2b + fa * fb * t.a2;
    const size2a = (Math.abs(ca.s2y) + Math.abs(a.mean * ca.s2)) / a.total;
    const size2b = (Math.abs(cb.s2y) + Math.abs(b.mean * cb.s2)) / b.total;
    const sizeab = disjoint ? 0 : (Math.abs(both) + Math.abs(b.mean * ca.s2y) + Math.abs(a.mean * cb.s2y) + Math.abs(a.mean * b.mean * ca.s2)) / (a.total * b.total);
    const cellSizeA = (Math.abs(g) * (Math.abs(ca.s1y) + Math.abs(a.mean * ca.s1))) / a.total + Math.abs(fa * t.a1);
    const cellSizeB = (Math.abs(g) * (Math.abs(cb.s1y) + Math.abs(b.mean * cb.s1))) / b.total + Math.abs(fb * t.a1);
    const cellSizeAB = g * g * sizeab + Math.abs(g * fb) * size2a + Math.abs(g * fa) * size2b + Math.abs(fa * fb * t.a2);
    if (perCell !== undefined) {
      perCell.a.push(cellA);
      perCell.b.push(cellB);
      perCell.ab.push(cellAB);
      perCell.sizeA.push(cellSizeA);
      perCell.sizeB.push(cellSizeB);
      perCell.sizeAB.push(cellSizeAB);
      perCell.n.push(t.n);
      continue;
    }
    sumA += cellA;
    sumB += cellB;
    sumAB += cellAB;
    respondents += t.n;
    sizeA += cellSizeA;
    sizeB += cellSizeB;
    sizeAB += cellSizeAB;
  }
  if (design !== undefined && perCell !== undefined) {
    const { value, size } = designCovariance(checkedLayout(cells), design, perCell);
    return Math.abs(value) <= ROUNDING * size ? 0 : value;
  }
  if (respondents <= 1) return 0;
  const centred = sumAB - (sumA * sumB) / respondents;
  return Math.abs(centred) <= ROUNDING * (sizeAB + (sizeA * sizeB) / respondents) ? 0 : (respondents / (respondents - 1)) * centred;
}

/**
 * The design-based test of one domain's mean against another, disjoint domain's (a group against the rest):
 * t = (ȳ_a − ȳ_b) / √(Var_a + Var_b − 2·Cov_ab), as the coefficient of `svyglm(y ~ group)`, on svyglm's
 * residual degrees of freedom (degf of the two domains' subset, less 1) as `summary()` gives it; null when
 * either domain is empty or the variance of the difference is 0.
 */
export function domainDifference(a: WeightedSums, b: WeightedSums, cells: ReadonlyMap<string, CellTotal>, calibration: Calibration): { difference: number; t: number; df: number } | null {
  const ia = influence(a, cells, calibration);
  const ib = influence(b, cells, calibration);
  if (ia === null || ib === null) return null;
  const variance =
    covariance(ia, ia, cells, calibration, (cell) => a.get(cell)?.s2yy ?? 0) +
    covariance(ib, ib, cells, calibration, (cell) => b.get(cell)?.s2yy ?? 0) -
    2 * covariance(ia, ib, cells, calibration, () => 0, true);
  if (!(variance > 0)) return null;
  const difference = ia.mean - ib.mean;
  return { difference, t: difference / Math.sqrt(variance), df: partsDegf([a, b], cells, calibration) - 1 };
}

export function linearizedMean(sums: WeightedSums, cells: ReadonlyMap<string, CellTotal>, calibration: Calibration): LinearizedMean | null {
  const inf = influence(sums, cells, calibration);
  if (inf === null) return null;
  const variance = Math.max(0, covariance(inf, inf, cells, calibration, (cell) => sums.get(cell)?.s2yy ?? 0));
  const g = (cell: string): number => calibration.g.get(cell) ?? 0;
  let sumW2 = 0;
  let weightedSquares = 0;
  let n = 0;
  for (const [cell, c] of sums) {
    sumW2 += g(cell) ** 2 * c.s2;
    weightedSquares += g(cell) * (c.s1yy - 2 * inf.mean * c.s1y + inf.mean * inf.mean * c.s1);
    n += c.n;
  }
  // svyvar: n/(n−1) · Σ w (y − ȳ)² / Σ w over the domain's n respondents; SRS variance = that / n.
  const srs = n > 1 ? ((n / (n - 1)) * (weightedSquares / inf.total)) / n : 0;
  let rows = 0;
  for (const t of cells.values()) rows += t.n;
  const design = calibration.design;
  const layout = design === undefined ? undefined : checkedLayout(cells);
  const keys = layout === undefined ? [] : [...cells.keys()];
  return {
    estimate: inf.mean,
    variance,
    nEffective: (inf.total * inf.total) / sumW2,
    deff: srs > 0 ? variance / srs : Number.NaN,
    n,
    degf: layout?.degf ?? rows - 1,
    domainDegf: layout === undefined || design === undefined ? n - 1 : domainDegf(layout, design.clustered, (c) => sums.get(keys[c] ?? '')?.n ?? 0),
    rows,
    domainRows: calibration.kind === 'none' ? n : rows,
  };
}

/** degf(design) of the whole design: stage-1 units less strata, or respondents less 1 without a design. */
export function designDegf(cells: ReadonlyMap<string, CellTotal>, calibration: Calibration): number {
  if (calibration.design !== undefined) return checkedLayout(cells).degf;
  let rows = 0;
  for (const t of cells.values()) rows += t.n;
  return rows - 1;
}

/**
 * degf of the subset of respondents in any of `parts` (disjoint domains, e.g. a group and the rest), as R's
 * degf(subset(design, ...)): stage-1 units with one of them less their strata; their number less 1 without a
 * design.
 */
export function partsDegf(parts: readonly WeightedSums[], cells: ReadonlyMap<string, CellTotal>, calibration: Calibration): number {
  const respondents = (cell: string): number => parts.reduce((sum, sums) => sum + (sums.get(cell)?.n ?? 0), 0);
  if (calibration.design === undefined) {
    let n = 0;
    for (const cell of cells.keys()) n += respondents(cell);
    return n - 1;
  }
  const keys = [...cells.keys()];
  return domainDegf(checkedLayout(cells), calibration.design.clustered, (c) => respondents(keys[c] ?? ''));
}
