/**
 * Streams the first worksheet of an `.xlsx` export through the ingestor, row by row (exceljs'
 * streaming reader), keeping the sheet's own row numbers for messages.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Codebook } from '../codebook/schema.ts';
import { UserError } from '../util/user-error.ts';
import type { ExportIngestion } from './ingest-text.ts';
import { createIngestor, type IngestorOptions } from './ingestor.ts';
import { xlsxCellText } from './xlsx-cell-text.ts';

export async function ingestXlsx(codebook: Codebook, file: string, options: Omit<IngestorOptions, 'file'> = {}): Promise<ExportIngestion> {
  const ingestor = createIngestor(codebook, { ...options, file });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let width = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // row.values is 1-based and sparse; trailing empty cells are simply absent.
        const values = (row.values as unknown[]).slice(1);
        const cells = Array.from({ length: Math.max(values.length, width) }, (_, i) => xlsxCellText(values[i]));
        if (width === 0) width = cells.length;
        ingestor.push(cells, row.number);
      }
      break; // The first worksheet is the export; others (summaries, charts) are not responses.
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(file, `cannot be read as an .xlsx workbook (${(error as Error).message}); re-export it, or save it as CSV`);
  }
  return { ...ingestor.finish(), encoding: 'xlsx', sha256: await sha256File(file) };
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
