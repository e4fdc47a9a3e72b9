/**
 * What identifies this version of the tool for incremental runs: the package version and a hash of its
 * sources, so a changed tool re-runs every survey even without a version bump.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function toolFingerprint(): string {
  if (cached !== undefined) return cached;
  const root = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  const pkg = JSON.parse(readFileSync(path.join(root, '../package.json'), 'utf8')) as { version: string };
  hash.update(pkg.version);
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(path.relative(root, file)).update(readFileSync(file));
  cached = `${pkg.version}+${hash.digest('hex').slice(0, 16)}`;
  return cached;
}
