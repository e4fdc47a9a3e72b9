/** The input side of every command: a survey's codebook and its export's bytes. */
import { readFile } from 'node:fs/promises';
import { loadCodebook, type LoadedCodebook } from './codebook/load-codebook.ts';
import { resolveSourceFile } from './ingest/resolve-source-file.ts';

export interface SurveyInput {
  loaded: LoadedCodebook;
  exportFile: string;
  bytes: Uint8Array;
}

export async function readSurvey(surveyPath: string): Promise<SurveyInput> {
  const loaded = await loadCodebook(surveyPath);
  const exportFile = await resolveSourceFile(loaded);
  return { loaded, exportFile, bytes: await readFile(exportFile) };
}
