/** Test helper: every file under `dir`, as paths relative to it, sorted. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
