/**
 * Key-driver analysis through the pipeline on R's attitude data (tests/fixtures/indexes/attitude, `drivers:`
 * rating on six ratings): R², standardised coefficients and LMG shares as R's lm over every subset
 * (tests/reference/drivers_reference.R), Johnson's weights as numpy (relative_weights_reference.py); and what
 * the codebook refuses; the seeded bootstrap (R's quantile type 7 for its percentiles).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../../src/codebook/load-codebook.ts';
import { formatCodebookIssue, parseCodebook } from '../../../src/codebook/parse-codebook.ts';
import { ingestFile } from '../../../src/ingest/ingest-file.ts';
import { resolveSourceFile } from '../../../src/ingest/resolve-source-file.ts';
import type { Codebook, DriverAnalysis } from '../../../src/codebook/schema.ts';
import type { DriverResult } from '../../../src/model/driver-result.ts';
import { driverAnalysis, quantile7 } from '../../../src/stats/drivers/driver-analysis.ts';
import type { DriverCases } from '../../../src/stats/drivers/drivers-fold.ts';
import { driversMarkdown } from '../../../src/report/drivers-md.ts';
import { finishStats } from '../../../src/stats/finish-stats.ts';
import { surveyFold } from '../../../src/stats/folds/survey-fold.ts';
import reference from '../../reference/drivers-reference.json' with { type: 'json' };
import weights from '../../reference/relative-weights-reference.json' with { type: 'json' };

const ROOT = path.resolve(import.meta.dirname, '../../..');
let result: DriverResult;
let codebook: Codebook;
let cases: DriverCases | undefined;

beforeAll(async () => {
  const read = await loadCodebook(path.join(ROOT, 'tests/fixtures/indexes/attitude'));
  codebook = read.codebook;
  const file = await resolveSourceFile(read);
  const ingestion = await ingestFile(read.codebook, file, surveyFold(read.codebook));
  cases = ingestion.folded.drivers?.[0];
  const [first] = finishStats(read.codebook, ingestion.folded, read.file).drivers;
  if (first === undefined) throw new Error('no driver analysis');
  result = first;
});

describe('key-driver analysis through the pipeline', () => {
  it('gives R², the standardised coefficients, LMG and Johnson as R and numpy on the same data', () => {
    expect(result).toMatchObject({ id: 'rating', outcome: 'rating', model: 'linear', n: 30 });
    expect(cases?.values).toHaveLength(30 * 7);
    expect(result.r2).toBeCloseTo(reference.lmg.r2, 10);
    expect(result.drivers.map((d) => d.id)).toEqual(reference.lmg.drivers);
    result.drivers.forEach((d, j) => {
      expect(d.beta).toBeCloseTo(reference.lmg.beta[j] as number, 10);
      expect(d.lmg).toBeCloseTo(reference.lmg.shares[j] as number, 10);
      expect(d.johnson).toBeCloseTo(weights.weights[j] as number, 10);
    });
  });

  it('ranks the drivers by LMG in the report, as shares of R²', () => {
    const md = driversMarkdown([result], 'en', 0.95).join('\n');
    expect(md).toContain('Linear regression, R² = 0.733, n = 30');
    // complaints: 0.370816 / 0.732602 = 50.6%; Johnson 0.362760 / 0.732602 = 49.5%; intervals in brackets.
    expect(md).toMatch(/\| complaints \| 50\.6% \(\d+\.\d% – \d+\.\d%\) \| 49\.5% \(\d+\.\d% – \d+\.\d%\) \| 0\.671 \|/);
    expect(md).toContain('In brackets: 95% bootstrap percentile intervals (200 resamples, seed 1), as shares of R².');
    expect(md.indexOf('| complaints')).toBeLessThan(md.indexOf('| learning'));
  });

  it('bootstraps deterministically: the same seed gives the same intervals, another seed others, and each interval holds its estimate', () => {
    expect(result.bootstrap).toEqual({ replicates: 200, seed: 1, level: 0.95, method: 'percentile' });
    for (const d of result.drivers) {
      for (const [estimate, ci] of [
        [d.lmgShare, d.lmgShareCi],
        [d.johnsonShare, d.johnsonShareCi],
      ] as const) {
        expect(ci).not.toBeNull();
        expect(ci?.[0] ?? Infinity).toBeLessThanOrEqual(estimate ?? -Infinity);
        expect(ci?.[1] ?? -Infinity).toBeGreaterThanOrEqual(estimate ?? Infinity);
      }
    }
    const again = driverAnalysis(codebook, codebook.drivers[0] as DriverAnalysis, 0, cases);
    expect(again).toEqual(result);
    const other = driverAnalysis(codebook, { ...(codebook.drivers[0] as DriverAnalysis), seed: 2 }, 0, cases);
    expect(other.drivers[0]?.lmgShareCi).not.toEqual(result.drivers[0]?.lmgShareCi);
    expect(other.drivers[0]?.lmg).toBe(result.drivers[0]?.lmg);
    // R: quantile(c(1, 2, 3, 4, 10), c(0.025, 0.975), type = 7) = 1.1, 9.4.
    expect(quantile7([1, 2, 3, 4, 10], 0.025)).toBeCloseTo(1.1, 12);
    expect(quantile7([1, 2, 3, 4, 10], 0.975)).toBeCloseTo(9.4, 12);
  });

  it('refuses outcomes and drivers it cannot model, with the path', () => {
    const codebook = `id: d\ntitle: D\nsource: { file: x.csv }\nquestions:\n  - { id: a, column: a, type: likert, options: [x, y, z] }\n  - { id: b, column: b, type: single, options: [x, y] }\n  - { id: t, column: t, type: text }\nmetrics:\n  - { id: mix, kind: distribution, question: b }\ndrivers:\n  - { outcome: { metric: mix }, drivers: [a, a, t, bb] }\n  - { outcome: a, drivers: [a] }\n`;
    const parsed = parseCodebook(codebook);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => formatCodebookIssue('survey.yaml', issue))).toEqual([
      expect.stringMatching(/drivers\[0\]\.outcome\.metric: `mix` is a distribution; an outcome is a proportion, top-box, bottom-box, pmf or mean metric, or a question$/),
      expect.stringMatching(/drivers\[0\]\.drivers\[1\]: driver `a` is listed twice$/),
      expect.stringMatching(/drivers\[0\]\.drivers\[2\]: question `t` is of type text; this needs one of: likert, rating, numeric, nps$/),
      expect.stringMatching(/drivers\[0\]\.drivers\[3\]: no question has id `bb` \(did you mean `b`\?\)$/),
      expect.stringMatching(/drivers\[1\]\.drivers\[0\]: `a` is the outcome; a driver is another question$/),
    ]);
  });
});
