/**
 * The package as an embedding job meets it: `import { ... } from 'stickiness'` in plain Node, from the built
 * package installed as a dependency (tests/built-package.ts), with nothing registered in the process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtPackage } from './built-package.ts';
import { listFiles } from './list-files.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const out = mkdtempSync(path.join(tmpdir(), 'stickiness-api-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("import from 'stickiness'", () => {
  it('ships JavaScript with type declarations that imports no TypeScript and no loader', () => {
    // The library (the command's bundle under bundle/ holds its dependencies' code, checked for a loader only).
    const files = listFiles(path.join(builtPackage(), 'dist')).filter((f) => !f.startsWith('bundle'));
    expect(files).toContain('api.js');
    expect(files).toContain('api.d.ts');
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(path.join(builtPackage(), 'dist', file), 'utf8');
      expect(code, file).not.toMatch(/\.ts['"]|['"]tsx(\/[^'"]*)?['"]/);
    }
    for (const file of listFiles(path.join(builtPackage(), 'dist', 'bundle'))) {
      expect(readFileSync(path.join(builtPackage(), 'dist', 'bundle', file), 'utf8'), file).not.toMatch(/from ['"]tsx|import\(['"]tsx|\.ts['"]\)/);
    }
  });

  it("bundles the command's pure-JavaScript dependencies and leaves native and on-demand packages outside", () => {
    const dir = path.join(builtPackage(), 'dist', 'bundle');
    const imported = new Set<string>();
    for (const file of listFiles(dir)) {
      for (const [, specifier] of readFileSync(path.join(dir, file), 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)["']([^"'./][^"']*)["']/g)) {
        if (specifier === undefined || specifier.startsWith('node:')) continue;
        imported.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier));
      }
    }
    for (const name of ['vega', 'vega-lite', 'zod', 'yaml', 'papaparse', 'commander', 'marked', 'iconv-lite']) expect(imported.has(name), `${name} is loaded from node_modules`).toBe(false);
    for (const name of ['@resvg/resvg-js', 'exceljs', 'subset-font']) expect(imported.has(name), `${name} stays outside`).toBe(true);
  });

  it('analyses a survey, runs a batch and exposes the pipeline pieces in plain Node', () => {
    const survey = JSON.stringify(path.join(ROOT, 'surveys/kimi-2024'));
    const script = `
      const s = await import('stickiness');
      const result = await s.analyzeSurvey(${survey}, { outDir: ${JSON.stringify(path.join(out, 'one'))} });
      const batch = await s.runBatch(${JSON.stringify(path.join(ROOT, 'surveys'))}, { out: ${JSON.stringify(path.join(out, 'batch'))}, jobs: 1 });
      const parsed = s.parseCodebook('id: x\\ntitle: X\\nsource: { file: a.csv }\\nquestions:\\n  - { id: q, column: Q, type: text }\\n');
      console.log(JSON.stringify({
        accepted: result.stats.input.accepted,
        batch: batch.outcomes.map((o) => o.status),
        parsed: parsed.ok,
        kinds: typeof s.ingestFile + typeof s.finishStats + typeof s.runAudit,
        execArgv: process.execArgv,
      }));`;
    // A script of a project that installed the package: it imports it by name, in plain Node.
    const project = path.dirname(path.dirname(builtPackage()));
    const consumer = path.join(project, `consumer-${process.pid}.mjs`);
    writeFileSync(consumer, script);
    const run = spawnSync(process.execPath, [consumer], { cwd: project, encoding: 'utf8' });
    rmSync(consumer, { force: true });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ accepted: 154, batch: ['ok', 'ok'], parsed: true, kinds: 'functionfunctionfunction', execArgv: [] });
  }, 120_000);
});
