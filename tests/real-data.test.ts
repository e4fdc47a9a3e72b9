/**
 * Real data nobody on this project wrote: 1,135 responses of the 2020 Jupyter community survey
 * (tests/fixtures/jupyter-2020/all_responses.csv, SurveyMonkey export, CC0) through the whole pipeline, with the
 * codebook tests/fixtures/jupyter-2020/survey.yaml. Expected values: tests/reference/jupyter_2020_reference.py
 * (pandas 1.5, scipy 1.10, statsmodels 0.13), e.g. proportion_confint(x, n, alpha=0.05, method='wilson') and
 * scipy.stats.t.interval(0.95, n - 1, loc=mean, scale=scipy.stats.sem(values)).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSurvey, type AnalyzeResult } from '../src/analyze-survey.ts';
import reference from './reference/jupyter-2020-reference.json' with { type: 'json' };

const ROOT = path.resolve(import.meta.dirname, '..');
const DATASET = path.join(ROOT, 'tests/fixtures/jupyter-2020/all_responses.csv');
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-jupyter-'));
let result: AnalyzeResult;

beforeAll(async () => {
  copyFileSync(path.join(ROOT, 'tests/fixtures/jupyter-2020/survey.yaml'), path.join(work, 'survey.yaml'));
  copyFileSync(DATASET, path.join(work, 'all_responses.csv'));
  result = await analyzeSurvey(work, { outDir: path.join(work, 'out') });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function metric(id: string) {
  const found = result.stats.metrics.find((m) => m.id === id);
  if (found === undefined) throw new Error(`no metric ${id}`);
  return found;
}

describe('the 2020 Jupyter survey (real SurveyMonkey export)', () => {
  it('accepts every one of its 1,135 rows', () => {
    expect(result.stats.input).toMatchObject({ rowsRead: reference.rows, accepted: reference.rows, quarantined: 0, encoding: 'utf-8' });
  });

  it.each(['still_using', 'daily', 'daily_veterans', 'uses_r', 'memory_major'] as const)('%s matches pandas + statsmodels (Wilson)', (id) => {
    const want = reference[id];
    const got = metric(id);
    expect(got.n).toBe(want.n);
    expect(got.count).toBe(want.count);
    expect(got.estimate).toBeCloseTo(want.estimate, 12);
    expect(got.ci?.[0]).toBeCloseTo(want.ci[0] ?? Number.NaN, 10);
    expect(got.ci?.[1]).toBeCloseTo(want.ci[1] ?? Number.NaN, 10);
  });

  it.each(['memory_mean', 'team_mean'] as const)('%s matches pandas + scipy (t interval)', (id) => {
    const want = reference[id];
    const got = metric(id);
    expect(got.n).toBe(want.n);
    expect(got.estimate).toBeCloseTo(want.estimate, 12);
    expect(got.ci?.[0]).toBeCloseTo(want.ci[0] ?? Number.NaN, 10);
    expect(got.ci?.[1]).toBeCloseTo(want.ci[1] ?? Number.NaN, 10);
  });

  it('writes an English report', () => {
    const report = readFileSync(path.join(result.reportDir, 'report.md'), 'utf8');
    expect(report).toContain('## Retention and stickiness');
    expect(report).toContain('| Still uses Jupyter | 95.8% |');
  });
});
