/**
 * The committed sample report is what `npm start` writes today: regenerating it gives identical bytes, so
 * outputs are deterministic and the committed reports are never stale.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeSurvey } from '../src/analyze-survey.ts';
import { builtBin } from './built-package.ts';
import { listFiles } from './list-files.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const out = mkdtempSync(path.join(tmpdir(), 'stickiness-reports-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('reports/ for the sample surveys', () => {
  it('the batch index and the series report regenerate byte for byte', async () => {
    const { spawnSync } = await import('node:child_process');
    const batchOut = path.join(out, 'batch');
    const result = spawnSync(process.execPath, [builtBin(), 'batch', path.join(ROOT, 'surveys'), '--out', batchOut, '--json'], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    for (const file of ['index.md', 'index.html', ...listFiles(path.join(ROOT, 'reports/series')).map((f) => path.join('series', f))]) {
      expect(readFileSync(path.join(batchOut, file)).equals(readFileSync(path.join(ROOT, 'reports', file))), `${file} differs: run npm start`).toBe(true);
    }
  }, 120_000);

  it.each(readdirSync(path.join(ROOT, 'surveys')).sort())('%s regenerates byte for byte', async (survey) => {
    const result = await analyzeSurvey(path.join(ROOT, 'surveys', survey), { outDir: out });
    const committed = path.join(ROOT, 'reports', result.stats.survey.id);
    expect(listFiles(result.reportDir)).toEqual(listFiles(committed));
    for (const file of listFiles(committed)) {
      expect(readFileSync(path.join(result.reportDir, file)).equals(readFileSync(path.join(committed, file))), `${file} differs: run npm start`).toBe(true);
    }
  });
});
