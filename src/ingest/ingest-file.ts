/**
 * Streams an export file (CSV, TSV or .xlsx) through the ingestor: validated and folded, never held whole.
 * A value outside a question's options in many rows stops it (validate/unknown-values.ts).
 */
import { stat } from 'node:fs/promises';
import { onServer, type Codebook } from '../codebook/schema.ts';
import type { Fold } from '../model/fold.ts';
import { ingestInTwo, splitPoint } from './ingest-in-two.ts';
import type { ExportIngestion } from './ingest-text.ts';
import { createIngestor, type IngestorOptions } from './ingestor.ts';
import { isParquetFile, streamRows } from './stream-rows.ts';
import { fileSha256 } from './file-sha256.ts';
import { stopOnUnknownValues } from '../validate/unknown-values.ts';

export interface IngestFileOptions extends Omit<IngestorOptions, 'file'> {
  /** Told the bytes of a CSV/TSV export read so far (of `size`), after each chunk; not called for workbooks and SPSS files. */
  onBytes?: (bytes: number, size: number) => void;
}

export async function ingestFile<S>(codebook: Codebook, file: string, fold: Fold<S>, options: IngestFileOptions = {}): Promise<ExportIngestion<S>> {
  const { onBytes, ...ingestorOptions } = options;
  if (onServer(codebook.source)) return ingestServer(codebook, fold, options);
  // A Parquet file is aggregated inside DuckDB (unless every response must be seen one by one).
  // A Qualtrics export's second and third header rows are rows of a Parquet file: the ingestor reads them as headers.
  if (isParquetFile(file) && codebook.source.engine !== 'rows' && codebook.source.format !== 'qualtrics' && options.onAccepted === undefined) {
    const aggregated = await ingestParquet(codebook, file, fold, options);
    if (aggregated !== undefined) return aggregated;
  }
  const { size } = await stat(file);
  const stopAt = splitPoint(file, size);
  // A large CSV is read by two threads when the fold can be made in them (an `onAccepted` listener must see
  // every response on this one).
  if (stopAt !== undefined && fold.module !== undefined && options.onAccepted === undefined) {
    let ingestion: ExportIngestion<S> | undefined;
    try {
      ingestion = await ingestInTwo(codebook, file, fold, ingestorOptions, stopAt, onBytes === undefined ? undefined : (bytes) => onBytes(bytes, size));
    } catch (error) {
      // Bad input, a huge row, or no worker: one thread reads the file again and reports any problem as it
      // always does.
      if (process.env['STICKINESS_DEBUG'] === '1') process.stderr.write(`stickiness: reading ${file} on one thread: ${String(error)}\n`);
    }
    if (ingestion !== undefined) {
      stopOnUnknownValues(codebook, ingestion, file);
      return ingestion;
    }
  }
  let ingestor = createIngestor(codebook, fold, { ...ingestorOptions, file });
  let split = false;
  const { encoding, sha256 } = await streamRows(
    file,
    codebook.source.encoding,
    codebook.source.format,
    () => {
      ingestor = createIngestor(codebook, fold, { ...ingestorOptions, file });
      split = false;
      return (cells, row) => ingestor.push(cells, row);
    },
    {
      savRaw: numberColumns(codebook),
      afterChunk: (bytesRead) => {
        onBytes?.(bytesRead, size);
        if (stopAt !== undefined && !split && bytesRead >= stopAt) {
          ingestor.nextPart();
          split = true;
        }
        return true;
      },
    },
  );
  const ingestion = { ...ingestor.finish(), encoding, sha256 };
  stopOnUnknownValues(codebook, ingestion, file);
  return ingestion;
}

/** A Parquet file through the DuckDB engine (engine/engine-ingest.ts), loaded only for it; undefined when the file is to be read row by row. */
async function ingestParquet<S>(codebook: Codebook, file: string, fold: Fold<S>, options: IngestFileOptions): Promise<ExportIngestion<S> | undefined> {
  const [{ withParquetEngine }, { ingestWithEngine }] = await Promise.all([import('../engine/duckdb-parquet.ts'), import('../engine/engine-ingest.ts')]);
  const sha256 = await fileSha256(file);
  return withParquetEngine(file, (engine) => ingestWithEngine(codebook, engine, fold, { file, encoding: 'parquet', sha256, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) }));
}

/** A table on a server (engine/clickhouse-table.ts), aggregated there. */
async function ingestServer<S>(codebook: Codebook, fold: Fold<S>, options: IngestFileOptions): Promise<ExportIngestion<S>> {
  const { url, table, where, row } = codebook.source;
  if (url === undefined || table === undefined || row === undefined) throw new Error('a server source without url, table or row; the schema should have refused it');
  const [{ clickhouseTable }, { ingestWithEngine }] = await Promise.all([import('../engine/clickhouse-table.ts'), import('../engine/engine-ingest.ts')]);
  const source = await clickhouseTable({ url, table, where, row });
  const sha256 = await source.fingerprint();
  return ingestWithEngine(codebook, source.engine, fold, { file: source.name, encoding: 'clickhouse', names: "the table's columns", sha256, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) });
}

/**
 * The columns whose cells are numbers (or codes) to the codebook (number questions, the weight, the duration,
 * the design's columns): an SPSS file's value labels are not put in them.
 */
function numberColumns(codebook: Codebook): ReadonlySet<string> {
  const columns = codebook.questions.flatMap((q) => (q.type === 'nps' || q.type === 'rating' || q.type === 'numeric') && q.column !== undefined ? [q.column] : []);
  const { design } = codebook;
  const designColumns = [design?.strata, ...(design?.ids ?? []), ...(design?.fpc ?? [])].filter((name): name is string => typeof name === 'string' && !codebook.questions.some((q) => q.id === name));
  return new Set([
    ...columns,
    ...designColumns,
    ...(codebook.weighting.column === undefined ? [] : [codebook.weighting.column]),
    ...codebook.weightings.flatMap(({ column }) => (column === undefined ? [] : [column])),
    ...(codebook.respondent.duration === undefined ? [] : [codebook.respondent.duration]),
  ]);
}
