/**
 * The sources are bundled with esbuild before they run (src/load-entry.js), and so are the pure-JavaScript
 * dependencies loaded at every start; the rest stay outside. A failed build falls back to running the
 * sources through tsx, which works but is slow, so the build itself is checked here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED, bundle } from '../src/load-entry.js';

/** The packages a bundle file still imports (bare specifiers, not node: built-ins), by package name. */
function importedPackages(code: string): Set<string> {
  const names = new Set<string>();
  for (const [, specifier] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)["']([^"'./][^"']*)["']/g)) {
    if (specifier === undefined || specifier.startsWith('node:')) continue;
    names.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier));
  }
  return names;
}

describe('the bundle', () => {
  it('is built, holds the listed dependencies, and leaves native and on-demand packages outside', async () => {
    const dir = await bundle();
    expect(dir).toBeDefined();
    const files = readdirSync(dir ?? '').filter((name) => name.endsWith('.mjs'));
    expect(files).toContain('main.mjs');
    const imported = new Set(files.flatMap((name) => [...importedPackages(readFileSync(path.join(dir ?? '', name), 'utf8'))]));
    for (const name of BUNDLED) expect(imported.has(name), `${name} is imported from node_modules`).toBe(false);
    for (const name of ['@resvg/resvg-js', 'exceljs', 'subset-font']) expect(imported.has(name), `${name} stays outside`).toBe(true);
  });
});
