/** A synthetic table → an `.xlsx` workbook with one sheet, as Wenjuanxing's Excel export lays it out. */
import ExcelJS from 'exceljs';
import type { SynthTable } from './synthesize-rows.ts';

/** Workbook dates are fixed, so the sheet's content does not depend on the clock. */
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));

export async function xlsxExport(table: SynthTable): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'stickiness synth';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of [table.header, ...table.extraHeaderRows, ...table.rows]) sheet.addRow(row.map(numberOrText));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Spreadsheets hold numbers as numbers: `10` becomes a numeric cell, `95秒` stays text. */
function numberOrText(cell: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(cell) && !/^0\d/.test(cell) ? Number(cell) : cell;
}
