/**
 * Finds a codebook's export: `source.file` relative to the survey folder, and never outside it. A table on a
 * server has no file: its name (`clickhouse:table`) stands for it, and ingestion reads the table.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedCodebook } from '../codebook/load-codebook.ts';
import { onServer } from '../codebook/schema.ts';
import { UserError } from '../util/user-error.ts';

export async function resolveSourceFile(loaded: LoadedCodebook): Promise<string> {
  const { file: codebookFile, dir } = loaded;
  const relative = loaded.codebook.source.file;
  if (onServer(loaded.codebook.source)) return relative;
  if (path.isAbsolute(relative) || relative.split(/[\\/]/).includes('..')) {
    throw new UserError(`${codebookFile}: source.file`, `\`${relative}\` must be a path inside the survey folder (no absolute paths, no ..)`);
  }
  const file = path.join(dir, relative);
  const info = await stat(file).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    throw new UserError(file, 'export not found; put the export next to survey.yaml or fix `source.file`');
  }
  const [realDir, realFile] = await Promise.all([realpath(dir), realpath(file)]);
  if (!realFile.startsWith(realDir + path.sep)) {
    throw new UserError(file, 'is a link to a file outside the survey folder; copy the export into the folder instead');
  }
  return file;
}
