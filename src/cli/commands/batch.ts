import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { analyzeSurvey } from '../../analyze-survey.ts';
import { loadCodebook } from '../../codebook/load-codebook.ts';
import { UserError } from '../../util/user-error.ts';
import { UsageError } from '../usage-error.ts';
import { formatAccounting } from '../format-result.ts';

/** Every `DIR/*\/survey.yaml`, in name order; one failing survey is reported and the others still run. */
export async function batchCommand(dir: string, options: { out: string; jobs?: string; json?: boolean }): Promise<number> {
  if (options.jobs !== undefined && !/^[1-9]\d*$/.test(options.jobs)) throw new UsageError(`--jobs must be a positive whole number, not \`${options.jobs}\``);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new UserError(dir, 'no such folder; pass the folder that holds your survey folders (default: surveys)');
  });
  const surveys: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const codebook = path.join(dir, entry, 'survey.yaml');
    if ((await stat(codebook).catch(() => undefined))?.isFile() === true) surveys.push(path.join(dir, entry));
  }
  if (surveys.length === 0) throw new UserError(dir, 'holds no survey folder (a folder with a survey.yaml)');

  const failed: string[] = [];
  const ids = new Map<string, string>();
  for (const survey of surveys) {
    try {
      const { codebook } = await loadCodebook(survey);
      const other = ids.get(codebook.id);
      if (other !== undefined) {
        throw new UserError(path.join(survey, 'survey.yaml'), `id \`${codebook.id}\` is also the id of ${other}; ids name report folders, so give each survey its own`);
      }
      ids.set(codebook.id, survey);
      const result = await analyzeSurvey(survey, { outDir: options.out });
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify({ survey, status: 'ok', reportDir: result.reportDir, input: result.stats.input, flags: result.stats.flags.length })}\n`);
      } else {
        process.stdout.write(`ok     ${formatAccounting(result.stats.survey.id, result.validation)} -> ${result.reportDir}\n`);
      }
    } catch (error) {
      failed.push(survey);
      const message = error instanceof UserError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
      if (options.json === true) process.stdout.write(`${JSON.stringify({ survey, status: 'failed', error: message })}\n`);
      process.stderr.write(`failed ${survey}: ${message.split('\n').join(`\n       `)}\n`);
    }
  }
  const summary = `${surveys.length - failed.length} of ${surveys.length} surveys analysed${failed.length === 0 ? '' : `; failed: ${failed.join(', ')}`}`;
  process.stderr.write(`${summary}\n`);
  return failed.length === 0 ? 0 : 1;
}
