/**
 * Distribution charts keep the order of ordered answers (issue 21: on a real survey, importance showed
 * somewhat / not / very / not very and knowledge 2 / 0 / 3 / 1, sorted by share) and sort only nominal options.
 */
import { describe, expect, it } from 'vitest';
import { formatCodebookIssue, parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { chartSpecs } from '../../src/render/chart-specs.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const CODEBOOK = `id: order
title: Order
language: en
source: { file: data.csv, format: generic }
questions:
  - { id: importance, column: importance, type: single, options: [not important, not very important, somewhat important, very important] }
  - { id: knowledge, column: knowledge, type: single, options: ["0", "1", "2", "3"] }
  - { id: industry, column: industry, type: single, options: [Finance, Education, Retail, Other] }
  - { id: plan, column: plan, type: single, options: [Free, Plus, Pro], ordered: true }
  - { id: agree, column: agree, type: likert, options: [Disagree, Neutral, Agree] }
metrics:
  - { id: importance_mix, kind: distribution, question: importance }
  - { id: knowledge_mix, kind: distribution, question: knowledge }
  - { id: industry_mix, kind: distribution, question: industry }
  - { id: plan_mix, kind: distribution, question: plan }
  - { id: agree_mix, kind: distribution, question: agree }
`;

/** Shares chosen so that sorting by share would reorder every question. */
const DATA = [
  'importance,knowledge,industry,plan,agree',
  ...Array.from({ length: 10 }, (_, i) => ['somewhat important', 'not important', 'very important', 'not very important'][i % 4 === 3 ? 3 : i % 3] ?? '').map((importance, i) =>
    [importance, ['2', '0', '3', '1'][i % 4 === 3 ? 3 : i % 3], ['Retail', 'Finance', 'Other', 'Education'][i % 4 === 3 ? 3 : i % 3], ['Pro', 'Free', 'Plus'][i % 3], ['Agree', 'Disagree', 'Neutral'][i % 3 === 2 ? 0 : i % 3]].join(','),
  ),
].join('\n');

function barLabels(name: string): string[] {
  const parsed = parseCodebook(CODEBOOK);
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => formatCodebookIssue('survey.yaml', issue)).join('\n'));
  const codebook = parsed.value;
  const ingestion = ingestText(codebook, DATA, surveyFold(codebook), { file: 'data.csv' });
  const stats = finishStats(codebook, ingestion.folded, 'survey.yaml');
  const chart = chartSpecs(codebook, stats.metrics).find((c) => c.name === name);
  return ((chart?.spec.data as { values: { label: string }[] } | undefined)?.values ?? []).map((v) => v.label);
}

describe('distribution charts', () => {
  it('keep the order of options that read as a scale: intensity words and numbers', () => {
    expect(barLabels('dist-importance_mix')).toEqual(['not important', 'not very important', 'somewhat important', 'very important']);
    expect(barLabels('dist-knowledge_mix')).toEqual(['0', '1', '2', '3']);
  });

  it('keep the order of a likert scale and of a single question marked `ordered: true`', () => {
    expect(barLabels('dist-agree_mix')).toEqual(['Disagree', 'Neutral', 'Agree']);
    expect(barLabels('dist-plan_mix')).toEqual(['Free', 'Plus', 'Pro']);
  });

  it('sort nominal options by share, most chosen first', () => {
    // By the rows above: Retail 3, Other 3, Finance 2, Education 2 (ties keep the codebook's order).
    expect(barLabels('dist-industry_mix')).toEqual(['Retail', 'Other', 'Finance', 'Education']);
  });
});
