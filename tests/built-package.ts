/**
 * The package as a user installs it, built once per test run by tests/global-setup.ts: `dist/` compiled from
 * the current sources with its package.json, under `node_modules/.cache/stickiness-test-*` in this checkout,
 * so its dependencies resolve as from an install. Each run builds its own, so two runs side by side never
 * see each other's half-written files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built package's folder (node_modules/stickiness of a fake install). */
    builtPackage: string;
  }
}

/** The folder of the built package. */
export function builtPackage(): string {
  return inject('builtPackage');
}

/** The `stickiness` command of the built package (its `bin`). */
export function builtBin(): string {
  const { bin } = JSON.parse(readFileSync(path.join(builtPackage(), 'package.json'), 'utf8')) as { bin: { stickiness: string } };
  return path.join(builtPackage(), bin.stickiness);
}

/**
 * A module of the built package, typed as its source, for tests of what starts processes or threads of its
 * own (they run the compiled modules): `builtModule<typeof import('../src/x.ts')>('x.js')`.
 */
export async function builtModule<T>(file: string): Promise<T> {
  return (await import(pathToFileURL(path.join(builtPackage(), 'dist', file)).href)) as T;
}
