/**
 * The facts `planSurvey` decides on, read from disk: the codebook, the hashes of its inputs, and the inputs
 * the report there was made from. A report that a killed run left moved aside is put back first; a report
 * that is not whole (a file missing, stats.json unreadable) counts as none, so it is made again.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadCodebook } from '../codebook/load-codebook.ts';
import { resolveSourceFile } from '../ingest/resolve-source-file.ts';
import { onServer } from '../codebook/schema.ts';
import { withLock } from '../report/folder-lock.ts';
import { reportInputs } from '../report/report-inputs.ts';
import { recoverReportFolder } from '../report/write-report-folder.ts';
import { UserError } from '../util/user-error.ts';
import type { SurveyCheck } from './plan-batch.ts';
import { readStats } from './write-index.ts';

/** With `force`, every survey is re-run: the export is not hashed. A survey that cannot be read is an `error`. */
export async function checkSurvey(survey: string, out: string, force = false): Promise<SurveyCheck> {
  try {
    return await inspectSurvey(survey, out, force);
  } catch (error) {
    return { survey, error: failureText(error) };
  }
}

/** `checkSurvey` for one survey run on its own: a survey that cannot be read throws its error. */
export async function inspectSurvey(survey: string, out: string, force = false): Promise<Exclude<SurveyCheck, { error: string }>> {
  const codebook = await loadCodebook(survey);
  const exportFile = await resolveSourceFile(codebook);
  if (force) return { survey, codebook, recorded: undefined };
  const hash = createHash('sha256');
  // A table on a server may change without a sign here: it is read again every time.
  if (onServer(codebook.codebook.source)) return { survey, codebook, recorded: undefined };
  for await (const chunk of createReadStream(exportFile) as AsyncIterable<Buffer>) hash.update(chunk);
  const { id } = codebook.codebook;
  const recorded = await withLock(path.join(out, `.${id}.lock`), path.join(out, id), async () => {
    await recoverReportFolder(out, id);
    return (await reportWhole(path.join(out, id))) ? await readFile(path.join(out, id, 'inputs.json'), 'utf8').catch(() => undefined) : undefined;
  }).catch(() => undefined);
  return { survey, codebook, current: reportInputs(codebook.text, hash.digest('hex'), codebook.theme?.text), recorded };
}

/** The files every report has. */
const REPORT_FILES = ['stats.json', 'validation.json', 'quarantine.csv', 'report.md', 'report.html', 'report.pptx', 'inputs.json'];

/** Whether a report folder holds every file a report has, and a stats.json that reads as one. */
async function reportWhole(dir: string): Promise<boolean> {
  const present = await Promise.all(REPORT_FILES.map(async (name) => (await stat(path.join(dir, name)).catch(() => undefined))?.isFile() === true));
  return present.every(Boolean) && (await readStats(path.join(dir, 'stats.json'))) !== undefined;
}

/** The survey folders of `dir`: its sub-folders holding a survey.yaml, in name order. */
export async function discoverSurveys(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new UserError(dir, 'no such folder; pass the folder that holds your survey folders (default: surveys)');
  });
  const surveys: string[] = [];
  for (const name of entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    if ((await stat(path.join(dir, name, 'survey.yaml')).catch(() => undefined))?.isFile() === true) surveys.push(path.join(dir, name));
  }
  if (surveys.length === 0) throw new UserError(dir, 'holds no survey folder (a folder with a survey.yaml)');
  return surveys;
}

/** A failure as a batch reports it: the message of bad input, or an internal error. */
export function failureText(error: unknown): string {
  return error instanceof UserError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
}
