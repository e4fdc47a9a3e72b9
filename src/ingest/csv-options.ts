/** How papaparse reads an export of a given format, and what its quote errors mean to a user. */
import type Papa from 'papaparse';
import type { Format } from '../codebook/schema.ts';

/** The delimiters a `generic` export is sniffed among. */
const SNIFFED_DELIMITERS = [',', ';', '\t', '|'];

export function csvOptions(format: Format, file: string): Pick<Papa.ParseConfig, 'delimiter' | 'delimitersToGuess' | 'skipEmptyLines'> {
  const delimiter = /\.tsv$/i.test(file) ? '\t' : format === 'generic' ? '' : ',';
  return { delimiter, delimitersToGuess: SNIFFED_DELIMITERS, skipEmptyLines: true };
}

/** A quote error that makes the rest of the row (or file) unreliable, as a one-line message; else undefined. */
export function quoteProblem(errors: readonly Papa.ParseError[]): { index: number; message: string } | undefined {
  const error = errors.find((e) => e.type === 'Quotes');
  if (error === undefined) return undefined;
  const what = error.code === 'MissingQuotes' ? 'a quoted cell is never closed' : 'a quote inside a quoted cell is not doubled';
  return { index: error.row ?? 0, message: `${what}, so the cells from here on cannot be trusted; fix the quoting (the file may be truncated or hand-edited)` };
}
