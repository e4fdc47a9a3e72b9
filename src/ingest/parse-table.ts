/**
 * Decoded export text → header and records, per platform layout. Pure. Rows keep the number a spreadsheet
 * shows for them (the first header row is row 1), so messages can point at them.
 */
import Papa from 'papaparse';
import type { Format } from '../codebook/schema.ts';

export interface Table {
  /** Header names, one per column. Qualtrics keeps its question-text row in `altHeader`. */
  header: string[];
  altHeader?: string[];
  /** Data records, each with its row number in the file. */
  records: { row: number; cells: string[] }[];
}

export type ParseTableResult = { ok: true; table: Table } | { ok: false; row?: number; message: string };

/** The delimiters `generic` exports are sniffed among. */
const SNIFFED_DELIMITERS = [',', ';', '\t', '|'];

export function parseTable(text: string, format: Format, options: { tsv?: boolean } = {}): ParseTableResult {
  const delimiter = options.tsv === true ? '\t' : format === 'generic' ? '' : ',';
  const parsed = Papa.parse<string[]>(text, {
    delimiter,
    delimitersToGuess: SNIFFED_DELIMITERS,
    skipEmptyLines: true,
  });
  const quoteError = parsed.errors.find((error) => error.type === 'Quotes');
  if (quoteError !== undefined) {
    const row = (quoteError.row ?? 0) + 1;
    return { ok: false, row, message: `${quoteError.message.toLowerCase()}; a quoted cell is not closed, so the file may be truncated or hand-edited` };
  }
  const rows = parsed.data;
  const header = rows[0];
  if (header === undefined) return { ok: false, message: 'is empty: no header row and no responses' };

  let firstData = 1;
  let altHeader: string[] | undefined;
  if (format === 'qualtrics' && rows[2]?.some((cell) => cell.startsWith('{"ImportId"'))) {
    altHeader = rows[1];
    firstData = 3;
  }
  const records = rows.slice(firstData).map((cells, i) => ({ row: firstData + i + 1, cells }));
  return { ok: true, table: altHeader === undefined ? { header, records } : { header, altHeader, records } };
}
