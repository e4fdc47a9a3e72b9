import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCodebook, formatCodebookIssue } from '../../codebook/parse-codebook.ts';
import { draftFromFile } from '../../init/draft-from-file.ts';
import { UserError } from '../../util/user-error.ts';
import { writeOut } from '../write.ts';

export async function initCommand(exportFile: string, options: { out?: string; force?: boolean; json?: boolean }): Promise<number> {
  if ((await stat(exportFile).catch(() => undefined))?.isFile() !== true) {
    throw new UserError(exportFile, 'no such export file; pass the CSV, TSV or .xlsx file your survey platform exported');
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
    process.stdout.write(`${JSON.stringify({ file: out, questions: draft.questions, pii: draft.pii })}\n`);
    return 0;
  }
  const types = new Map<string, number>();
  for (const q of draft.questions) types.set(q.type, (types.get(q.type) ?? 0) + 1);
  const summary = [...types].map(([type, count]) => `${count} ${type}`).join(', ');
  writeOut(
    `${out}: ${draft.questions.length} questions (${summary})${draft.pii.length === 0 ? '' : `; kept out of outputs: ${draft.pii.join(', ')}`}\n` +
      `Check the types and option order, add metrics (examples at the end), then: stickiness analyze ${path.dirname(out)}\n`,
  );
  return 0;
}
