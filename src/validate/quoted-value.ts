/**
 * A value from a cell as validation quotes it in a reason (`validation.json`, the terminal): as
 * `shownValue` shows values (written-in text withheld, contacts masked, a personal-looking value withheld),
 * and cut at `MAX_QUOTED` characters (the whole row stays in quarantine.csv, under the same rule).
 */
import { shownCut } from '../util/shown-cut.ts';
import { shownValue } from '../util/shown-value.ts';

export const MAX_QUOTED = 200;

export function quotedValue(value: string): string {
  return shownCut(value, MAX_QUOTED, shownValue);
}
