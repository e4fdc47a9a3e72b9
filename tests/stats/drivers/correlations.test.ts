/**
 * Correlations with their intervals: through the pipeline on R's attitude data against scipy 1.10
 * (tests/reference/correlations_reference.py: scipy.stats.pearsonr(...).confidence_interval(0.95),
 * scipy.stats.spearmanr, and Bonett and Wright's interval for Spearman's ρ by hand with scipy.stats.norm.ppf);
 * mid-ranks by hand.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCodebook } from '../../../src/codebook/load-codebook.ts';
import { ingestFile } from '../../../src/ingest/ingest-file.ts';
import { resolveSourceFile } from '../../../src/ingest/resolve-source-file.ts';
import { fisherInterval, midRanks } from '../../../src/stats/drivers/correlations.ts';
import { finishStats } from '../../../src/stats/finish-stats.ts';
import { surveyFold } from '../../../src/stats/folds/survey-fold.ts';
import reference from '../../reference/correlations-reference.json' with { type: 'json' };

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('correlations of the outcome with each driver', () => {
  it("match scipy's Pearson r and interval and Spearman's ρ, with Bonett and Wright's interval, unweighted", async () => {
    const read = await loadCodebook(path.join(ROOT, 'tests/fixtures/indexes/attitude'));
    const ingestion = await ingestFile(read.codebook, await resolveSourceFile(read), surveyFold(read.codebook));
    const [result] = finishStats(read.codebook, ingestion.folded, read.file).drivers;
    expect(result).toMatchObject({ weighted: false, n: 30, effectiveN: 30 });
    result?.drivers.forEach((d, j) => {
      const want = reference.correlations[j];
      expect(d.id).toBe(want?.driver);
      expect(d.pearson?.r).toBeCloseTo(want?.pearson as number, 12);
      expect(d.spearman?.r).toBeCloseTo(want?.spearman as number, 12);
      d.pearson?.ci?.forEach((x, k) => expect(x).toBeCloseTo(want?.pearsonCi[k] as number, 10));
      d.spearman?.ci?.forEach((x, k) => expect(x).toBeCloseTo(want?.spearmanCi[k] as number, 10));
    });
  });

  it('ranks ties by their middle, unweighted and weighted (by hand)', () => {
    // One column: 3, 1, 3, 2. Unweighted mid-ranks less ½: 1 → 0.5, 2 → 1.5, the two 3s → 2 + 2/2 = 3.
    expect(midRanks([3, 1, 3, 2], 1)).toEqual([3, 0.5, 3, 1.5]);
    // Weights 1, 2, 3, 4: 1 → 2/2 = 1; 2 → 2 + 4/2 = 4; 3s → 6 + (1 + 3)/2 = 8.
    expect(midRanks([3, 1, 3, 2], 1, [1, 2, 3, 4])).toEqual([8, 1, 8, 4]);
    // Two columns are ranked apart.
    expect(midRanks([1, 9, 2, 8], 2)).toEqual([0.5, 1.5, 1.5, 0.5]);
  });

  it('gives no interval under four respondents, and a point interval for a perfect correlation', () => {
    expect(fisherInterval(0.5, 3, 0.95, false)).toBeNull();
    expect(fisherInterval(1, 10, 0.95, true)).toEqual([1, 1]);
  });
});
