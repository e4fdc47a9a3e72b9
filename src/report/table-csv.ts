/**
 * `tables/<id>.csv`: a banner table as UTF-8 with a byte-order mark (so Excel reads Chinese labels), one line
 * per table line; per column its figure and, beside it, its letters and arrow (and `*` beside a small base), so
 * the figures stay numbers; the notes at the end. Labels are neutralised against formula injection.
 */
import Papa from 'papaparse';
import type { Language } from '../audit/messages.ts';
import type { TableResult } from '../model/table-result.ts';
import { neutralizeCsvCell } from './neutralize-csv-cell.ts';
import { columnHeader, formatGridValue, tableGrid } from './table-grid.ts';

export function tableCsv(table: TableResult, language: Language): string {
  const grid = tableGrid(table, language);
  const width = 1 + 2 * grid.columns.length;
  const padded = (cells: string[]): string[] => [...cells, ...new Array<string>(Math.max(0, width - cells.length)).fill('')];
  // Text from the codebook (titles, labels) is neutralised; figures are numbers a spreadsheet reads as such.
  const text = neutralizeCsvCell;
  const groupRow = [''];
  grid.columns.forEach((_, c) => groupRow.push(text(grid.groups.find((g) => g.from === c)?.label ?? ''), ''));
  const rows: string[][] = [padded([text(grid.title)]), groupRow, ['', ...grid.columns.flatMap((column) => [text(columnHeader(column)), ''])]];
  for (const line of grid.lines) {
    if (line.kind === 'stub') rows.push(padded([text(line.label)]));
    else rows.push([text(line.label), ...line.cells.flatMap((cell) => [formatGridValue(cell.value, cell.format), `${cell.small === true ? '*' : ''}${cell.letters}${cell.arrow === 'up' ? '▲' : cell.arrow === 'down' ? '▼' : ''}`])]);
  }
  rows.push(padded([]), ...grid.notes.map((note) => padded([text(note)])));
  return `\ufeff${Papa.unparse(rows, { newline: '\n' })}\n`;
}
