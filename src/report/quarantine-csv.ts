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
import type { QuarantinedRow } from '../model/validation.ts';

export function quarantineCsv(header: readonly string[], rows: readonly QuarantinedRow[], withheld: ReadonlySet<number>): string {
  const keep = header.map((_, i) => i).filter((i) => !withheld.has(i));
  // A ragged row's cells beyond the header's have no column: they go into one, as a JSON list, when any row has them.
  const extra = rows.some((r) => r.cells.length > header.length);
  const table = [
    ['row', ...keep.map((i) => header[i] ?? ''), ...(extra ? [EXTRA_CELLS] : []), 'reason'],
    ...rows.map((r) => {
      const withhold = withheld.size > 0 && r.reasons.some((reason) => reason.rule === RAGGED_ROW);
      const reasons = r.reasons.map((reason) => (reason.column === undefined ? `${reason.rule}: ${reason.message}` : `${reason.rule} [${reason.column}]: ${reason.message}`));
      if (withhold) reasons.push('cells withheld: they are shifted against the header, so personal data could show under any column');
      const beyond = r.cells.slice(header.length);
      const extraCells = extra ? [withhold || beyond.length === 0 ? '' : JSON.stringify(beyond.map(shownValue))] : [];
      return [String(r.row), ...keep.map((i) => (withhold ? '' : shownValue(r.cells[i] ?? ''))), ...extraCells, reasons.join('; ')];
    }),
  ];
  return `\ufeff${Papa.unparse(table.map((cells) => cells.map(neutralizeCsvCell)), { newline: '\n' })}\n`;
}

/** The column of the cells a ragged row has beyond the header's. */
export const EXTRA_CELLS = 'extra cells';
