/**
 * Dates and durations as text. SPSS counts seconds from 1582-10-14 00:00:00 (PSPP manual, "Time and Date
 * Formats"); expected values are R 4.2's, with the call beside each.
 */
import { describe, expect, it } from 'vitest';
import { numericKind, numericText } from '../../../src/ingest/sav/cell-text.ts';

describe('numericText', () => {
  it('writes a whole-day value of a date format as the date', () => {
    // R: format(as.Date(c(0, 161274 * 86400) / 86400, origin = "1582-10-14"))  →  "1582-10-14" "2024-05-03"
    expect(numericText(0, 'date')).toBe('1582-10-14');
    expect(numericText(161274 * 86400, 'date')).toBe('2024-05-03');
  });

  it('writes a date-time to the millisecond, trailing zeros dropped, and a date with a time of day as a date-time', () => {
    // R: format(as.POSIXct("1582-10-14", tz = "UTC") + 13934073600 + 37230.25, "%Y-%m-%dT%H:%M:%OS3", tz = "UTC")
    //    →  "2024-05-03T10:20:30.250"
    expect(numericText(13_934_073_600 + 37_230.25, 'datetime')).toBe('2024-05-03T10:20:30.25');
    // R: format(as.POSIXct("1582-10-14", tz = "UTC") + 13934102400, "%Y-%m-%dT%H:%M:%S", tz = "UTC")  →  "2024-05-03T08:00:00"
    expect(numericText(13_934_102_400, 'date')).toBe('2024-05-03T08:00:00');
  });

  it('writes durations as hours:minutes:seconds, hours past 24 kept', () => {
    // R: format(hms::hms(seconds = s)) for s in -75, 359999, 0.001  →  "-00:01:15", "99:59:59", "00:00:00.001"
    expect([-75, 359_999, 0.001].map((s) => numericText(s, 'time'))).toEqual(['-00:01:15', '99:59:59', '00:00:00.001']);
  });

  it('writes a date past year 9999 as its plain number', () => {
    // R: format(as.Date(13934102400 / 86400 + 365.25 * 8000, origin = "1582-10-14"))  →  "10024-07-02", not ISO 8601's four digits.
    const seconds = 13_934_102_400 + 86_400 * 365.25 * 8000;
    expect(numericText(seconds, 'date')).toBe(String(seconds));
  });

  it('reads the date, date-time and duration formats by their type codes (PSPP "System File Format": 20 DATE, 22 DATETIME, 21 TIME, 5 F, 26 WKDAY)', () => {
    expect([20, 22, 21, 5, 26].map(numericKind)).toEqual(['date', 'datetime', 'time', 'number', 'number']);
  });
});
