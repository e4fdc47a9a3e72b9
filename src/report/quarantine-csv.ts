/**
 * `quarantine.csv`: every rejected row as read, `withheld` columns (PII, free text) removed, a `row` column
 * first and a `reason` column last listing all its reasons; every cell shown as `shownValue` shows values
 * (written-in text withheld, contacts masked, a personal-looking cell withheld) and neutralised against
 * spreadsheet formula injection. A ragged row's cells are shifted against the header, so when any column is withheld
 * its cells are withheld too (personal data could sit under any column); the row number points to it in the
 * export. Otherwise the cells a ragged row has beyond the header's are kept, in an `extra cells` column.
 */
import Papa from 'papaparse';
import { RAGGED_ROW } from '../validate/row-validator.ts';
import { shownValue } from '../util/shown-value.ts';
import { neutralizeCsvCell } from './neutralize-csv-cell.ts';
import type { Reason } from '../model/validation.ts';

/** A quarantined row as quarantine.csv shows it: its number, cells and reasons. */
export interface ShownRow {
  row: number;
  cells: readonly string[];
  reasons: readonly Reason[];
}

export function quarantineCsv(header: readonly string[], rows: readonly ShownRow[], withheld: ReadonlySet<number>): string {
  const widest = rows.reduce((most, r) => Math.max(most, r.cells.length), 0);
  return [...quarantineCsvChunks(header, rows, widest, withheld)].join('');
}

/** Rows per piece of `quarantineCsvChunks`. */
const ROWS_PER_CHUNK = 1000;

/**
 * quarantine.csv in pieces of a thousand rows (the whole text of 100,000 rows, built at once, took hundreds of
 * megabytes): `widest` is the most cells a row has, which decides whether the extra column is there.
 */
export function* quarantineCsvChunks(header: readonly string[], rows: Iterable<ShownRow>, widest: number, withheld: ReadonlySet<number>): Generator<string> {
  const keep = header.map((_, i) => i).filter((i) => !withheld.has(i));
  // A ragged row's cells beyond the header's have no column: they go into one, as a JSON list, when any row has them.
  const extra = widest > header.length;
  const csv = (table: string[][]): string => Papa.unparse(table.map((cells) => cells.map(neutralizeCsvCell)), { newline: '\n' });
  yield `\ufeff${csv([['row', ...keep.map((i) => header[i] ?? ''), ...(extra ? [EXTRA_CELLS] : []), 'reason']])}\n`;
  let table: string[][] = [];
  for (const r of rows) {
    const withhold = withheld.size > 0 && r.reasons.some((reason) => reason.rule === RAGGED_ROW);
    const reasons = r.reasons.map((reason) => (reason.column === undefined ? `${reason.rule}: ${reason.message}` : `${reason.rule} [${reason.column}]: ${reason.message}`));
    if (withhold) reasons.push('cells withheld: they are shifted against the header, so personal data could show under any column');
    const beyond = r.cells.slice(header.length);
    const extraCells = extra ? [withhold || beyond.length === 0 ? '' : JSON.stringify(beyond.map(shownValue))] : [];
    table.push([String(r.row), ...keep.map((i) => (withhold ? '' : shownValue(r.cells[i] ?? ''))), ...extraCells, reasons.join('; ')]);
    if (table.length === ROWS_PER_CHUNK) {
      yield `${csv(table)}\n`;
      table = [];
    }
  }
  if (table.length > 0) yield `${csv(table)}\n`;
}

/** The column of the cells a ragged row has beyond the header's. */
export const EXTRA_CELLS = 'extra cells';
