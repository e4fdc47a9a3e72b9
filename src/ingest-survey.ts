/**
 * The input side of `validate` and `audit`: a survey's codebook, and its export streamed through ingestion
 * into `fold`. A codebook with `bins: N` first has its edges found by a pass of its own (`withBinEdges`).
 */
import { loadCodebook, type LoadedCodebook } from './codebook/load-codebook.ts';
import type { Codebook } from './codebook/schema.ts';
import { ingestFile, type IngestFileOptions } from './ingest/ingest-file.ts';
import type { ExportIngestion } from './ingest/ingest-text.ts';
import { resolveSourceFile } from './ingest/resolve-source-file.ts';
import type { Fold } from './model/fold.ts';
import { answerCountsFold, quantileBinned, withQuantileEdges } from './stats/quantile-bins.ts';

export interface IngestedSurvey<S> {
  loaded: LoadedCodebook;
  exportFile: string;
  ingestion: ExportIngestion<S>;
}

/** `progress`: ingestion's progress callbacks, of the bins pass (with `bins: N`) and of the reading. */
export async function ingestSurvey<S>(surveyPath: string, fold: (codebook: Codebook) => Fold<S>, progress: { bins?: ReadingProgress; ingest?: ReadingProgress } = {}): Promise<IngestedSurvey<S>> {
  const read = await loadCodebook(surveyPath);
  const exportFile = await resolveSourceFile(read);
  const loaded = await withBinEdges(read, exportFile, progress.bins);
  return { loaded, exportFile, ingestion: await ingestFile(loaded.codebook, exportFile, fold(loaded.codebook), progress.ingest) };
}

/** Ingestion's progress callbacks: rows read, and bytes read of a text export. */
export type ReadingProgress = Pick<IngestFileOptions, 'onProgress' | 'onBytes'>;

/** The codebook with every `bins: N` replaced by edges from the export's accepted answers (stats/quantile-bins.ts); as it is without any. */
export async function withBinEdges(loaded: LoadedCodebook, exportFile: string, progress: ReadingProgress = {}): Promise<LoadedCodebook> {
  if (quantileBinned(loaded.codebook).length === 0) return loaded;
  const counted = await ingestFile(loaded.codebook, exportFile, answerCountsFold(loaded.codebook), progress);
  return { ...loaded, codebook: withQuantileEdges(loaded.codebook, counted.folded) };
}
