// Loads one of the tool's entry modules (the CLI, a batch child, the ingestion worker). The sources are
// TypeScript; run through tsx, every start resolves and compiles ~100 modules through a loader thread of
// tsx's own, which costs about half a second and 30 MB per thread. So the sources are bundled with esbuild
// (which tsx itself uses) into node_modules/.cache/stickiness/<fingerprint>/, with the pure-JavaScript
// dependencies (BUNDLED), once after any change to src/, and later starts load the bundle. Where no bundle
// can be made (a read-only install, say), tsx runs the sources as before.
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshFingerprint, PACKAGE_ROOT, sourceFingerprint } from './package-root.js';

/** The entry modules, by the name of their bundle file. */
const ENTRIES = {
  main: 'src/cli/main.ts',
  'serve-analyses': 'src/cli/serve-analyses.ts',
  'ingest-in-two': 'src/ingest/ingest-in-two.ts',
};

/**
 * @param {keyof typeof ENTRIES} name
 * @returns {Promise<any>} the module's namespace
 */
export async function loadEntry(name) {
  const dir = await bundle();
  if (dir !== undefined) return import(pathToFileURL(path.join(dir, `${name}.mjs`)).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(path.join(PACKAGE_ROOT, ENTRIES[name])).href);
}

/** @returns {Promise<string | undefined>} the folder of the bundle of the current sources, made if missing */
export async function bundle() {
  if (process.env['STICKINESS_FROM_SOURCE'] === '1') return undefined;
  const cache = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'stickiness');
  const dir = path.join(cache, sourceFingerprint());
  if (existsSync(path.join(dir, 'main.mjs'))) {
    markUsed(dir);
    return dir;
  }
  pruneBundles(cache, path.basename(dir));
  const building = `${dir}.${process.pid}.tmp`;
  try {
    const { build } = await import('esbuild');
    await build({
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, path.join(PACKAGE_ROOT, file)])),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      plugins: [dependenciesOutside],
      // Bundled CommonJS packages call require() for Node's own modules: an ES module has none of its own.
      banner: { js: "import { createRequire as __stickinessRequire } from 'node:module'; const require = __stickinessRequire(import.meta.url);" },
      outdir: building,
      // .mjs: under node_modules/ no package.json says "type": "module".
      outExtension: { '.js': '.mjs' },
      logLevel: 'silent',
    });
    // A source edited while esbuild read it would give a bundle that is not of this fingerprint.
    if (freshFingerprint() !== sourceFingerprint()) return undefined;
    // Built aside and renamed into place, so a process starting beside this one never loads half a bundle.
    try {
      renameSync(building, dir);
    } catch {
      // Another process finished first: its bundle is the same.
    }
    return existsSync(path.join(dir, 'main.mjs')) ? dir : undefined;
  } catch {
    return undefined;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

/**
 * Pure-JavaScript dependencies the tool loads at every start, bundled with the sources: resolving and
 * reading their ~900 module files and ~200 package.json took longer than compiling them (a batch child
 * loaded them in 230 ms, bundled in 95). The rest (native code, WebAssembly read from the package's folder,
 * exceljs and HarfBuzz loaded only when needed, the build tools) stay where npm put them.
 */
export const BUNDLED = new Set([
  'vega',
  'vega-lite',
  'yaml',
  'zod',
  'papaparse',
  'marked',
  'iconv-lite',
  'simple-statistics',
  'commander',
  '@stdlib/math-base-special-betainc',
  '@stdlib/math-base-special-gammainc',
  '@stdlib/stats-base-dists-beta-quantile',
  '@stdlib/stats-base-dists-normal-cdf',
  '@stdlib/stats-base-dists-normal-quantile',
  '@stdlib/stats-base-dists-t-cdf',
  '@stdlib/stats-base-dists-t-quantile',
]);

/**
 * Whether esbuild leaves an import outside the bundle: a package the tool's sources (under `sources`)
 * import, unless listed in BUNDLED. What a bundled package imports is bundled with it. (The sources are told
 * by their folder, not by a node_modules/ in the path: installed as a dependency, they are under one too.)
 * @param {string} specifier a bare import specifier
 * @param {string} importer the importing file
 * @param {string} sources the folder of the tool's sources
 */
export function leftOutside(specifier, importer, sources) {
  if (!importer.startsWith(`${sources}${path.sep}`)) return false;
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier);
  return !BUNDLED.has(name);
}

/** @type {import('esbuild').Plugin} */
const dependenciesOutside = {
  name: 'dependencies-outside',
  setup(build) {
    const sources = path.join(PACKAGE_ROOT, 'src');
    build.onResolve({ filter: /^[^./]/ }, (args) => (leftOutside(args.path, args.importer, sources) ? { path: args.path, external: true } : undefined));
  },
};

/** A bundle folder left by an earlier version or earlier sources is removed after this long unused. */
const OLD_BUNDLE_MS = 24 * 3_600_000;

/**
 * Clears the cache before a new bundle is made: half-built bundles more than an hour old (a build killed
 * part-way leaves its folder), and bundles of other sources not built or used for a day (each is about
 * 4 MB, and every edit of src/ makes one). A process still running from an older bundle has loaded what it
 * needs within its first minutes; each start marks the bundle it uses (`markUsed`).
 * @param {string} cache the cache folder
 * @param {string} current the name of the bundle about to be made
 * @param {number} now
 */
export function pruneBundles(cache, current, now = Date.now()) {
  try {
    for (const name of readdirSync(cache)) {
      const folder = path.join(cache, name);
      const age = now - statSync(folder).mtimeMs;
      const stale = name.endsWith('.tmp') ? age > 3_600_000 : BUNDLE_NAME.test(name) && name !== current && age > OLD_BUNDLE_MS;
      if (stale) rmSync(folder, { recursive: true, force: true });
    }
  } catch {
    // No cache folder yet.
  }
}

/** A bundle folder's name: the fingerprint, `<version>+<16 hex digits>`. */
const BUNDLE_NAME = /^[^/\\]+\+[0-9a-f]{16}$/;

/**
 * Marks a bundle as used now (its folder's modification time), so pruning keeps it.
 * @param {string} dir
 */
function markUsed(dir) {
  try {
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    // A read-only cache: nothing is pruned there either.
  }
}
