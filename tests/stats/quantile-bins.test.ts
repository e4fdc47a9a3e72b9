/**
 * `bins: N`: edges from the answers. Hand-worked cases, then MASS::survey (tests/fixtures/mass-survey)
 * against R 4.2.2: each edge after the first is the smallest answer with at least k/N of the answers below it,
 *   a <- survey$Pulse[!is.na(survey$Pulse)]; n <- length(a)
 *   c(min(a), sapply(1:3, function(k) min(a[sapply(a, function(x) sum(a < x)) >= k * n / 4])), max(a))
 * and the counts per bin are table(cut(a, edges, right = FALSE, include.lowest = TRUE)).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';
import { answerCountsFold, quantileEdges, withQuantileEdges } from '../../src/stats/quantile-bins.ts';

const counts = (values: number[]): Map<number, number> => {
  const map = new Map<number, number>();
  for (const value of values) map.set(value, (map.get(value) ?? 0) + 1);
  return map;
};

describe('quantileEdges', () => {
  it('cuts 1..100 into four bins of 25', () => {
    expect(quantileEdges(counts(Array.from({ length: 100 }, (_, i) => i + 1)), 4)).toEqual([1, 26, 51, 76, 100]);
  });

  it('keeps ties in one bin, so there may be fewer bins, and closes the last on the largest answer', () => {
    // Half the answers are 1: the k = 1 and k = 2 edges of four bins are both 2.
    expect(quantileEdges(counts([1, 1, 1, 1, 2, 3, 4, 5]), 4)).toEqual([1, 2, 4, 5]);
    // Three answers into three bins: [1, 2), [2, 3), [3, 3].
    expect(quantileEdges(counts([1, 2, 3]), 3)).toEqual([1, 2, 3, 3]);
    expect(quantileEdges(counts([7, 7, 7]), 5)).toEqual([7, 7]);
    expect(quantileEdges(new Map(), 5)).toBeUndefined();
  });
});

describe('bins: 4 on MASS::survey', () => {
  const text = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'mass-survey', 'survey-r.csv'), 'utf8');
  const parsed = parseCodebook(`id: m
title: M
source: { file: survey-r.csv }
questions:
  - { id: pulse, column: Pulse, type: numeric, bins: 4 }
  - { id: age, column: Age, type: numeric, bins: 4 }
metrics:
  - { id: pulses, kind: distribution, question: pulse }
  - { id: ages, kind: distribution, question: age }
breakdowns:
  - { by: age, metrics: [pulse_mean] }
`.replace('metrics:\n', 'metrics:\n  - { id: pulse_mean, kind: mean, question: pulse }\n'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const first = ingestText(parsed.value, text, answerCountsFold(parsed.value), { file: 'survey-r.csv' });
  const codebook = withQuantileEdges(parsed.value, first.folded);

  it('finds the edges R finds', () => {
    const bins = codebook.questions.map((q) => ('bins' in q ? q.bins : undefined));
    expect(bins).toEqual([[35, 67, 73, 81, 104], [16.75, 17.75, 18.667, 20.333, 73]]);
  });

  it('counts each bin as R does, and breaks down by them', () => {
    const ingestion = ingestText(codebook, text, surveyFold(codebook), { file: 'survey-r.csv' });
    const { metrics, breakdowns } = finishStats(codebook, ingestion.folded, 'survey.yaml');
    expect(metrics.find((m) => m.id === 'pulses')?.groups?.map((g) => [g.value, g.count])).toEqual([['35–66', 49], ['67–72', 47], ['73–80', 49], ['81–104', 47]]);
    expect(metrics.find((m) => m.id === 'ages')?.groups?.map((g) => [g.value, g.count])).toEqual([['16.75–17.75', 65], ['17.75–18.667', 56], ['18.667–20.333', 59], ['20.333–73', 57]]);
    expect(breakdowns[0]?.groups.map((g) => g.value)).toEqual(['16.75–17.75', '17.75–18.667', '18.667–20.333', '20.333–73']);
  });

  it('refuses a label naming a bin whose edges the data decide', () => {
    const result = parseCodebook(`id: m\ntitle: M\nsource: { file: a.csv }\nquestions:\n  - { id: age, column: Age, type: numeric, bins: 4 }\nfilter: { question: age, in: ["20–24"] }\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toBe('question `age` has `bins: 4`, whose edges come from the data, so no label can name one; give fixed edges (e.g. `bins: [0, 18, 25, 35, 50]`) to name a bin');
  });
});
