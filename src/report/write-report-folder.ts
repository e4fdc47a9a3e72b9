/**
 * Writes a report folder whole: the files go into a sibling temporary folder, which then replaces the old
 * report, so a failure part-way leaves the previous report as it was. What an interrupted run left behind
 * (a half-written folder, or the old report moved aside just before the swap) is cleaned up or put back by
 * the next run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../util/user-error.ts';

export async function writeReportFolder(outDir: string, id: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<string> {
  try {
    return await writeAside(outDir, id, files);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === undefined) throw error;
    throw new UserError(outDir, `cannot write the report here (${message.split(",")[0] ?? code}); pass --out a folder you can write to`);
  }
}

async function writeAside(outDir: string, id: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<string> {
  const target = path.join(outDir, id);
  const staging = path.join(outDir, `.${id}.tmp-${process.pid}`);
  const retired = path.join(outDir, `.${id}.old-${process.pid}`);
  await recover(outDir, id);
  try {
    const made = new Set<string>();
    for (const [name, content] of files) {
      const file = path.join(staging, name);
      const dir = path.dirname(file);
      if (!made.has(dir)) mkdirSync(dir, { recursive: true });
      made.add(dir);
      writeFileSync(file, content);
    }
    await rename(target, retired).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(staging, target);
    await rm(retired, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return target;
}

/** Removes half-written folders of earlier, interrupted runs, and puts back a report moved aside but not replaced. */
async function recover(outDir: string, id: string): Promise<void> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  const target = path.join(outDir, id);
  for (const name of names.filter((n) => n.startsWith(`.${id}.tmp-`))) await rm(path.join(outDir, name), { recursive: true, force: true });
  for (const name of names.filter((n) => n.startsWith(`.${id}.old-`))) {
    const present = (await stat(target).catch(() => undefined)) !== undefined;
    if (present) await rm(path.join(outDir, name), { recursive: true, force: true });
    else await rename(path.join(outDir, name), target);
  }
}
