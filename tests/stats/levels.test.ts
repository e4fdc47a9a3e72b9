/**
 * Kinds that count levels on number questions: top-box and bottom-box on a rating (the box from the top or
 * the bottom of its range), a rating's distribution, and a proportion of bins. Expected values by hand from
 * the ten answers below.
 */
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const CODEBOOK = `id: t
title: T
source: { file: t.csv }
questions:
  - { id: rate, column: rate, type: rating, min: 1, max: 5 }
  - { id: spend, column: spend, type: numeric, bins: [0, 10, 100, .inf] }
metrics:
  - { id: top2, kind: top-box, question: rate }
  - { id: bottom1, kind: bottom-box, question: rate, box: 1 }
  - { id: rates, kind: distribution, question: rate }
  - { id: big, kind: proportion, question: spend, success: ["100+"] }
breakdowns:
  - { by: rate, metrics: [big], suppressBelow: 0 }
`;
// rate: 5 5 4 3 3 2 1 1 1 (and one NA); spend: 0 5 9.5 10 50 99 100 250 1000 (and one empty)
const EXPORT = 'rate,spend\n5,0\n5,5\n4,9.5\n3,10\n3,50\n2,99\n1,100\n1,250\n1,1000\nNA,\n';

describe('levels of number questions', () => {
  const parsed = parseCodebook(CODEBOOK);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const codebook = parsed.value;
  const ingestion = ingestText(codebook, EXPORT, surveyFold(codebook), { file: 't.csv' });
  const { metrics, breakdowns } = finishStats(codebook, ingestion.folded, 'survey.yaml');
  const byId = (id: string) => metrics.find((m) => m.id === id);

  it('takes a rating top box from the top of its range and the bottom box from the bottom', () => {
    // top 2 of 1–5 is {4, 5}: three of nine answers; bottom 1 is {1}: three of nine.
    expect(byId('top2')).toMatchObject({ count: 3, n: 9 });
    expect(byId('bottom1')).toMatchObject({ count: 3, n: 9 });
  });

  it("gives a rating's distribution over every whole number of its range, the unchosen included", () => {
    expect(byId('rates')?.groups?.map((g) => [g.value, g.count])).toEqual([['1', 3], ['2', 1], ['3', 2], ['4', 1], ['5', 2]]);
  });

  it('counts bins as levels, and breaks down by a rating', () => {
    // spend ≥ 100: 100, 250, 1000 of nine answers.
    expect(byId('big')).toMatchObject({ count: 3, n: 9 });
    const groups = breakdowns.find((b) => b.by === 'rate')?.groups ?? [];
    // Among rate 1 all three spend ≥ 100; among the other ratings none does.
    expect(groups.map((g) => [g.value, g.n, g.estimate])).toEqual([['1', 3, 1], ['2', 1, 0], ['3', 2, 0], ['4', 1, 0], ['5', 2, 0]]);
  });

  it('refuses a kind that counts levels on a number question without them, saying how to give them', () => {
    const result = parseCodebook(CODEBOOK.replace('bins: [0, 10, 100, .inf] ', ''));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'metrics.3.question: question `spend` has no levels to count: it is a numeric question without `bins`; give it `bins` (e.g. `bins: [0, 18, 25, 35, 50]`)',
    ]);
  });

  it('refuses bins that do not rise', () => {
    const result = parseCodebook(CODEBOOK.replace('[0, 10, 100, .inf]', '[0, 10, 10]'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toBe('edges must rise: each larger than the one before');
  });
});
