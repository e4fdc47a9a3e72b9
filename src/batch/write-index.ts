/**
 * `index.md` and `index.html` over a batch's reports. Each is written beside its place and renamed into it,
 * so a reader (or a full disk) never meets half an index: the previous one stays until the new one is whole.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { indexHtml, indexMarkdown, type IndexEntry } from '../report/report-index.ts';
import { UserError } from '../util/user-error.ts';
import type { Outcome } from './run-batch.ts';
import type { Stats } from '../model/stats.ts';

export type { IndexEntry };

/** The index's entries: every survey analysed or up to date, with its stats.json. */
export async function indexEntries(out: string, outcomes: readonly Outcome[]): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') continue;
    const stats = JSON.parse(await readFile(path.join(out, outcome.id, 'stats.json'), 'utf8')) as Stats;
    entries.push({ id: outcome.id, stats, status: outcome.status, seconds: outcome.seconds });
  }
  return entries;
}

export async function writeIndex(out: string, entries: readonly IndexEntry[]): Promise<void> {
  await writeAtomically(path.join(out, 'index.md'), indexMarkdown(entries));
  await writeAtomically(path.join(out, 'index.html'), indexHtml(entries));
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const staging = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  try {
    await writeFile(staging, content);
    await rename(staging, file);
  } catch (error) {
    await rm(staging, { force: true }).catch(() => undefined);
    const { code } = error as NodeJS.ErrnoException;
    throw code === undefined ? error : new UserError(file, `cannot write the index here (${code}); pass --out a folder you can write to`);
  }
}
