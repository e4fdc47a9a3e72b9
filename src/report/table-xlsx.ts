/**
 * `tables/<id>.xlsx`: a banner table as a workbook of one sheet. Title and notes (test, level, adjustment,
 * weighting) on top; banner groups over their columns; every figure a number with its format (percent,
 * two decimals, whole); each column's letters and arrow in a narrow column of their own beside it, so the
 * figures stay numbers; panes frozen below the headers and right of the labels. Fixed dates and zip times:
 * the same table is the same bytes.
 */
import ExcelJS from 'exceljs';
import type { Language } from '../audit/messages.ts';
import type { TableResult } from '../model/table-result.ts';
import { fixedZipTimes } from './fixed-zip-times.ts';
import { columnHeader, tableGrid, type GridFormat } from './table-grid.ts';

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
const FORMATS: Record<GridFormat, string> = { percent: '0.0%', mean: '0.00', score: '0.0', weight: '0.0', count: '0' };
const LETTER_FONT: Partial<ExcelJS.Font> = { size: 8, bold: true, color: { argb: 'FF1F4E79' } };
const NOTE_FONT: Partial<ExcelJS.Font> = { italic: true, size: 9, color: { argb: 'FF595959' } };

export async function tableXlsx(table: TableResult, language: Language): Promise<Uint8Array> {
  const grid = tableGrid(table, language);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'stickiness';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  // Title, notes, a blank row, the group row, the column row; panes frozen below it.
  const groupRow = grid.notes.length + 3;
  const columnRow = groupRow + 1;
  const sheet = workbook.addWorksheet(table.id.slice(0, 31), { views: [{ state: 'frozen', xSplit: 1, ySplit: columnRow }] });
  // Column 1 the labels; column 2 + 2c the figures of column c, 3 + 2c its letters.
  sheet.getColumn(1).width = 36;
  grid.columns.forEach((_, c) => {
    sheet.getColumn(2 + 2 * c).width = 11;
    sheet.getColumn(3 + 2 * c).width = 4;
  });
  const last = 1 + 2 * grid.columns.length;
  const title = sheet.getCell(1, 1);
  title.value = grid.title;
  title.font = { bold: true, size: 13 };
  grid.notes.forEach((note, i) => {
    const cell = sheet.getCell(2 + i, 1);
    cell.value = note;
    cell.font = NOTE_FONT;
    sheet.mergeCells(2 + i, 1, 2 + i, last);
  });
  for (const group of grid.groups) {
    const cell = sheet.getCell(groupRow, 2 + 2 * group.from);
    cell.value = group.label;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center' };
    cell.border = { bottom: { style: 'thin' } };
    sheet.mergeCells(groupRow, 2 + 2 * group.from, groupRow, 3 + 2 * group.to);
  }
  grid.columns.forEach((column, c) => {
    const cell = sheet.getCell(columnRow, 2 + 2 * c);
    cell.value = columnHeader(column);
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'bottom', wrapText: true };
    sheet.mergeCells(columnRow, 2 + 2 * c, columnRow, 3 + 2 * c);
  });
  let r = columnRow + 1;
  for (const line of grid.lines) {
    const label = sheet.getCell(r, 1);
    label.value = line.label;
    if (line.kind === 'stub') label.font = { bold: true };
    if (line.kind === 'base') label.font = { italic: true };
    line.cells.forEach((gridCell, c) => {
      const cell = sheet.getCell(r, 2 + 2 * c);
      if (gridCell.value === null) {
        cell.value = '—';
        cell.alignment = { horizontal: 'right' };
      } else {
        cell.value = gridCell.value;
        cell.numFmt = FORMATS[gridCell.format];
      }
      if (line.kind === 'base') cell.font = { italic: true };
      const marks = `${gridCell.small === true ? '*' : ''}${gridCell.letters}${gridCell.arrow === 'up' ? '▲' : gridCell.arrow === 'down' ? '▼' : ''}`;
      if (marks !== '') {
        const letters = sheet.getCell(r, 3 + 2 * c);
        letters.value = marks;
        letters.font = LETTER_FONT;
      }
    });
    r++;
  }
  return fixedZipTimes(new Uint8Array(await workbook.xlsx.writeBuffer()));
}
