/** Where this package is installed, and its version. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding the package's package.json: the nearest above this module (in `src/`, in `dist/`, or in
 * the command's bundle under `dist/bundle/`).
 */
export const PACKAGE_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    const file = path.join(at, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'stickiness') return at;
    if (path.dirname(at) === at) throw new Error(`no package.json of stickiness above ${dir}`);
  }
}

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
