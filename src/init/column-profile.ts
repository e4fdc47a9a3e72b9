/**
 * What `init` learns about each column while streaming an export: how many cells are filled, the distinct
 * values and their counts (capped), how many look numeric or personal, whether values repeat, and how often
 * a multi-select separator appears. Cells that exports write for "no answer" (`NA`, `NaN`, `#N/A`, `null`,
 * `-`, the platforms' `(跳过)`) are not values; a whole number written as a float (`2.0`, as pandas writes
 * integer codes in a column with a missing value) is that whole number. Bounded memory whatever the number
 * of rows.
 */
import { DEFAULT_MISSING } from '../codebook/schema.ts';
import { looksPersonal } from '../util/looks-personal.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import { missingKey, PLATFORM_MISSING, wholeNumberText } from '../validate/parse-answer.ts';

/** Distinct values kept per column; a column with more is free text or numbers, not choices. */
export const DISTINCT_CAP = 500;
/** Values remembered past `DISTINCT_CAP` to tell whether a possible id column repeats one. */
export const UNIQUE_CAP = 1_000_000;
/** Non-number values kept per column (a numeric column's `Don't know`). */
const NON_NUMBER_CAP = 20;
export const SEPARATORS = ['┋', ', ', ',', ';', '|'] as const;

export interface ColumnProfile {
  name: string;
  /** Cells holding a value (not empty, not a "no answer" marker). */
  filled: number;
  /** Distinct normalised values (the `其他〖…〗` form folded to its option) with counts, in first-seen order. */
  values: Map<string, number>;
  overflow: boolean;
  /** Values that are numbers (`007`, a code with a leading zero, is not). */
  numeric: number;
  integer: number;
  min: number;
  max: number;
  /** Values that are not numbers, with counts (the first few). */
  nonNumbers: Map<string, number>;
  personal: number;
  /** Per separator: cells holding it. */
  separated: Record<string, number>;
  /** No value seen twice; undefined when the column was not tracked past `DISTINCT_CAP` values. */
  unique: boolean | undefined;
  /** Every row filled, with the numbers 0, 1, 2, … or 1, 2, 3, … in order: row numbers. */
  rowNumbers: boolean;
}

const NOT_VALUES = new Set([...PLATFORM_MISSING.wjx, ...DEFAULT_MISSING].map(missingKey));
/** The longest of them: longer cells need no look-up. */
const NOT_VALUE_LENGTH = Math.max(...[...NOT_VALUES].map((value) => value.length));
/** A number as validation reads one: R writes 100000 as `1e+05`. */
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const FLOAT_WHOLE = /^[-+]?\d+\.0+$/;

/** `trackUnique`: the columns whose repeats are worth remembering past `DISTINCT_CAP` values (possible ids). */
export function createColumnProfiles(
  header: readonly string[],
  trackUnique: (name: string, index: number) => boolean = () => false,
): { push(cells: readonly string[]): void; profiles: ColumnProfile[] } {
  let rows = 0;
  const starts: number[] = [];
  const seen = header.map((name, i) => (trackUnique(name, i) ? new Set<string>() : undefined));
  const profiles: ColumnProfile[] = header.map((name) => ({
    name,
    filled: 0,
    values: new Map(),
    overflow: false,
    numeric: 0,
    integer: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    nonNumbers: new Map(),
    personal: 0,
    separated: Object.fromEntries(SEPARATORS.map((s) => [s, 0])),
    unique: true,
    rowNumbers: true,
  }));
  return {
    profiles,
    push(cells) {
      rows++;
      profiles.forEach((profile, i) => {
        const value = cellValue(cells[i] ?? '');
        if (value === undefined) {
          profile.rowNumbers = false;
          return;
        }
        profile.filled++;
        if (rows === 1) starts[i] = value === '0' ? 0 : 1;
        if (profile.rowNumbers && value !== String((starts[i] ?? 1) + rows - 1)) profile.rowNumbers = false;
        countValue(profile, value, seen[i]);
        if (value.length <= 64 && NUMBER.test(value) && !/^[-+]?0\d/.test(value)) {
          const number = Number(value);
          profile.numeric++;
          if (Number.isInteger(number)) profile.integer++;
          profile.min = Math.min(profile.min, number);
          profile.max = Math.max(profile.max, number);
        } else if (profile.nonNumbers.size < NON_NUMBER_CAP || profile.nonNumbers.has(value)) {
          profile.nonNumbers.set(value, (profile.nonNumbers.get(value) ?? 0) + 1);
        }
        if (looksPersonal(value)) profile.personal++;
        for (const separator of SEPARATORS) if (value.includes(separator)) profile.separated[separator] = (profile.separated[separator] ?? 0) + 1;
      });
    },
  };
}

/** A cell's value as profiled: normalised, `其他〖written text〗` as its option `其他`, `2.0` as `2`; undefined for no answer. */
function cellValue(cell: string): string | undefined {
  const value = normalizeLabel(cell.trim().replace(/〖[^〗]*〗/gu, ''));
  if (value === '' || (value.length <= NOT_VALUE_LENGTH && NOT_VALUES.has(missingKey(value)))) return undefined;
  return FLOAT_WHOLE.test(value) ? (wholeNumberText(value) ?? value) : value;
}

function countValue(profile: ColumnProfile, value: string, seen: Set<string> | undefined): void {
  if (!profile.overflow) {
    const count = (profile.values.get(value) ?? 0) + 1;
    profile.values.set(value, count);
    if (count > 1) profile.unique = false;
    if (profile.values.size > DISTINCT_CAP) {
      profile.overflow = true;
      if (seen !== undefined && profile.unique === true) for (const known of profile.values.keys()) seen.add(known);
      else if (profile.unique === true) profile.unique = undefined;
    }
    return;
  }
  if (seen === undefined || profile.unique !== true) return;
  if (seen.has(value)) profile.unique = false;
  else if (seen.size < UNIQUE_CAP) seen.add(value);
}
