/**
 * The design-based covariance of two estimators' linearised residuals, as R's `svyrecvar` → `multistage` →
 * `onestage` → `onestrat` computes it (survey 4.1): per stratum h of stage 1 with n_h sampled units and
 * population N_h, (1 − n_h/N_h)·n_h/(n_h − 1)·Σ_i (z_a,hi − z̄_a,h)(z_b,hi − z̄_b,h), z the residual totals of
 * the units (PSUs, or respondents without `ids`); a two-stage design with an fpc at both stages adds, for
 * every PSU, the same sum over its second-stage units times n_h/N_h. Strata of one unit follow `lonelyPsu`
 * (R's `survey.lonely.psu`): `adjust` centres the unit at 0 (the grand mean of the residuals) instead of
 * dropping it, `average` gives it the average of the other strata, `certainty` and `remove` count it as 0.
 *
 * Inputs are per weighting cell (in cell order): the cell's residual totals `a` and `b`, and `ab`, the sum
 * of the products of its respondents' residuals (only used when respondents are the units). Each comes
 * with a magnitude (the same sum of absolute values) so that a result within rounding error of its terms
 * can be told from a real one. Units of the design with no respondent in a cell (left out of the weighting)
 * count with residuals of 0, as R's onestrat pads a subset's strata to their n_h.
 */
import type { DesignSpec } from '../weights/weighting-plan.ts';
import type { DesignLayout, StratumLayout } from './design-layout.ts';

export interface CellResiduals {
  a: number[];
  b: number[];
  ab: number[];
  sizeA: number[];
  sizeB: number[];
  sizeAB: number[];
  /** Respondents per cell. */
  n: number[];
}

/** The covariance and the size of the terms it is a difference of. */
export interface DesignCovariance {
  value: number;
  size: number;
}

/** Σ over units of z_a·z_b centred, scaled: one stratum (or one PSU's second stage) of `onestrat`; NaN for `average`'s lonely unit. */
function stage(units: { a: number; b: number; ab: number; sa: number; sb: number; sab: number }[] | null, rows: { a: number; b: number; ab: number; sa: number; sb: number; sab: number; n: number } | null, population: number | null, lonely: DesignSpec['lonelyPsu']): DesignCovariance {
  let count = 0;
  let sumA = 0;
  let sumB = 0;
  let cross = 0;
  let sizeA = 0;
  let sizeB = 0;
  let sizeCross = 0;
  if (units !== null) {
    for (const u of units) {
      count++;
      sumA += u.a;
      sumB += u.b;
      cross += u.a * u.b;
      sizeA += u.sa;
      sizeB += u.sb;
      sizeCross += u.sa * u.sb;
    }
  } else if (rows !== null) {
    count = rows.n;
    sumA = rows.a;
    sumB = rows.b;
    cross = rows.ab;
    sizeA = rows.sa;
    sizeB = rows.sb;
    sizeCross = rows.sab;
  }
  const f = population === null || !Number.isFinite(population) ? 1 : (population - count) / population;
  if (count === 0 || f < 1e-7) return { value: 0, size: 0 };
  if (count > 1) {
    const scale = (f * count) / (count - 1);
    return { value: scale * (cross - (sumA * sumB) / count), size: scale * (sizeCross + (sizeA * sizeB) / count) };
  }
  if (lonely === 'adjust') return { value: f * cross, size: f * sizeCross };
  if (lonely === 'average') return { value: Number.NaN, size: 0 };
  return { value: 0, size: 0 };
}

function unitOf(cells: readonly number[], r: CellResiduals): { a: number; b: number; ab: number; sa: number; sb: number; sab: number } {
  let a = 0;
  let b = 0;
  let sa = 0;
  let sb = 0;
  for (const c of cells) {
    a += r.a[c] ?? 0;
    b += r.b[c] ?? 0;
    sa += r.sizeA[c] ?? 0;
    sb += r.sizeB[c] ?? 0;
  }
  return { a, b, ab: 0, sa, sb, sab: 0 };
}

function rowsOf(cells: readonly number[], r: CellResiduals): { a: number; b: number; ab: number; sa: number; sb: number; sab: number; n: number } {
  const total = { a: 0, b: 0, ab: 0, sa: 0, sb: 0, sab: 0, n: 0 };
  for (const c of cells) {
    total.a += r.a[c] ?? 0;
    total.b += r.b[c] ?? 0;
    total.ab += r.ab[c] ?? 0;
    total.sa += r.sizeA[c] ?? 0;
    total.sb += r.sizeB[c] ?? 0;
    total.sab += r.sizeAB[c] ?? 0;
    total.n += r.n[c] ?? 0;
  }
  return total;
}

function stratumCovariance(stratum: StratumLayout, spec: DesignSpec, r: CellResiduals): DesignCovariance {
  const first = spec.clustered ? stage(stratum.psus.map((psu) => unitOf(psu.cells, r)), null, stratum.population, spec.lonelyPsu) : stage(null, { ...rowsOf(stratum.cells, r), n: stratum.units }, stratum.population, spec.lonelyPsu);
  if (!spec.twoStage || stratum.population === null) return first;
  // multistage: each PSU's second stage, times the first stage's sampling fraction n_h/N_h.
  const fraction = stratum.units / stratum.population;
  let value = first.value;
  let size = first.size;
  for (const psu of stratum.psus) {
    const second = stage(psu.ssus.map((cells) => unitOf(cells, r)), null, psu.population, spec.lonelyPsu);
    // design-layout.ts refuses a lonely second-stage unit under `average` (R: NaN); a census PSU adds 0 first.
    value += fraction * second.value;
    size += fraction * second.size;
  }
  return { value, size };
}

export function designCovariance(layout: DesignLayout, spec: DesignSpec, r: CellResiduals): DesignCovariance {
  let value = 0;
  let size = 0;
  let ok = 0;
  for (const stratum of layout.strata) {
    const part = stratumCovariance(stratum, spec, r);
    if (Number.isNaN(part.value)) continue;
    ok++;
    value += part.value;
    size += part.size;
  }
  // `average`: the strata of one unit get the mean of the others (R: the sum times nstrat/nokstrat).
  const strata = layout.strata.length;
  return ok === strata || ok === 0 ? { value, size } : { value: (value * strata) / ok, size: (size * strata) / ok };
}
