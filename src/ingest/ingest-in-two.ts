/**
 * A large CSV export read by two threads. Both read the file from its start, chunk by chunk; the split is
 * after the chunk in which `FIRST_PART_SHARE` of the bytes have been read (a pure function of the file, so
 * every run and every machine splits the same file the same way).
 *
 * - One worker thread validates and folds the rows of the first part, then stops reading.
 * - Another parses the first part too, but only counts its rows (so its row numbers are the file's)
 *   and remembers their duplicate keys (so a later duplicate of a first-part row is caught); it validates and
 *   folds the rest, and hashes the whole file.
 *
 * Parsing is the cheap part of ingestion, so the second overtakes: the two parts finish at about the same
 * time. This thread only starts them and merges what they return: exactly what one thread reading the
 * whole file gives, but that weighted sums with design weights, added in another order, may differ in the
 * last bits (the same on every run). Anything unexpected (a bad file, a worker that cannot start or runs
 * out of its heap) is left to the caller, which then reads the file on one thread and so reports bad input
 * exactly as it always does.
 */
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { Codebook } from '../codebook/schema.ts';
import type { Fold, FoldFactory } from '../model/fold.ts';
import type { ExportIngestion } from './ingest-text.ts';
import { createIngestor, withholdPiiValues, type Ingestion, type IngestorOptions } from './ingestor.ts';
import { streamCsvRows } from './stream-csv-rows.ts';
import { joinCells } from './quarantine-cells.ts';

/** Files smaller than this are read on one thread: starting two workers costs more than it saves. */
export const SPLIT_MIN_BYTES = 8 << 20;

/** The share of the bytes in the first part: the second part's thread also parses the first, so it validates less. */
const FIRST_PART_SHARE = 0.58;

/**
 * Where a CSV export is split, as bytes read (the first part ends with the chunk that reaches it); undefined
 * when it is read whole. One thread reading a file that two would split folds in two parts at the same
 * point (`Ingestor.nextPart`), so a file gives the same bytes whichever way it is read.
 */
export function splitPoint(file: string, size: number): number | undefined {
  return /\.(xlsx|z?sav|parquet)$/i.test(file) || size < SPLIT_MIN_BYTES ? undefined : firstPartEnd(size);
}

function firstPartEnd(size: number): number {
  return Math.ceil(size * FIRST_PART_SHARE);
}

/** The longest unfinished row a worker reads: a longer one (a huge cell, an unclosed quote) is left to one thread. */
const MAX_ROW_CHARS = 4 << 20;

/** Each worker thread's heap limit: live data stays near 30 MB; the rest of a heap is garbage waiting. */
const HEAP_MB = 64;

type Part = 'first' | 'second';

/** What each worker is given (a structured-clone copy). */
export interface SplitJob {
  codebook: Codebook;
  file: string;
  /** The module whose `createFold(codebook)` makes the fold (`Fold.module`). */
  foldModule: string;
  /** The first part ends with the chunk in which this many bytes have been read. */
  stopAt: number;
}

/**
 * `stopAt`: where to split, as `splitPoint` gave it to the caller (by default, from the file's size now);
 * `onBytes`: told the bytes the two threads have read of their own parts together, as they go.
 */
