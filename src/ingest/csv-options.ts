/** How papaparse reads an export of a given format, and what its quote errors mean to a user. */
import type Papa from 'papaparse';
import type { Format } from '../codebook/schema.ts';

/** The delimiters a `generic` export is sniffed among, in order of preference on a tie. */
const SNIFFED_DELIMITERS = [',', ';', '\t', '|'] as const;

/** `start` is the beginning of the decoded text: a generic export's delimiter is sniffed from its header line. */
export function csvOptions(format: Format, file: string, start: string): Pick<Papa.ParseConfig, 'delimiter' | 'skipEmptyLines'> {
  const delimiter = /\.tsv$/i.test(file) ? '\t' : format === 'generic' ? sniffDelimiter(start) : ',';
  // Blank lines are kept so row numbers stay those of the file; the ingestor passes over them.
  return { delimiter, skipEmptyLines: false };
}

/** The candidate that occurs most often outside quotes in the first line (a comma when none does). */
export function sniffDelimiter(start: string): string {
  const counts = new Map<string, number>(SNIFFED_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of start.replace(/^\ufeff/, '')) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: string = ',';
  for (const d of SNIFFED_DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** A quote error that makes the rest of the row (or file) unreliable, as a one-line message; else undefined. */
export function quoteProblem(errors: readonly Papa.ParseError[]): { index: number; message: string } | undefined {
  const error = errors.find((e) => e.type === 'Quotes');
  if (error === undefined) return undefined;
  const what = error.code === 'MissingQuotes' ? 'a quoted cell is never closed' : 'a quote inside a quoted cell is not doubled';
  return { index: error.row ?? 0, message: `${what}, so the cells from here on cannot be trusted; fix the quoting (the file may be truncated or hand-edited)` };
}
