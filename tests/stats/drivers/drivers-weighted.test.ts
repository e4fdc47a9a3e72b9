/**
 * Weighted key-driver analysis through the pipeline, against R (tests/reference/drivers_weighted_reference.R):
 * R's attitude data with a design weight column (survey.yaml: R² of lm(weights = w), LMG over every subset,
 * weighted β, Johnson's weights from cov.wt's correlation matrix, weighted Pearson and Spearman correlations with
 * Fisher intervals on Kish's n) and raked on top of it (survey-raked.yaml: the same with R survey's rake weights).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../../src/codebook/load-codebook.ts';
import { ingestFile } from '../../../src/ingest/ingest-file.ts';
import { resolveSourceFile } from '../../../src/ingest/resolve-source-file.ts';
import type { DriverResult } from '../../../src/model/driver-result.ts';
import { driversMarkdown } from '../../../src/report/drivers-md.ts';
import { finishStats } from '../../../src/stats/finish-stats.ts';
import { surveyFold } from '../../../src/stats/folds/survey-fold.ts';
import reference from '../../reference/drivers-weighted-reference.json' with { type: 'json' };

const ROOT = path.resolve(import.meta.dirname, '../../..');

async function driversOf(codebookFile: string): Promise<DriverResult> {
  const read = await loadCodebook(path.join(ROOT, codebookFile));
  const file = await resolveSourceFile(read);
  const ingestion = await ingestFile(read.codebook, file, surveyFold(read.codebook));
  const [result] = finishStats(read.codebook, ingestion.folded, read.file).drivers;
  if (result === undefined) throw new Error(`${codebookFile} made no driver analysis`);
  return result;
}

const results: Record<'column' | 'raked', DriverResult | undefined> = { column: undefined, raked: undefined };

beforeAll(async () => {
  results.column = await driversOf('tests/fixtures/indexes/attitude-weighted/survey.yaml');
  results.raked = await driversOf('tests/fixtures/indexes/attitude-weighted/survey-raked.yaml');
});

describe('weighted key-driver analysis against R', () => {
  for (const weighting of ['column', 'raked'] as const) {
    it(`gives R², β, LMG, Johnson and the correlations of R's weighted computations (${weighting})`, () => {
      const got = results[weighting];
      const want = reference[weighting];
      expect(got).toMatchObject({ weighted: true, n: 30 });
      expect(got?.effectiveN).toBeCloseTo(want.neff, 10);
      expect(got?.r2).toBeCloseTo(want.r2, 10);
      got?.drivers.forEach((d, j) => {
        expect(d.id).toBe(reference.drivers[j]);
        expect(d.beta).toBeCloseTo(want.beta[j] as number, 10);
        expect(d.lmg).toBeCloseTo(want.lmg[j] as number, 10);
        expect(d.johnson).toBeCloseTo(want.johnson[j] as number, 10);
        expect(d.pearson?.r).toBeCloseTo(want.pearson[j] as number, 12);
        expect(d.spearman?.r).toBeCloseTo(want.spearman[j] as number, 12);
        d.pearson?.ci?.forEach((x, k) => expect(x).toBeCloseTo((want.pearsonCi as Record<string, number[]>)[d.id]?.[k] as number, 10));
        d.spearman?.ci?.forEach((x, k) => expect(x).toBeCloseTo((want.spearmanCi as Record<string, number[]>)[d.id]?.[k] as number, 10));
        expect(d.pearson?.ci).not.toBeNull();
        expect(d.spearman?.ci).not.toBeNull();
      });
    });
  }

  it('bootstraps the weighted analysis; an interval that misses its estimate is a share near zero, marked in the report', () => {
    const got = results.raked as DriverResult;
    expect(got.bootstrap?.replicates).toBe(200);
    const missed: string[] = [];
    for (const d of got.drivers) {
      for (const [estimate, ci] of [
        [d.lmgShare, d.lmgShareCi],
        [d.johnsonShare, d.johnsonShareCi],
      ] as const) {
        if (estimate === null || ci === null) throw new Error(`${d.id} has no interval`);
        expect(ci[0]).toBeLessThanOrEqual(ci[1]);
        if (estimate >= ci[0] && estimate <= ci[1]) continue;
        // A percentile interval of a share near 0 sits above it: resampling adds chance R².
        expect(estimate).toBeLessThan(0.02);
        expect(ci[0]).toBeGreaterThan(estimate);
        missed.push(d.id);
      }
    }
    // critical's LMG is 0.0036 of R² 0.68 (R, above): its resamples all come out higher.
    expect(missed).toContain('critical');
    const md = driversMarkdown([got], 'en', 0.95).join('\n');
    expect(md).toMatch(/\| critical \| 0\.5% \([\d.]+% – [\d.]+%\) † \|/);
    expect(md).toContain('† The estimate lies outside its interval');
  });

  it('says in the report that the analysis is weighted and on what effective n', () => {
    const md = driversMarkdown([results.column as DriverResult], 'en', 0.95).join('\n');
    expect(md).toContain(`; weighted, effective n ${reference.column.neff.toFixed(1)}).`);
  });
});
