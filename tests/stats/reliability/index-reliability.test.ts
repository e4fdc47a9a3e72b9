/**
 * Indexes through the pipeline on R's attitude data (tests/fixtures/indexes/attitude): each index's
 * reliability as psych::alpha gives it (tests/reference/drivers_reference.R: psych::alpha(attitude[, items]) and
 * psych::alpha(attitude[, items], keys = "raises"); omega as the same script's psych::fa(fm = "pa") formula gives it),
 * its flags, and the report's words.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../../src/codebook/load-codebook.ts';
import { ingestFile } from '../../../src/ingest/ingest-file.ts';
import { resolveSourceFile } from '../../../src/ingest/resolve-source-file.ts';
import type { FinishedStats } from '../../../src/stats/finish-stats.ts';
import { finishStats } from '../../../src/stats/finish-stats.ts';
import { surveyFold } from '../../../src/stats/folds/survey-fold.ts';
import { reliabilityMarkdown } from '../../../src/report/reliability-md.ts';
import reference from '../../reference/drivers-reference.json' with { type: 'json' };

const ROOT = path.resolve(import.meta.dirname, '../../..');
let stats: FinishedStats;

beforeAll(async () => {
  const read = await loadCodebook(path.join(ROOT, 'tests/fixtures/indexes/attitude'));
  const file = await resolveSourceFile(read);
  const ingestion = await ingestFile(read.codebook, file, surveyFold(read.codebook));
  stats = finishStats(read.codebook, ingestion.folded, read.file);
});

describe('index reliability through the pipeline', () => {
  it('gives each index the alpha, Feldt interval, standardised alpha, item-rest r and alpha if deleted of psych::alpha', () => {
    const [plain, reversed] = stats.reliability;
    const want = reference.alpha;
    expect(plain).toMatchObject({ index: 'climate', label: 'Climate', items: want.items, n: 30, flags: [] });
    expect(plain?.alpha).toBeCloseTo(want.raw, 10);
    expect(plain?.standardized).toBeCloseTo(want.standardized, 10);
    expect(plain?.ci?.[0]).toBeCloseTo(want.feldt95[0] as number, 9);
    expect(plain?.ci?.[1]).toBeCloseTo(want.feldt95[1] as number, 9);
    plain?.itemRest.forEach((r, i) => expect(r).toBeCloseTo(want.itemRest[i] as number, 10));
    plain?.alphaIfDeleted.forEach((a, i) => expect(a).toBeCloseTo(want.alphaIfDeleted[i] as number, 10));
    const rev = reference.reversed;
    expect(reversed?.alpha).toBeCloseTo(rev.raw, 10);
    expect(reversed?.standardized).toBeCloseTo(rev.standardized, 10);
    expect(reversed?.ci?.[0]).toBeCloseTo(rev.feldt95[0] as number, 9);
    reversed?.itemRest.forEach((r, i) => expect(r).toBeCloseTo(rev.itemRest[i] as number, 10));
    reversed?.alphaIfDeleted.forEach((a, i) => expect(a).toBeCloseTo(rev.alphaIfDeleted[i] as number, 10));
    expect(reversed?.flags).toEqual(['low-alpha', 'item-lowers-alpha']);
  });

  it("gives each index psych's one-factor omega total, items as the index scores them", () => {
    const [plain, reversed] = stats.reliability;
    expect(plain?.omega).toBeCloseTo(reference.omega.items.pa, 10);
    expect(reversed?.omega).toBeCloseTo(reference.omega.reversed.pa, 10);
  });

  it('makes the index a numeric question: the mean of each department over its four ratings, averaged', () => {
    const data = reference.data as Record<string, number[]>;
    const scores = (data.rating ?? []).map((_, r) => ['complaints', 'privileges', 'learning', 'raises'].reduce((sum, id) => sum + (data[id]?.[r] ?? 0), 0) / 4);
    expect(stats.metrics.find((m) => m.id === 'climate_mean')?.estimate).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 12);
  });

  it('says in plain words what a low alpha and an item that lowers it mean, in both languages', () => {
    const en = reliabilityMarkdown(stats.reliability, 'en', (id) => id).join('\n');
    expect(en).toContain("Cronbach's α = 0.837 (95% interval [0.715, 0.915], Feldt); standardised α = 0.840; McDonald's ω = 0.843 (one factor); n = 30.");
    expect(en).toContain('> α = 0.117 is under 0.7: the items may not measure one thing, so read the index built from them with care.');
    expect(en).toContain('> Deleting raises would raise α: it does not go with the other items (check whether it should be reverse-scored, or measures something else).');
    const zh = reliabilityMarkdown(stats.reliability, 'zh', (id) => id).join('\n');
    expect(zh).toContain('> 删除 raises 后 α 会升高');
  });
});
