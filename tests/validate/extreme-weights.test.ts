/**
 * Design weights that would overflow or vanish in the weighted sums (1e308, 1e-320) quarantine their rows
 * with a message naming the column and the bounds; the other rows are weighted, and no NaN or Infinity
 * reaches a result. Weights near the bounds are taken, and give the estimate all-equal weights give.
 */
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { assertFinite } from '../../src/report/stats-json.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';
import { validationSummary } from '../../src/validate/validation-summary.ts';

function analyse(weights: readonly string[]) {
  const parsed = parseCodebook(`id: t
title: T
source: { file: r.csv, format: generic }
questions:
  - { id: active, column: active, type: single, options: ["yes", "no"] }
  - { id: nps, column: nps, type: nps }
metrics:
  - { id: share, kind: proportion, question: active, success: ["yes"] }
  - { id: score, kind: nps, question: nps }
weighting: { method: column, column: w }
`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const rows = ['w,active,nps', ...weights.map((w, i) => `${w},${i % 3 === 0 ? 'no' : 'yes'},${(i * 7) % 11}`)];
  const ingestion = { ...ingestText(parsed.value, rows.join('\n'), surveyFold(parsed.value), { file: 'r.csv' }), encoding: 'utf-8', sha256: '' };
  return { ingestion, validation: validationSummary('t', 'r.csv', ingestion), stats: finishStats(parsed.value, ingestion.folded, 'survey.yaml') };
}

describe('extreme design weights', () => {
  it('quarantine weights of 1e308 and 1e-320 with the column and the bounds, and keep every result finite', () => {
    const { validation, stats } = analyse(['1', '2', '1e308', '3', '1e-320', '1', '2', '1']);
    expect(validation.rejections.map((r) => [r.row, r.reasons.map((reason) => [reason.rule, reason.column, reason.message])])).toEqual([
      [4, [['invalid-weight', 'w', 'a design weight must be between 1e-30 and 1e+30; rescale the weight column (every estimate is the same for weights multiplied by one number)']]],
      [6, [['invalid-weight', 'w', 'a design weight must be between 1e-30 and 1e+30; rescale the weight column (every estimate is the same for weights multiplied by one number)']]],
    ]);
    expect(() => assertFinite(stats)).not.toThrow();
    expect(stats.weighting?.nEffective).toBeGreaterThan(0);
  });

  it('take weights at the bounds: all equal, they give the unweighted share (6 rows, 4 yes: hand count)', () => {
    for (const w of ['1e30', '1e-30']) {
      const { stats } = analyse(Array.from({ length: 6 }, () => w));
      expect(stats.metrics[0]?.estimate).toBeCloseTo(4 / 6, 12);
      expect(stats.weighting?.nEffective).toBeCloseTo(6, 9);
      expect(() => assertFinite(stats)).not.toThrow();
    }
  });

  it('stop a statistic that is not a number before it is written, naming where it is', () => {
    expect(() => assertFinite({ metrics: [{ estimate: 0.5 }, { estimate: Number.NaN }] })).toThrow('stats.metrics[1].estimate is NaN');
  });
});
