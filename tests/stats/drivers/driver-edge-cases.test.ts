/**
 * Key drivers and reliability where the data leave little to estimate (found by an attack on issue 20):
 * perfect correlations, constant and mirrored items, saturated models, a costly bootstrap, clashing ids. Each
 * is built from a small export and run through the whole report (stats.json refuses NaN), values by hand.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/analyze-survey.ts';
import { formatCodebookIssue, parseCodebook } from '../../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../../src/ingest/ingest-text.ts';
import type { Stats } from '../../../src/model/stats.ts';
import { driversMarkdown } from '../../../src/report/drivers-md.ts';
import { reliabilityMarkdown } from '../../../src/report/reliability-md.ts';
import { surveyFold } from '../../../src/stats/folds/survey-fold.ts';
import type { Codebook } from '../../../src/codebook/schema.ts';
import { driverAnalysis } from '../../../src/stats/drivers/driver-analysis.ts';
import { seededRandom } from '../../../src/util/random.ts';

const HEAD = `id: edge
title: Edge
language: en
source: { file: data.csv, format: generic }
questions:
  - { id: y, column: y, type: rating, min: 0, max: 100 }
  - { id: a, column: a, type: rating, min: 0, max: 100 }
  - { id: b, column: b, type: rating, min: 0, max: 100 }
  - { id: c, column: c, type: rating, min: 0, max: 100 }
  - { id: q1, column: q1, type: likert, options: ["1", "2", "3", "4", "5"] }
  - { id: q1copy, column: q1copy, type: likert, options: ["1", "2", "3", "4", "5"] }
  - { id: q2, column: q2, type: likert, options: ["1", "2", "3", "4", "5"] }
  - { id: same, column: same, type: likert, options: ["1", "2", "3", "4", "5"] }
`;

/** Rows of y, a, b, c, q1, q1copy, q2, same: a = y (a perfect driver), b and c noise, q1copy = q1, same constant. */
function rows(n: number): string {
  const lines = ['y,a,b,c,q1,q1copy,q2,same'];
  for (let i = 0; i < n; i++) {
    const y = (i * 37) % 101;
    lines.push([y, y, (i * 53) % 97, (i * 29) % 89, (i % 5) + 1, (i % 5) + 1, ((i * 3) % 5) + 1, 3].join(','));
  }
  return lines.join('\n');
}

async function statsOf(extra: string, n = 40): Promise<Stats> {
  const parsed = parseCodebook(`${HEAD}${extra}`);
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => formatCodebookIssue('survey.yaml', issue)).join('\n'));
  const ingestion = { ...ingestText(parsed.value, rows(n), surveyFold(parsed.value), { file: 'data.csv' }), encoding: 'utf-8', sha256: '' };
  return (await buildReport(parsed.value, ingestion, 'data.csv')).stats;
}

describe('key drivers at the edges', () => {
  it('gives a driver equal to the outcome r = 1 with a point interval, not a crash', async () => {
    const stats = await statsOf('drivers:\n  - { outcome: y, drivers: [a] }\n');
    const [a] = stats.drivers?.[0]?.drivers ?? [];
    expect(a?.pearson).toEqual({ r: 1, ci: [1, 1] });
    expect(a?.spearman).toEqual({ r: 1, ci: [1, 1] });
    expect(stats.drivers?.[0]?.r2).toBe(1);
    expect(a?.lmgShare).toBe(1);
  });

  it("keeps each varying driver's correlation when another driver does not vary, and says why there is no model", async () => {
    const stats = await statsOf('drivers:\n  - { outcome: y, drivers: [b, q1, same] }\n');
    const result = stats.drivers?.[0];
    expect(result?.r2).toBeNull();
    expect(result?.noModel).toBe('no-variance');
    expect(result?.drivers.map((d) => d.pearson === null)).toEqual([false, false, true]);
    expect(driversMarkdown(stats.drivers ?? [], 'en', 0.95).join('\n')).toContain('The outcome or a driver does not vary among the complete answers: no analysis.');
  });

  it('names collinear drivers, and a saturated model (n ≤ p + 1) as too few answers', async () => {
    const collinear = await statsOf('drivers:\n  - { outcome: y, drivers: [q1, q1copy, b] }\n');
    expect(collinear.drivers?.[0]?.noModel).toBe('collinear');
    expect(driversMarkdown(collinear.drivers ?? [], 'en', 0.95).join('\n')).toContain('The drivers are collinear');
    // Three respondents, two drivers: any two drivers fit three points exactly (R² = 1 says nothing).
    const saturated = await statsOf('drivers:\n  - { outcome: y, drivers: [b, c] }\n', 3);
    expect(saturated.drivers?.[0]).toMatchObject({ n: 3, r2: null, noModel: 'too-few' });
    expect(driversMarkdown(saturated.drivers ?? [], 'en', 0.95).join('\n')).toContain('Only 3 complete answers: too few for 2 drivers (at least 4 are needed).');
    const enough = await statsOf('drivers:\n  - { outcome: y, drivers: [b, c] }\n', 4);
    expect(enough.drivers?.[0]?.r2).not.toBeNull();
  });

  it('skips a bootstrap whose 2^p subsets would take minutes, and says so', () => {
    // 15 drivers, 300 respondents: 200 × (300 + patterns · 16² + 5 · 2¹⁵ · 15²) ≈ 7·10⁹ > 10⁹ (a minute's work).
    const random = seededRandom(4);
    const values: number[] = [];
    for (let r = 0; r < 300; r++) values.push(random.int(1, 5), ...Array.from({ length: 15 }, () => random.int(1, 5)));
    const drivers = Array.from({ length: 15 }, (_, i) => `d${i}`);
    const codebook = { questions: [], metrics: [], confidence: 0.95 } as unknown as Codebook;
    const result = driverAnalysis(codebook, { outcome: 'y', drivers, bootstrap: 200, seed: 1 }, 0, { width: 16, values, counts: Array.from({ length: 300 }, () => 1) });
    expect(result.r2).not.toBeNull();
    expect(result).toMatchObject({ bootstrap: null, bootstrapSkipped: true });
    expect(result.drivers.every((d) => d.lmgShareCi === null)).toBe(true);
    expect(driversMarkdown([result], 'en', 0.95).join('\n')).toContain('No intervals: that many resamples would take too long here');
    // Asked for none, none is skipped.
    expect(driverAnalysis(codebook, { outcome: 'y', drivers, bootstrap: 0, seed: 1 }, 0, { width: 16, values, counts: Array.from({ length: 300 }, () => 1) }).bootstrapSkipped).toBe(false);
  });
});

