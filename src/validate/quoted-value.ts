/**
 * A value from a cell as validation quotes it in a reason (`validation.json`, the terminal): as
 * `shownValue` shows values (written-in text withheld, contacts masked, a personal-looking value withheld),
 * and cut at `MAX_QUOTED` characters (the whole row stays in quarantine.csv, under the same rule).
 */
import { shownValue } from '../util/shown-value.ts';

export const MAX_QUOTED = 200;

/** Room beyond the cut that is masked too, so a number straddling the cut is masked, not half shown. */
const MARGIN = 1000;

export function quotedValue(value: string): string {
  const shown = shownValue(value.length > MAX_QUOTED + MARGIN ? value.slice(0, MAX_QUOTED + MARGIN) : value);
  return shown.length > MAX_QUOTED || value.length > MAX_QUOTED + MARGIN ? `${shown.slice(0, MAX_QUOTED)}…` : shown;
}
