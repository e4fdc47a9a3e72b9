/**
 * Streams the rows of an `.xlsx` export's first tab (exceljs' streaming reader), with the sheet's own row
 * numbers; short rows are padded to the header's width (trailing empty cells are absent). The workbook is
 * held to the bounds of xlsx-limits.ts: checked from its zip directory before reading, and its shared-string
 * table while it is read.
 */
import ExcelJS from 'exceljs';
import { UserError } from '../util/user-error.ts';
import { fileSha256 } from './file-sha256.ts';
import type { StreamedFile } from './stream-csv-rows.ts';
import { xlsxCellText } from './xlsx-cell-text.ts';
import { checkXlsxContainer, XLSX_LIMITS, type XlsxLimits } from './xlsx-limits.ts';

/** The parts of exceljs' streaming reader this module uses (its type definitions leave them out). */
interface ReaderState {
  /** The workbook's tabs in order, once xl/workbook.xml is read. */
  model?: { sheets?: { name?: string }[] };
  /** The file stream being unpacked. */
  stream?: { destroy(error?: Error): void };
}

export async function streamXlsxRows(file: string, push: (cells: string[], row: number) => void, limits: XlsxLimits = XLSX_LIMITS): Promise<StreamedFile> {
  await checkXlsxContainer(file, limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const state = reader as unknown as ReaderState;
  // The shared-string table is read before any row, into an array the reader assigns itself: its pushes are
  // counted, so a table built to fill memory stops the read at the limit.
  let table: unknown[] | undefined;
  Object.defineProperty(reader, 'sharedStrings', {
    configurable: true,
    get: () => table,
    set: (value: unknown[]) => {
      table = value;
      const add = value.push.bind(value);
      value.push = (...items: unknown[]): number => {
        if (value.length + items.length > limits.sharedStrings) {
          throw new UserError(file, `holds more than ${limits.sharedStrings.toLocaleString('en')} distinct texts, more than a survey export has; save the sheet as CSV instead`);
        }
        return add(...items);
      };
    },
  });
  let width = 0;
  try {
    for await (const sheet of reader) {
      // The first tab of the workbook (zip order can differ); without a workbook part, the first sheet read.
      const first = state.model?.sheets?.[0]?.name;
      const wanted = first === undefined || (sheet as unknown as { name?: string }).name === first;
      for await (const row of sheet) {
        if (!wanted) continue;
        // row.values is 1-based and sparse (exceljs refuses a column past Excel's last, XFD).
        const values = (row.values as unknown[]).slice(1);
        const cells = Array.from({ length: Math.max(values.length, width) }, (_, i) => xlsxCellText(values[i]));
        if (width === 0) width = cells.length;
        push(cells, row.number);
      }
      // Other tabs (summaries, charts) are not responses.
      if (wanted) break;
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(file, `cannot be read as an .xlsx workbook (${(error as Error).message}); re-export it, or save it as CSV`);
  } finally {
    state.stream?.destroy();
  }
  return { encoding: 'xlsx', sha256: await fileSha256(file) };
}
