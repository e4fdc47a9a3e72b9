/** Ingestion of an export already in memory (tests, small files, embedders): the same ingestor as a stream. */
import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import type { Codebook } from '../codebook/schema.ts';
import type { Fold } from '../model/fold.ts';
import { UserError } from '../util/user-error.ts';
import { csvOptions, quoteProblem } from './csv-options.ts';
import { decodeExport } from './decode-export.ts';
import { lineBreaks } from './line-breaks.ts';
import { createIngestor, type Ingestion, type IngestorOptions } from './ingestor.ts';
import { stopOnUnknownValues } from '../validate/unknown-values.ts';

export interface ExportIngestion<S> extends Ingestion<S> {
  /** The encoding the bytes were read as. */
  encoding: string;
  sha256: string;
}

export function ingestText<S>(codebook: Codebook, text: string, fold: Fold<S>, options: IngestorOptions): Ingestion<S> {
  const csv = csvOptions(codebook.source.format, options.file, text.slice(0, 65536));
  const parsed = Papa.parse<string[]>(lineBreaks(String(csv.delimiter ?? ','))(text), { ...csv, newline: '\n' });
  const problem = quoteProblem(parsed.errors);
  if (problem !== undefined) throw new UserError(`${options.file}:${problem.index + 1}`, problem.message);
  const ingestor = createIngestor(codebook, fold, options);
  for (const cells of parsed.data) ingestor.push(cells);
  const ingestion = ingestor.finish();
  stopOnUnknownValues(codebook, ingestion, options.file);
  return ingestion;
}

export function ingestBytes<S>(codebook: Codebook, bytes: Uint8Array, fold: Fold<S>, options: IngestorOptions): ExportIngestion<S> {
  const decoded = decodeExport(bytes, codebook.source.encoding);
  if (!decoded.ok) throw new UserError(options.file, decoded.message);
  const ingestion = ingestText(codebook, decoded.text, fold, options);
  return { ...ingestion, encoding: decoded.encoding, sha256: createHash('sha256').update(bytes).digest('hex') };
}
