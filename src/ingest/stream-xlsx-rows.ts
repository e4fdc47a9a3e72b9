/**
 * Streams the rows of the first worksheet of an `.xlsx` export (exceljs' streaming reader), with the
 * sheet's own row numbers; short rows are padded to the header's width (trailing empty cells are absent).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { UserError } from '../util/user-error.ts';
import type { StreamedFile } from './stream-csv-rows.ts';
import { xlsxCellText } from './xlsx-cell-text.ts';

export async function streamXlsxRows(file: string, push: (cells: string[], row: number) => void): Promise<StreamedFile> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let width = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // row.values is 1-based and sparse.
        const values = (row.values as unknown[]).slice(1);
        const cells = Array.from({ length: Math.max(values.length, width) }, (_, i) => xlsxCellText(values[i]));
        if (width === 0) width = cells.length;
        push(cells, row.number);
      }
      break; // The first worksheet is the export; others (summaries, charts) are not responses.
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(file, `cannot be read as an .xlsx workbook (${(error as Error).message}); re-export it, or save it as CSV`);
  }
  return { encoding: 'xlsx', sha256: await sha256File(file) };
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
