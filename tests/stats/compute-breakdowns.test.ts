import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

function breakdowns(extra: string, rows: string[]) {
  const parsed = parseCodebook(`id: t
title: T
source: { file: r.csv }
questions:
  - { id: group, column: group, type: single, options: [a, b, c] }
  - { id: tags, column: tags, type: multi, options: [x, y] }
  - { id: ok, column: ok, type: single, options: ["yes", "no"] }
metrics:
  - { id: ok_share, kind: proportion, question: ok, success: ["yes"] }
breakdowns:
${extra}`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const ingestion = ingestText(parsed.value, ['group,tags,ok', ...rows].join('\n'), surveyFold(parsed.value), { file: 'r.csv' });
  return finishStats(parsed.value, ingestion.folded, 'survey.yaml').breakdowns;
}

const ROWS = [
  ...Array.from({ length: 20 }, (_, i) => `a,x,${i < 18 ? 'yes' : 'no'}`),
  ...Array.from({ length: 20 }, (_, i) => `b,y,${i < 6 ? 'yes' : 'no'}`),
  ...Array.from({ length: 3 }, () => 'c,x;y,yes'),
];

describe('computeBreakdowns', () => {
  it('suppresses groups under suppressBelow: no estimate, no interval, no test; flags small cells', () => {
    const [result] = breakdowns('  - { by: group, metrics: [ok_share] }', ROWS);
    const c = result?.groups.find((g) => g.value === 'c');
    expect(c).toMatchObject({ n: 3, estimate: null, ci: null, pValue: null, pAdjusted: null, significant: false, flags: ['small-cell', 'suppressed'] });
    expect(result?.groups.find((g) => g.value === 'a')?.flags).toEqual(['small-cell']);
  });

  it('marks a group that differs from the rest after adjustment, and tests single-choice groups overall', () => {
    const [result] = breakdowns('  - { by: group, metrics: [ok_share] }', ROWS);
    const a = result?.groups.find((g) => g.value === 'a');
    // 18/20 against 9/23 in the rest (b and c, c being suppressed from display but not from "the rest"):
    // scipy 1.10 stats.chi2_contingency([[18, 2], [9, 14]], correction=False) -> X² = 11.848369565217393,
    // p = 0.0005771185268643872. Overall over every group with answers (c too, whose estimate stays hidden):
    // stats.chi2_contingency([[18, 2], [6, 14], [3, 0]], correction=False) -> X² = 17.319444444444443, df = 2,
    // p = 0.0001734324759008077.
    expect(a?.pValue).toBeCloseTo(0.0005771185268643872, 15);
    expect(a?.significant).toBe(true);
    expect(result?.test?.statistic).toBeCloseTo(17.319444444444443, 10);
    expect(result?.test?.pValue).toBeCloseTo(0.0001734324759008077, 15);
    expect(result?.test?.df).toBe(2);
    expect(result?.adjust).toBe('holm');
  });

  it('gives multi-select breakdowns group tests but no overall test (groups overlap)', () => {
    const [result] = breakdowns('  - { by: tags, metrics: [ok_share], suppressBelow: 0, smallCell: 10 }', ROWS);
    expect(result?.test).toBeNull();
    expect(result?.groups.map((g) => g.n)).toEqual([23, 23]);
    expect(result?.groups.every((g) => g.pValue !== null)).toBe(true);
  });
});
