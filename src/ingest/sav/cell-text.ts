/**
 * The text of one value of a `.sav` file, as a cell of a CSV export would hold it: numbers as their shortest
 * decimal (JavaScript's `String`: 1, 2.5, 0.1, 1e+21), system-missing as '', strings without their trailing
 * blanks. A numeric variable with a date or time print format holds seconds (dates count from the start of
 * the Gregorian calendar, 1582-10-14 00:00:00) and reads as ISO 8601 text: `2024-03-15` for the date formats
 * (DATE, ADATE, EDATE, SDATE, JDATE, MOYR, QYR, WKYR) when the value is a whole day, `2024-03-15T10:20:00`
 * for DATETIME and YMDHMS (and a date with a time of day), `25:01:01` (hours past 24 kept) for the duration
 * formats TIME, DTIME and MTIME. Fractions of a second show to the millisecond, trailing zeros dropped.
 */

export type NumericKind = 'number' | 'date' | 'datetime' | 'time';

const DATE_FORMATS = new Set([20, 23, 24, 28, 29, 30, 38, 39]);
const DATETIME_FORMATS = new Set([22, 41]);
const TIME_FORMATS = new Set([21, 25, 40]);

/** How a numeric variable's values read, from its print format's type code. */
export function numericKind(printType: number): NumericKind {
  if (DATE_FORMATS.has(printType)) return 'date';
  if (DATETIME_FORMATS.has(printType)) return 'datetime';
  if (TIME_FORMATS.has(printType)) return 'time';
  return 'number';
}

/** A value as cell text: null (system-missing) and NaN as '', numbers by `String`, strings right-trimmed. */
export function cellText(value: number | string | null): string {
  if (value === null) return '';
  if (typeof value === 'string') return value.replace(/[ \0]+$/, '');
  return Number.isNaN(value) ? '' : String(value);
}

/** Milliseconds from the Unix epoch to SPSS's, 1582-10-14 00:00:00 (proleptic Gregorian). */
const SPSS_EPOCH_MS = Date.UTC(1582, 9, 14);
const DAY_SECONDS = 86_400;

/** A numeric value as cell text for its kind; a date outside years 0–9999 reads as the plain number. */
export function numericText(value: number, kind: NumericKind): string {
  if (kind === 'number' || !Number.isFinite(value)) return cellText(value);
  if (kind === 'time') return durationText(value);
  const ms = Math.round(value * 1000);
  const date = new Date(SPSS_EPOCH_MS + ms);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 0 || year > 9999) return cellText(value);
  const day = `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
  if (kind === 'date' && value % DAY_SECONDS === 0) return day;
  return `${day}T${clock(date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds())}`;
}

function durationText(seconds: number): string {
  const ms = Math.round(Math.abs(seconds) * 1000);
  if (!Number.isSafeInteger(ms)) return cellText(seconds);
  const whole = Math.floor(ms / 1000);
  const text = clock(Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60, ms % 1000);
  return seconds < 0 && ms > 0 ? `-${text}` : text;
}

function clock(hours: number, minutes: number, seconds: number, ms: number): string {
  const fraction = ms === 0 ? '' : `.${pad(ms, 3).replace(/0+$/, '')}`;
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}${fraction}`;
}

function pad(value: number, digits: number): string {
  return String(value).padStart(digits, '0');
}
