/**
 * The sampling design over the weighting cells: which cells make up each stratum, PSU and second-stage unit,
 * how many units each stage has in the sample and in the population, and the design's degrees of freedom,
 * as R's `svydesign(ids = ~psu + ssu, strata = ~stratum, fpc = ~fpc1 + fpc2, nest =)` sees them. Built once
 * per set of cells, from the design key each cell carries (design-key.ts); checked the way `svydesign` checks
 * (PSUs nested in strata, one population size per stratum, no more sampled units than the population has).
 */
import type { CellTotal } from '../weights/calibrate.ts';
import type { DesignSpec } from '../weights/weighting-plan.ts';
import { DESIGN_SEPARATOR, designPlaceOf, type DesignPlace } from './design-key.ts';

export interface PsuLayout {
  label: string;
  /** Indices (in cell order) of the PSU's cells. */
  cells: number[];
  /** Second-stage units: the indices of each one's cells (two-stage designs only). */
  ssus: number[][];
  /** Population count of second-stage units in the PSU (fpc of stage 2), or null. */
  population: number | null;
}

export interface StratumLayout {
  label: string;
  cells: number[];
  /** Sampled units of stage 1: PSUs, or respondents when the design has no `ids`. */
  units: number;
  /** Population count of stage-1 units (fpc of stage 1, a fraction turned into a count), or null. */
  population: number | null;
  psus: PsuLayout[];
}

export interface DesignLayout {
  strata: StratumLayout[];
  /** Per cell (in cell order): its stratum and PSU (−1 without `ids`). */
  stratumOf: number[];
  psuOf: number[];
  /**
   * degf(design): sampled stage-1 units less strata, counting those with a respondent in a cell (R's degf of
   * the design subset to those weighted).
   */
  degf: number;
  /** Strata with a single stage-1 unit. */
  lonely: string[];
}

export type LayoutResult = { ok: true; layout: DesignLayout } | { ok: false; path: string; message: string };

const layouts = new WeakMap<ReadonlyMap<string, CellTotal>, LayoutResult>();

/**
 * The layout of `cells` under `spec` (cached per cells map); `outside`: the design keys (design-key.ts) of
 * respondents in no cell, with their counts.
 */
export function designLayout(cells: ReadonlyMap<string, CellTotal>, spec: DesignSpec, outside: ReadonlyMap<string, number> = new Map()): LayoutResult {
  const known = layouts.get(cells);
  if (known !== undefined) return known;
  const result = buildLayout(cells, spec, outside);
  layouts.set(cells, result);
  return result;
}

/** The layout, for code that runs after finishStats has built and checked it. */
export function checkedLayout(cells: ReadonlyMap<string, CellTotal>): DesignLayout {
  const result = layouts.get(cells);
  if (result === undefined || !result.ok) throw new Error('design layout not built and checked before use');
  return result.layout;
}

/** Stage-1 units with a respondent in some cell, less the strata with one. */
function keptDegf(strata: StratumLayout[], clustered: boolean, cells: ReadonlyMap<string, CellTotal>): number {
  const n = [...cells.values()].map((t) => t.n);
  return domainDegf({ strata, stratumOf: [], psuOf: [], degf: 0, lonely: [] }, clustered, (c) => n[c] ?? 0);
}

