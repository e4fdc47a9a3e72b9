import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCodebook, formatCodebookIssue } from '../../codebook/parse-codebook.ts';
import type { Draft } from '../../init/draft-codebook.ts';
import { draftFromFile } from '../../init/draft-from-file.ts';
import { UserError } from '../../util/user-error.ts';
import { writeOut } from '../write.ts';

export async function initCommand(exportFile: string, options: { out?: string; force?: boolean; json?: boolean }): Promise<number> {
  if ((await stat(exportFile).catch(() => undefined))?.isFile() !== true) {
    throw new UserError(exportFile, 'no such export file; pass the CSV, TSV, .xlsx, SPSS .sav or Parquet file your survey platform exported');
  }
  const out = options.out ?? path.join(path.dirname(exportFile), 'survey.yaml');
  if (options.force !== true && (await stat(out).catch(() => undefined)) !== undefined) {
    throw new UserError(out, 'already exists; pass --force to overwrite it, or --out to write the draft elsewhere');
  }
  const draft = await draftFromFile(exportFile, path.dirname(out));
  const check = parseCodebook(draft.yaml);
  if (!check.ok) throw new Error(`init drafted an invalid codebook: ${check.issues.map((i) => formatCodebookIssue(out, i)).join('; ')}`);
  await writeFile(out, draft.yaml);
  if (options.json === true) {
    const { questions, pii, respondent, weights, design } = draft;
    process.stdout.write(`${JSON.stringify({ file: out, questions, pii, respondent, weights, design })}\n`);
    return 0;
  }
  writeOut(`${initSummary(out, draft)}\nCheck the types and option order (comments mark the guesses), then: stickiness analyze ${path.dirname(out)}\n`);
  return 0;
}

/** One line: what the draft holds and what it found beside the questions. */
function initSummary(out: string, draft: Draft): string {
  const types = new Map<string, number>();
  for (const q of draft.questions) types.set(q.type, (types.get(q.type) ?? 0) + 1);
  const parts = [`${draft.questions.length} question${draft.questions.length === 1 ? '' : 's'} (${[...types].map(([type, count]) => `${count} ${type}`).join(', ')})`];
  parts.push(draft.respondent['id'] === undefined ? 'no respondent id found' : `respondent id: ${draft.respondent['id']}`);
  if (draft.weights.length > 0) parts.push(`weights: ${draft.weights.join(', ')} (a commented \`weighting:\` to check)`);
  if (draft.design.length > 0) parts.push(`design columns left out: ${draft.design.join(', ')}`);
  if (draft.pii.length > 0) parts.push(`kept out of outputs: ${draft.pii.join(', ')}`);
  return `${out}: ${parts.join('; ')}`;
}
