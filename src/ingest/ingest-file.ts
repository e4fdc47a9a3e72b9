/** Streams an export file (CSV, TSV or .xlsx) through the ingestor: validated and folded, never held whole. */
import { stat } from 'node:fs/promises';
import type { Codebook } from '../codebook/schema.ts';
import { ingestInTwo, SPLIT_MIN_BYTES } from './ingest-in-two.ts';
import type { ExportIngestion } from './ingest-text.ts';
import { createIngestor, type IngestorOptions } from './ingestor.ts';
import { streamRows } from './stream-rows.ts';

export async function ingestFile(codebook: Codebook, file: string, options: Omit<IngestorOptions, 'file'> = {}): Promise<ExportIngestion> {
  // A large CSV is read by two threads (an `onAccepted` listener must see every response on this one).
  if (options.onAccepted === undefined && !/\.xlsx$/i.test(file) && (await stat(file)).size >= SPLIT_MIN_BYTES) {
    try {
      return await ingestInTwo(codebook, file, options);
    } catch {
      // Bad input, or no worker: one thread reads the file again and reports any problem as it always does.
    }
  }
  let ingestor = createIngestor(codebook, { ...options, file });
  const { encoding, sha256 } = await streamRows(file, codebook.source.encoding, codebook.source.format, () => {
    ingestor = createIngestor(codebook, { ...options, file });
    return (cells, row) => ingestor.push(cells, row);
  });
  return { ...ingestor.finish(), encoding, sha256 };
}
