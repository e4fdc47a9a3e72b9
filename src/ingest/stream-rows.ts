/**
 * Streams the rows of any export the tool reads: `.xlsx` workbooks, SPSS `.sav`/`.zsav` files, Parquet files, else CSV/TSV text. `open` is called
 * for a fresh row consumer each time reading starts: once, or twice when a file guessed to be UTF-8 turns
 * out to be GBK past its first megabyte and is read again as GB18030.
 */
import type { Encoding, Format } from '../codebook/schema.ts';
import { UserError } from '../util/user-error.ts';
import { decodeFailedAt } from './decode-export.ts';
import { GuessedUtf8Failed, streamCsvRows, type StreamedFile, type StreamOptions } from './stream-csv-rows.ts';

export type RowConsumer = (cells: string[], row?: number) => void;

export interface RowStreamOptions extends StreamOptions {
  /** For an SPSS file: the columns whose numbers are kept rather than shown as their value labels (stream-sav-rows.ts). */
  savRaw?: ReadonlySet<string>;
}

/** Whether a file is read as Parquet (by DuckDB). */
export function isParquetFile(file: string): boolean {
  return /\.parquet$/i.test(file);
}

/** Whether a file is read as an SPSS system file. */
export function isSpssFile(file: string): boolean {
  return /\.z?sav$/i.test(file);
}

export async function streamRows(file: string, setting: Encoding, format: Format, open: () => RowConsumer, options: RowStreamOptions = {}): Promise<StreamedFile> {
  // exceljs is large: it is loaded only for workbooks.
  if (/\.xlsx$/i.test(file)) return (await import('./stream-xlsx-rows.ts')).streamXlsxRows(file, open());
  if (isSpssFile(file)) return (await import('./stream-sav-rows.ts')).streamSavRows(file, open(), options.savRaw === undefined ? {} : { raw: options.savRaw });
  // DuckDB is large too: loaded only for Parquet files.
  if (isParquetFile(file)) return (await import('./stream-parquet-rows.ts')).streamParquetRows(file, open());
  try {
    return await streamCsvRows(file, setting, format, open(), options);
  } catch (error) {
    if (!(error instanceof GuessedUtf8Failed)) throw error;
    try {
      return await streamCsvRows(file, 'gb18030', format, open(), options);
    } catch (retry) {
      if (retry instanceof UserError && /is not valid gb18030/.test(retry.message)) throw new UserError(file, decodeFailedAt('utf-8', error.offset));
      throw retry;
    }
  }
}