describe('reliability at the edges', () => {
  it('gives alpha with a constant item (as psych does) but no correlations, and no crash', async () => {
    const stats = await statsOf('indexes:\n  - { id: ix, items: [q1, q2, same] }\n');
    const [r] = stats.reliability ?? [];
    // By hand: the covariance of (q1, q2, 3) over 40 rows; alpha = 3/2 · (1 − (v1 + v2) / (v1 + v2 + 2·c12)).
    const q1 = Array.from({ length: 40 }, (_, i) => (i % 5) + 1);
    const q2 = Array.from({ length: 40 }, (_, i) => ((i * 3) % 5) + 1);
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    const cov = (x: number[], z: number[]) => x.reduce((s, v, i) => s + (v - mean(x)) * ((z[i] as number) - mean(z)), 0) / (x.length - 1);
    const [v1, v2, c12] = [cov(q1, q1), cov(q2, q2), cov(q1, q2)];
    expect(r?.alpha).toBeCloseTo(1.5 * (1 - (v1 + v2) / (v1 + v2 + 2 * c12)), 12);
    expect(r?.standardized).toBeNull();
    expect(r?.averageR).toBeNull();
    expect(r?.itemRest[2]).toBeNull();
    expect(r?.omega).toBeNull();
  });

  it('says why there is no alpha when an item and its reversed copy cancel out', async () => {
    const stats = await statsOf('indexes:\n  - { id: ix, items: [q1, q1copy], reverse: [q1copy] }\n');
    const [r] = stats.reliability ?? [];
    expect(r).toMatchObject({ n: 40, alpha: null, noAlpha: 'no-variance' });
    expect(reliabilityMarkdown(stats.reliability ?? [], 'en', (id) => id).join('\n')).toContain("The items' total does not vary between respondents");
  });
});

describe('the codebook refuses', () => {
  const problems = (extra: string): string[] => {
    const parsed = parseCodebook(`${HEAD}${extra}`);
    return parsed.ok ? [] : parsed.issues.map((issue) => formatCodebookIssue('survey.yaml', issue));
  };

  it('two analyses with one id, given or by place, an item reversed twice, and an index over items on different scales', () => {
    expect(problems('drivers:\n  - { id: a1, outcome: y, drivers: [a] }\n  - { id: a1, outcome: y, drivers: [b] }\n')).toEqual([expect.stringMatching(/drivers\[1\]\.id: analysis id `a1` is already used by drivers\[0\]; give each analysis its own `id`$/)]);
    expect(problems('drivers:\n  - { id: drivers-2, outcome: y, drivers: [a] }\n  - { outcome: y, drivers: [b] }\n')).toEqual([
      expect.stringMatching(/drivers\[1\]: analysis id `drivers-2` is already used by drivers\[0\] \(an analysis without `id` is named by its place\); give each analysis its own `id`$/),
    ]);
    expect(problems('indexes:\n  - { id: ix, items: [q1, q2], reverse: [q2, q2] }\n')).toEqual([expect.stringMatching(/indexes\[0\]\.reverse\[1\]: `q2` is listed twice; an item is reversed once$/)]);
    expect(problems('drivers:\n  - { outcome: y, drivers: [a], bootstrap: 20000 }\n')).toEqual([expect.stringMatching(/drivers\[0\]\.bootstrap: allows at most 10,000 resamples$/)]);
    // A 1–5 likert beside a 0–100 rating: their mean would mean nothing.
    expect(problems('indexes:\n  - { id: ix, items: [q1, a] }\n')).toEqual([
      expect.stringMatching(/indexes\[0\]\.items: the items are on different scales \(1–5, 0–100\); an index averages their codes, so build it from items of one scale \(or make one index per scale\)$/),
    ]);
  });
});

describe('the importance chart without intervals', () => {
  it('says in its subtitle whether the bootstrap was skipped for its cost or not asked for', async () => {
    const { chartSpecs } = await import('../../../src/render/chart-specs.ts');
    const parsed = parseCodebook(`${HEAD}drivers:\n  - { outcome: y, drivers: [b, c], bootstrap: 0 }\n`);
    if (!parsed.ok) throw new Error('codebook');
    const stats = await statsOf('drivers:\n  - { outcome: y, drivers: [b, c], bootstrap: 0 }\n');
    const subtitle = (result: NonNullable<Stats['drivers']>[number]) => (chartSpecs(parsed.value, [], undefined, [], { drivers: [result] })[0]?.spec.title as { subtitle: string }).subtitle;
    const [result] = stats.drivers ?? [];
    if (result === undefined) throw new Error('no analysis');
    expect(subtitle(result)).toContain('no intervals (no bootstrap)');
    expect(subtitle({ ...result, bootstrapSkipped: true })).toContain('no intervals (the bootstrap would take too long)');
  });
});
