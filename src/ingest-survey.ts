/** The input side of `validate` and `audit`: a survey's codebook, and its export streamed through ingestion into `fold`. */
import { loadCodebook, type LoadedCodebook } from './codebook/load-codebook.ts';
import type { Codebook } from './codebook/schema.ts';
import { ingestFile } from './ingest/ingest-file.ts';
import type { ExportIngestion } from './ingest/ingest-text.ts';
import { resolveSourceFile } from './ingest/resolve-source-file.ts';
import type { Fold } from './model/fold.ts';

export interface IngestedSurvey<S> {
  loaded: LoadedCodebook;
  exportFile: string;
  ingestion: ExportIngestion<S>;
}

export async function ingestSurvey<S>(surveyPath: string, fold: (codebook: Codebook) => Fold<S>): Promise<IngestedSurvey<S>> {
  const loaded = await loadCodebook(surveyPath);
  const exportFile = await resolveSourceFile(loaded);
  return { loaded, exportFile, ingestion: await ingestFile(loaded.codebook, exportFile, fold(loaded.codebook)) };
}