function buildLayout(cells: ReadonlyMap<string, CellTotal>, spec: DesignSpec, outside: ReadonlyMap<string, number>): LayoutResult {
  const strata: StratumLayout[] = [];
  const strataIndex = new Map<string, number>();
  const psuIndex = new Map<string, { stratum: number; psu: number }>();
  const ssuIndex = new Map<string, number>();
  /** Every PSU label's strata, to check nesting when `nest` is off. */
  const psuStrata = new Map<string, string>();
  const stratumOf: number[] = [];
  const psuOf: number[] = [];
  const fpc1 = new Map<number, number | null>();
  let fractions1: boolean | undefined;
  let fractions2: boolean | undefined;
  /** An fpc value below 1 (a sampling fraction) and one above 1 (a count), for R's "all fpc>=1 or all fpc<=1". */
  let below1: number | undefined;
  let above1: number | undefined;
  const seen = (value: number | null): void => {
    if (value === null) return;
    if (value < 1) below1 ??= value;
    if (value > 1) above1 ??= value;
  };
  /** Places `respondents` at `place`: cell `index`, or (null) respondents outside every cell. A message when a rule breaks. */
  const add = (place: DesignPlace, index: number | null, respondents: number): { path: string; message: string } | undefined => {
    let h = strataIndex.get(place.stratum);
    if (h === undefined) {
      h = strata.length;
      strataIndex.set(place.stratum, h);
      strata.push({ label: place.stratum, cells: [], units: 0, population: null, psus: [] });
    }
    const stratum = strata[h] as StratumLayout;
    if (index !== null) {
      stratum.cells.push(index);
      stratumOf.push(h);
    }
    const known = fpc1.get(h);
    if (known !== undefined && known !== place.fpc[0]) {
      const where = spec.strata ? `stratum \`${place.stratum}\` has` : 'the design has no strata, so the whole sample is one stratum, but it has';
      return { path: 'design.fpc', message: `${where} two population sizes (${known} and ${place.fpc[0]}); the fpc of stage 1 is one number per stratum${spec.strata ? '' : ': name the strata in `strata`, or give one fpc'} (R warns "fpc varies within strata")` };
    }
    fpc1.set(h, place.fpc[0]);
    seen(place.fpc[0]);
    seen(place.fpc[1]);
    if (place.fpc[0] !== null) fractions1 = (fractions1 ?? true) && place.fpc[0] <= 1;
    if (!spec.clustered) {
      stratum.units += respondents;
      if (index !== null) psuOf.push(-1);
      return undefined;
    }
    if (!spec.nest) {
      const other = psuStrata.get(place.psu);
      if (other !== undefined && other !== place.stratum) {
        return { path: 'design.nest', message: `PSU \`${place.psu}\` is in strata \`${other}\` and \`${place.stratum}\`; when PSU codes restart in each stratum set \`nest: true\` (R: "Clusters not nested in strata at top level")` };
      }
      psuStrata.set(place.psu, place.stratum);
    }
    const psuKey = JSON.stringify([place.stratum, place.psu]);
    let p = psuIndex.get(psuKey);
    if (p === undefined) {
      p = { stratum: h, psu: stratum.psus.length };
      psuIndex.set(psuKey, p);
      stratum.psus.push({ label: place.psu, cells: [], ssus: [], population: place.fpc[1] });
    }
    const psu = stratum.psus[p.psu] as PsuLayout;
    if (index !== null) {
      psu.cells.push(index);
      psuOf.push(p.psu);
    }
    if (psu.population !== place.fpc[1]) {
      return { path: 'design.fpc', message: `PSU \`${place.psu}\` has two population sizes of stage 2 (${psu.population} and ${place.fpc[1]}); the fpc of stage 2 is one number per PSU` };
    }
    if (place.fpc[1] !== null) fractions2 = (fractions2 ?? true) && place.fpc[1] <= 1;
    if (spec.twoStage) {
      const ssuKey = JSON.stringify([place.stratum, place.psu, place.ssu]);
      let s = ssuIndex.get(ssuKey);
      if (s === undefined) {
        s = psu.ssus.length;
        ssuIndex.set(ssuKey, s);
        psu.ssus.push([]);
      }
      if (index !== null) psu.ssus[s]?.push(index);
    }
    return undefined;
  };
  let index = 0;
  for (const [cell, total] of cells) {
    const broken = add(designPlaceOf(cell), index, total.n);
    if (broken !== undefined) return { ok: false, ...broken };
    index++;
  }
  // Respondents left out of the weighting (a weighting question unanswered) still belong to the design: their
  // strata, PSUs and second-stage units count towards n_h and lonely strata, as R's subset() of a design keeps them.
  for (const [key, respondents] of outside) {
    const broken = add(designPlaceOf(`${DESIGN_SEPARATOR}${key}`), null, respondents);
    if (broken !== undefined) return { ok: false, ...broken };
  }
  if (below1 !== undefined && above1 !== undefined) {
    return { ok: false, path: 'design.fpc', message: `holds both a sampling fraction (${below1}) and a population count (${above1}); give every fpc as counts (all at least 1) or as fractions (all at most 1), as R requires` };
  }
  // R (as.fpc): when every fpc value of every stage is at most 1, they are sampling fractions.
  const fractions = fractions1 !== undefined && (fractions1 ?? true) && (fractions2 ?? true);
  const lonely: string[] = [];
  let units = 0;
  for (const [h, stratum] of strata.entries()) {
    if (spec.clustered) stratum.units = stratum.psus.length;
    units += stratum.units;
    if (stratum.units === 1) lonely.push(stratum.label);
    const given = fpc1.get(h) ?? null;
    stratum.population = given === null ? null : fractions ? stratum.units / given : given;
    if (stratum.population !== null && stratum.population < stratum.units * (1 - 1e-12)) {
      return { ok: false, path: 'design.fpc', message: `stratum \`${stratum.label}\` has ${stratum.units} sampled ${spec.clustered ? 'PSUs' : 'respondents'} but a population of ${given}; the fpc of stage 1 is the population count (or the sampling fraction)` };
    }
    for (const psu of stratum.psus) {
      if (psu.population === null || !spec.twoStage) continue;
      const count = psu.ssus.length;
      psu.population = fractions ? count / psu.population : psu.population;
      if (psu.population < count * (1 - 1e-12)) {
        return { ok: false, path: 'design.fpc', message: `PSU \`${psu.label}\` has ${count} sampled second-stage units but a population of ${psu.population}; the fpc of stage 2 is the population count in the PSU` };
      }
      // A PSU with one sampled unit of several is a lonely stratum of stage 2: R stops under fail and gives NaN under average.
      if (count === 1 && psu.population > 1 + 1e-7 && (spec.lonelyPsu === 'fail' || spec.lonelyPsu === 'average')) {
        return { ok: false, path: 'design.lonelyPsu', message: `PSU \`${psu.label}\` has one sampled second-stage unit of ${psu.population}, so its stage-2 variance cannot be estimated${spec.lonelyPsu === 'average' ? ' (R gives NaN under average)' : ''}; set \`lonelyPsu\` to adjust, certainty or remove` };
      }
    }
  }
  if (units === 1) {
    return { ok: false, path: spec.clustered ? 'design.ids' : 'design', message: `the design has only one ${spec.clustered ? 'PSU' : 'respondent'}, so no variance can be estimated from it (R: "Design has only one primary sampling unit"); check \`ids\`, or analyse without \`design\`` };
  }
  if (lonely.length === strata.length && spec.lonelyPsu === 'average') {
    return { ok: false, path: 'design.lonelyPsu', message: 'every stratum has a single PSU, so `average` has no stratum to take the variance from (R gives NaN); use adjust, or check `strata` and `ids`' };
  }
  if (lonely.length > 0 && spec.lonelyPsu === 'fail') {
    const named = lonely.slice(0, 5).map((label) => `\`${label}\``).join(', ');
    return { ok: false, path: 'design.lonelyPsu', message: `stratum ${named}${lonely.length > 5 ? ` and ${lonely.length - 5} more` : ''} ha${lonely.length === 1 ? 's' : 've'} only one PSU, so ${lonely.length === 1 ? 'its' : 'their'} variance cannot be estimated; set \`lonelyPsu\` to adjust, average, certainty or remove (R's options(survey.lonely.psu))` };
  }
  return { ok: true, layout: { strata, stratumOf, psuOf, degf: keptDegf(strata, spec.clustered, cells), lonely } };
}

