/**
 * Where this package is installed, and its version. Both `src/` and the compiled `dist/` sit directly in the
 * package's folder, so its package.json is one level up from this module either way.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the package's package.json. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

let version: string | undefined;

/** The version in the package's package.json. */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/**
 * The tool's own cache folder (font subsets): `.cache/stickiness` in the nearest `node_modules` above the
 * package when it is installed as a dependency, else in the checkout's own `node_modules`.
 */
export function cacheDir(root = PACKAGE_ROOT): string {
  for (let at = path.dirname(root); path.dirname(at) !== at; at = path.dirname(at)) {
    if (path.basename(at) === 'node_modules') return path.join(at, '.cache', 'stickiness');
  }
  return path.join(root, 'node_modules', '.cache', 'stickiness');
}
