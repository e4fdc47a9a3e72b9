/** Streams the rows of any export the tool reads: `.xlsx` workbooks, else CSV/TSV text. */
import type { Encoding, Format } from '../codebook/schema.ts';
import { streamCsvRows, type StreamedFile } from './stream-csv-rows.ts';
import { streamXlsxRows } from './stream-xlsx-rows.ts';

export function streamRows(file: string, setting: Encoding, format: Format, push: (cells: string[], row?: number) => void): Promise<StreamedFile> {
  return /\.xlsx$/i.test(file) ? streamXlsxRows(file, push) : streamCsvRows(file, setting, format, push);
}