/**
 * Weights a design implies when the export has none, as `svydesign` derives them from `fpc`: each stage's
 * population count over its sampled count, multiplied over the stages. Null without `fpc`.
 */
export function fpcWeights(cells: ReadonlyMap<string, CellTotal>, layout: DesignLayout, spec: DesignSpec): Map<string, number> | null {
  if (!spec.fpc) return null;
  const factor = layout.strata.map(() => 1);
  const keys = [...cells.keys()];
  const result = new Map<string, number>();
  layout.strata.forEach((stratum, h) => {
    factor[h] = stratum.population === null ? 1 : stratum.population / stratum.units;
    for (const psu of stratum.psus) {
      const second = spec.twoStage && psu.population !== null ? psu.population / psu.ssus.length : 1;
      for (const c of psu.cells) result.set(keys[c] ?? '', (factor[h] ?? 1) * second);
    }
    if (!spec.clustered) for (const c of stratum.cells) result.set(keys[c] ?? '', factor[h] ?? 1);
  });
  return result;
}

/**
 * Degrees of freedom of a domain, as `degf(subset(design, ...))`: stage-1 units with a respondent of the
 * domain, less the strata with one. `respondentsIn(c)`: the domain's respondents in cell c.
 */
export function domainDegf(layout: DesignLayout, clustered: boolean, respondentsIn: (c: number) => number): number {
  let units = 0;
  let strata = 0;
  for (const stratum of layout.strata) {
    let count = 0;
    if (clustered) {
      for (const psu of stratum.psus) if (psu.cells.some((c) => respondentsIn(c) > 0)) count++;
    } else {
      for (const c of stratum.cells) count += respondentsIn(c);
    }
    units += count;
    if (count > 0) strata++;
  }
  return units - strata;
}
