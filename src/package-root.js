// Where the package is installed, and a hash of its sources. Plain JavaScript: bin.js needs both before any
// TypeScript can run. Found by walking up from this file, so the answer is the same from the sources and
// from the bundle of them that load-entry.js makes (which lives under node_modules/.cache/).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the tool's package.json. */
export const PACKAGE_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** @param {string} dir */
function findRoot(dir) {
  for (let at = dir; ; at = path.dirname(at)) {
    const file = path.join(at, 'package.json');
    if (existsSync(file) && /** @type {{ name?: string }} */ (JSON.parse(readFileSync(file, 'utf8'))).name === 'stickiness') return at;
    if (path.dirname(at) === at) throw new Error(`no stickiness package.json above ${dir}`);
  }
}

/** @type {string | undefined} */
let fingerprint;

/**
 * The package version and a hash of every file under src/ and of the installed version of every dependency:
 * `0.1.0+1a2b3c4d5e6f7a8b`. Identifies this version of the tool, for incremental batch runs and for the
 * bundle cache (which holds some dependencies: an upgraded one must not run from an old bundle).
 */
export function sourceFingerprint() {
  fingerprint ??= freshFingerprint();
  return fingerprint;
}

/**
 * The fingerprint computed again from the files as they are now (sourceFingerprint keeps the first).
 * @param {string} root the package's folder
 */
export function freshFingerprint(root = PACKAGE_ROOT) {
  const src = path.join(root, 'src');
  const hash = createHash('sha256');
  const { version, dependencies } = /** @type {{ version: string; dependencies?: Record<string, string> }} */ (
    JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  );
  hash.update(version);
  for (const name of Object.keys(dependencies ?? {}).sort()) hash.update(`${name}@${installedVersion(root, name)}`);
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(path.relative(src, file)).update(readFileSync(file));
  return `${version}+${hash.digest('hex').slice(0, 16)}`;
}

/**
 * The version of a dependency as installed: its package.json in the nearest node_modules/ above the
 * package, as Node finds it ('missing' when there is none).
 * @param {string} root
 * @param {string} name
 */
function installedVersion(root, name) {
  for (let at = root; ; at = path.dirname(at)) {
    const file = path.join(at, 'node_modules', name, 'package.json');
    if (existsSync(file)) return /** @type {{ version?: string }} */ (JSON.parse(readFileSync(file, 'utf8'))).version ?? 'unknown';
    if (path.dirname(at) === at) return 'missing';
  }
}
