/**
 * The sources are bundled with esbuild before they run (src/load-entry.js), and so are the pure-JavaScript
 * dependencies loaded at every start; the rest stay outside. A failed build falls back to running the
 * sources through tsx, which works but is slow, so the build itself is checked here.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED, bundle, leftOutside, pruneBundles } from '../src/load-entry.js';

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

  it('decides by where the importing file is, also when the tool is installed under node_modules/', () => {
    for (const root of ['/work/stickiness', '/work/app/node_modules/stickiness']) {
      const sources = path.join(root, 'src');
      const ours = path.join(sources, 'render', 'render-png.ts');
      expect(leftOutside('vega', ours, sources)).toBe(false);
      expect(leftOutside('@stdlib/stats-base-dists-t-cdf', ours, sources)).toBe(false);
      expect(leftOutside('@resvg/resvg-js', ours, sources)).toBe(true);
      expect(leftOutside('subset-font', ours, sources)).toBe(true);
      expect(leftOutside('tsx/esm/api', ours, sources)).toBe(true);
      // What vega imports goes with it.
      expect(leftOutside('d3-array', path.join(root, 'node_modules', 'vega', 'build', 'vega.js'), sources)).toBe(false);
    }
  });

  it('prunes bundles of other sources unused for a day and half-built ones after an hour, and nothing else', () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'stickiness-cache-'));
    try {
      const now = Date.now();
      const HOUR = 3_600_000;
      const folders: Record<string, number> = {
        '0.1.0+aaaaaaaaaaaaaaaa': 25 * HOUR, // another bundle, unused for a day: removed
        '0.1.0+bbbbbbbbbbbbbbbb': 23 * HOUR, // used within the day: kept
        '0.2.0+cccccccccccccccc': 48 * HOUR, // the one being made (named by the caller): kept
        fonts: 1000 * HOUR, // the font subsets: kept
        '0.1.0+dddddddddddddddd.4242.tmp': 2 * HOUR, // a build killed part-way: removed
        '0.1.0+eeeeeeeeeeeeeeee.4243.tmp': 0.5 * HOUR, // a build perhaps still running: kept
      };
      for (const [name, age] of Object.entries(folders)) {
        mkdirSync(path.join(cache, name));
        const at = new Date(now - age);
        utimesSync(path.join(cache, name), at, at);
      }
      pruneBundles(cache, '0.2.0+cccccccccccccccc', now);
      expect(readdirSync(cache).sort()).toEqual(['0.1.0+bbbbbbbbbbbbbbbb', '0.1.0+eeeeeeeeeeeeeeee.4243.tmp', '0.2.0+cccccccccccccccc', 'fonts']);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
