/**
 * The quantiles metric end to end (answers merged by value, as the fold keeps them) against R survey 4.1.1:
 * `svyquantile(~x, svydesign(ids = ~1, weights = ~w, data = d), quantiles = c(0.1, 0.25, 0.5, 0.75, 0.9),
 * ci = TRUE)` on the datasets of tests/reference/anova_quantile_reference.R (ties, ratings, a value filling
 * the first rows, zero weights...), weighted by `w` as a column; and unweighted where every w is 1.
 */
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../../src/ingest/ingest-text.ts';
import { finishStats } from '../../../src/stats/finish-stats.ts';
import { surveyFold } from '../../../src/stats/folds/survey-fold.ts';
import reference from '../../reference/anova-quantile-reference.json' with { type: 'json' };

const PROBS = [0.1, 0.25, 0.5, 0.75, 0.9];

function quantilesOf(x: readonly number[], w: readonly number[] | undefined) {
  const yaml = `id: q
title: Q
source: { file: q.csv }
questions:
  - { id: x, column: x, type: numeric }
metrics:
  - { id: xq, kind: quantiles, question: x, probs: [${PROBS.join(', ')}] }
${w === undefined ? '' : 'weighting: { method: column, column: w }\n'}`;
  const parsed = parseCodebook(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const rows = x.map((value, i) => `${value},${w?.[i] ?? 1}`);
  const ingestion = ingestText(parsed.value, ['x,w', ...rows].join('\n'), surveyFold(parsed.value), { file: 'q.csv' });
  return finishStats(parsed.value, ingestion.folded, 'survey.yaml').metrics[0]?.groups ?? [];
}

const cases = reference.svyquantile.filter((c) => !c.name.endsWith('_df_inf'));

describe.each(cases.map((c) => [c.name, c] as const))('quantiles of %s', (name, want) => {
  const data = reference.quantile_data[name as keyof typeof reference.quantile_data];
  const expected = want.quantiles.map((q) => ({ estimate: q.quantile, ci: q.ci[0] === null || q.ci[1] === null ? null : q.ci }));

  it('weighted by its column, as svyquantile on svydesign(ids = ~1, weights = ~w)', () => {
    // A weight of 0 is no weight here (the row is quarantined): R leaves those rows out of the quantiles and degf alike.
    const groups = quantilesOf(data.x, data.w);
    expect(groups.map((g) => ({ estimate: g.estimate, ci: g.ci }))).toEqual(expected);
  });

  it.runIf(data.w.every((w) => w === 1))('unweighted, as svyquantile with weights 1', () => {
    const groups = quantilesOf(data.x, undefined);
    expect(groups.map((g) => ({ estimate: g.estimate, ci: g.ci }))).toEqual(expected);
  });
});

describe('quantiles of a census', () => {
  it('gives the estimate as its own interval when every stratum is taken whole, as R does', () => {
    // R 4.2.2, survey 4.1.1: d <- data.frame(s = rep(c("A", "B"), each = 5), x = c(45.08, 45.2, 50.1, 61.3,
    // 39.9, 70.2, 48.4, 55.5, 52.0, 47.7), f = 5, w = rep(1:2, each = 5)); svyquantile(~x, svydesign(ids = ~1,
    // strata = ~s, fpc = ~f, weights = ~w, data = d), c(0.25, 0.5), ci = TRUE) → 47.7 [47.7, 47.7], 50.1 [50.1, 50.1].
    const yaml = `id: c
title: C
source: { file: c.csv }
questions:
  - { id: x, column: x, type: numeric }
metrics:
  - { id: xq, kind: quantiles, question: x, probs: [0.25, 0.5] }
weighting: { method: column, column: w }
design: { strata: s, fpc: f }
`;
    const parsed = parseCodebook(yaml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const x = [45.08, 45.2, 50.1, 61.3, 39.9, 70.2, 48.4, 55.5, 52.0, 47.7];
    const rows = x.map((value, i) => `${i < 5 ? 'A' : 'B'},${value},5,${i < 5 ? 1 : 2}`);
    const ingestion = ingestText(parsed.value, ['s,x,f,w', ...rows].join('\n'), surveyFold(parsed.value), { file: 'c.csv' });
    const groups = finishStats(parsed.value, ingestion.folded, 'survey.yaml').metrics[0]?.groups ?? [];
    expect(groups.map((g) => [g.estimate, g.ci])).toEqual([
      [47.7, [47.7, 47.7]],
      [50.1, [50.1, 50.1]],
    ]);
  });
});
