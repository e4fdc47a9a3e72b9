/** Streams an export file (CSV, TSV or .xlsx) through the ingestor: validated and folded, never held whole. */
import type { Codebook } from '../codebook/schema.ts';
import type { ExportIngestion } from './ingest-text.ts';
import { createIngestor, type IngestorOptions } from './ingestor.ts';
import { streamRows } from './stream-rows.ts';

export async function ingestFile(codebook: Codebook, file: string, options: Omit<IngestorOptions, 'file'> = {}): Promise<ExportIngestion> {
  let ingestor = createIngestor(codebook, { ...options, file });
  const { encoding, sha256 } = await streamRows(file, codebook.source.encoding, codebook.source.format, () => {
    ingestor = createIngestor(codebook, { ...options, file });
    return (cells, row) => ingestor.push(cells, row);
  });
  return { ...ingestor.finish(), encoding, sha256 };
}