export async function ingestInTwo<S>(codebook: Codebook, file: string, fold: Fold<S>, options: Omit<IngestorOptions, 'file' | 'onAccepted'>, stopAt?: number, onBytes?: (bytes: number) => void): Promise<ExportIngestion<S>> {
  if (fold.module === undefined) throw new Error('ingestInTwo needs a fold that worker threads can make (Fold.module)');
  const { size } = await stat(file);
  const job: SplitJob = { codebook, file, foldModule: fold.module, stopAt: stopAt ?? firstPartEnd(size) };
  const rows = [0, 0];
  const bytes = [0, 0];
  // The first thread's part ends at stopAt; the second's own part starts there.
  const tellBytes = (): void => onBytes?.(Math.min(bytes[0] ?? 0, job.stopAt) + Math.max(0, (bytes[1] ?? 0) - job.stopAt));
  const workers: Worker[] = [];
  const run = <T>(part: Part): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      // A heap limit of its own keeps each thread's garbage, and so the process's memory, small.
      const worker = new Worker(new URL('./part-worker.js', import.meta.url), { workerData: { part, job }, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 8 } });
      workers.push(worker);
      worker.on('message', (message: { progress?: number; bytes?: number; result?: T; error?: string }) => {
        if (message.progress !== undefined) {
          rows[part === 'first' ? 0 : 1] = message.progress;
          options.onProgress?.((rows[0] ?? 0) + (rows[1] ?? 0));
        } else if (message.bytes !== undefined) {
          bytes[part === 'first' ? 0 : 1] = message.bytes;
          tellBytes();
        } else if (message.result !== undefined) {
          // A finished part has read all of its own bytes.
          bytes[part === 'first' ? 0 : 1] = part === 'first' ? job.stopAt : size;
          tellBytes();
          resolve(message.result);
        } else reject(new Error(message.error ?? `the ${part}-part worker failed`));
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the ${part}-part worker exited with code ${code}`)));
    });
  try {
    const [first, second] = await Promise.all([run<Ingestion<S>>('first'), run<ExportIngestion<S>>('second')]);
    return mergeParts(fold, first, second);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** How a part tells its progress: rows read of its own, and bytes read of the file. */
export interface PartProgress {
  rows: (rows: number) => void;
  bytes: (bytes: number) => void;
}

/** Runs in a worker thread: one part of the file. */
export async function ingestPart(part: Part, job: SplitJob, progress: PartProgress): Promise<Ingestion<unknown> | ExportIngestion<unknown>> {
  const { createFold } = (await import(job.foldModule)) as { createFold: FoldFactory<unknown> };
  const fold = createFold(job.codebook);
  return part === 'first' ? ingestFirstPart(job, fold, progress) : ingestSecondPart(job, fold, progress);
}

async function ingestFirstPart({ codebook, file, stopAt }: SplitJob, fold: Fold<unknown>, progress: PartProgress): Promise<Ingestion<unknown>> {
  const ingestor = createIngestor(codebook, fold, { file, onProgress: progress.rows });
  await streamCsvRows(file, codebook.source.encoding, codebook.source.format, (cells) => ingestor.push(cells), {
    afterChunk: (bytesRead) => {
      progress.bytes(bytesRead);
      return bytesRead < stopAt;
    },
    maxRowChars: MAX_ROW_CHARS,
  });
  return ingestor.finish();
}

/** The rows after the first part, numbered as in the file. */
async function ingestSecondPart({ codebook, file, stopAt }: SplitJob, fold: Fold<unknown>, progress: PartProgress): Promise<ExportIngestion<unknown>> {
  const ingestor = createIngestor(codebook, fold, { file, onProgress: progress.rows });
  let own = false;
  const streamed = await streamCsvRows(
    file,
    codebook.source.encoding,
    codebook.source.format,
    (cells) => (own ? ingestor.push(cells) : ingestor.pass(cells)),
    {
      afterChunk: (bytesRead) => {
        progress.bytes(bytesRead);
        own ||= bytesRead >= stopAt;
        return true;
      },
      maxRowChars: MAX_ROW_CHARS,
    },
  );
  return { ...ingestor.finish(), ...streamed };
}

/** The first part's ingestion followed by the second's. */
function mergeParts<S>(fold: Fold<S>, first: Ingestion<S>, second: ExportIngestion<S>): ExportIngestion<S> {
  const columns = { ...first.columns, pii: new Set([...first.columns.pii, ...second.columns.pii]) };
  const quarantined = [...first.quarantined, ...second.quarantined];
  // A column the second part found personal may be quoted in the first part's reasons, and the reverse.
  withholdPiiValues(quarantined, first.header, columns.pii);
  fold.merge(first.folded, second.folded);
  return {
    header: first.header,
    columns,
    rowsRead: first.rowsRead + second.rowsRead,
    accepted: first.accepted + second.accepted,
    filtered: first.filtered + second.filtered,
    blankRows: first.blankRows + second.blankRows,
    quarantined,
    quarantinedCells: joinCells(first.quarantinedCells, second.quarantinedCells),
    flagged: [...first.flagged, ...second.flagged],
    folded: first.folded,
    encoding: second.encoding,
    sha256: second.sha256,
  };
}
