/**
 * A respondent's place in the sampling design (`design` in the codebook), as one string carried by the
 * response and appended to its weighting cell: the stratum, the PSU and the second-stage unit (each '' when
 * the design has none; a PSU of '' means every respondent is a PSU of their own), and the population sizes
 * (`fpc`) of the two stages (null without). Strings, so that parts of a file read by different threads
 * agree on it without a shared dictionary.
 */
export interface DesignPlace {
  stratum: string;
  psu: string;
  ssu: string;
  fpc: [number | null, number | null];
}

export function designKey(place: DesignPlace): string {
  return JSON.stringify([place.stratum, place.psu, place.ssu, place.fpc[0], place.fpc[1]]);
}

/** Separates a weighting cell from the design key appended to it. */
export const DESIGN_SEPARATOR = '\u001e';

const parsed = new Map<string, DesignPlace>();

/** The design place of a weighting-cell key (an empty place when the key has none). */
export function designPlaceOf(cell: string): DesignPlace {
  const at = cell.indexOf(DESIGN_SEPARATOR);
  const key = at < 0 ? '' : cell.slice(at + 1);
  let place = parsed.get(key);
  if (place === undefined) {
    if (parsed.size >= 100_000) parsed.clear();
    const [stratum, psu, ssu, fpc1, fpc2] = (key === '' ? ['', '', '', null, null] : JSON.parse(key)) as [string, string, string, number | null, number | null];
    place = { stratum, psu, ssu, fpc: [fpc1, fpc2] };
    parsed.set(key, place);
  }
  return place;
}
