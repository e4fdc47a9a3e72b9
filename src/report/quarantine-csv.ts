/**
 * `quarantine.csv`: every rejected row as read, PII columns removed, a `row` column first and a `reason`
 * column last listing all its reasons. Cells are neutralised against spreadsheet formula injection.
 */
import Papa from 'papaparse';
import type { QuarantinedRow } from '../validate/row-validator.ts';
import { neutralizeCsvCell } from './neutralize-csv-cell.ts';

export function quarantineCsv(header: readonly string[], rows: readonly QuarantinedRow[], pii: ReadonlySet<number>): string {
  const keep = header.map((_, i) => i).filter((i) => !pii.has(i));
  const table = [
    ['row', ...keep.map((i) => header[i] ?? ''), 'reason'],
    ...rows.map((r) => [
      String(r.row),
      ...keep.map((i) => r.cells[i] ?? ''),
      r.reasons.map((reason) => (reason.column === undefined ? `${reason.rule}: ${reason.message}` : `${reason.rule} [${reason.column}]: ${reason.message}`)).join('; '),
    ]),
  ];
  return `\ufeff${Papa.unparse(table.map((cells) => cells.map(neutralizeCsvCell)), { newline: '\n' })}\n`;
}
