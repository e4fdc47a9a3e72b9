/**
 * Writes a report folder whole: the files go into a sibling temporary folder, which then replaces the old
 * report, so a failure part-way leaves the previous report as it was.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
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
  await rm(staging, { recursive: true, force: true });
  try {
    for (const [name, content] of files) {
      const file = path.join(staging, name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
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
