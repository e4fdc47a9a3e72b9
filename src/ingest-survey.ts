/** The input side of `validate` and `audit`: a survey's codebook, and its export streamed through ingestion. */
import { loadCodebook, type LoadedCodebook } from './codebook/load-codebook.ts';
import { ingestFile } from './ingest/ingest-file.ts';
import type { ExportIngestion } from './ingest/ingest-text.ts';
import { resolveSourceFile } from './ingest/resolve-source-file.ts';

export interface IngestedSurvey {
  loaded: LoadedCodebook;
  exportFile: string;
  ingestion: ExportIngestion;
}

export async function ingestSurvey(surveyPath: string): Promise<IngestedSurvey> {
  const loaded = await loadCodebook(surveyPath);
  const exportFile = await resolveSourceFile(loaded);
  return { loaded, exportFile, ingestion: await ingestFile(loaded.codebook, exportFile) };
}
