/**
 * `index.md` and `index.html` over a batch's reports. Each is written beside its place and renamed into it,
 * so a reader (or a full disk) never meets half an index: the previous one stays until the new one is whole.
 * Runs writing into one folder take turns (`.index.lock`).
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { indexHtml, indexMarkdown, type IndexEntry } from '../report/report-index.ts';
import { withLock } from '../report/folder-lock.ts';
import { UserError } from '../util/user-error.ts';
import type { Outcome } from './run-batch.ts';
import type { Stats } from '../model/stats.ts';

export type { IndexEntry };

/**
 * The index's entries: every survey analysed or up to date, with its stats.json. A report whose stats.json
 * cannot be read (damaged since it was planned) is left out, and its outcome becomes a failure saying so.
 */
export async function indexEntries(out: string, outcomes: Outcome[]): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.status === 'failed') continue;
    const file = path.join(out, outcome.id, 'stats.json');
    const stats = await readStats(file);
    if (stats === undefined) outcomes[i] = { ...outcome, status: 'failed', error: `${file}: cannot be read as stats.json; run the survey again (batch --force)` };
    else entries.push({ id: outcome.id, stats, status: outcome.status, seconds: outcome.seconds });
  }
  return entries;
}

/** A report's stats.json, or undefined when it is missing or not the JSON of a report. */
export async function readStats(file: string): Promise<Stats | undefined> {
  try {
    const stats = JSON.parse(await readFile(file, 'utf8')) as Partial<Stats>;
    return stats.schemaVersion === 1 && typeof stats.survey?.id === 'string' && Array.isArray(stats.metrics) ? (stats as Stats) : undefined;
  } catch {
    return undefined;
  }
}

export async function writeIndex(out: string, entries: readonly IndexEntry[]): Promise<void> {
  const index = path.join(out, 'index.md');
  try {
    await withLock(path.join(out, '.index.lock'), index, async () => {
      await writeAtomically(index, indexMarkdown(entries));
      await writeAtomically(path.join(out, 'index.html'), indexHtml(entries));
    });
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    throw code === undefined ? error : new UserError(index, `cannot write the index here (${code}); pass --out a folder you can write to`);
  }
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
