/**
 * Each chart's headline (the finding a slide states) and alt text (what it draws, in one sentence), on a
 * survey of 20 hand-counted rows; the intervals are Wilson's, by hand:
 * (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n), z = 1.959964.
 */
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.ts';
import { formatCodebookIssue, parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { chartSpecs, type ChartSpec } from '../../src/render/chart-specs.ts';
import { listed, withInterval } from '../../src/render/chart-summary.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';
import { validationSummary } from '../../src/validate/validation-summary.ts';

const CODEBOOK = (language: 'en' | 'zh'): string => `id: words
title: Words
language: ${language}
source: { file: data.csv, format: generic }
questions:
  - { id: grp, column: grp, label: Team, type: single, options: [A, B] }
  - { id: weekly, column: weekly, type: single, options: ["yes", "no"] }
  - { id: plan, column: plan, type: single, options: [Free, Plus, Pro], ordered: true }
  - { id: industry, column: industry, label: Industry, type: single, options: [Finance, Retail, Other] }
  - { id: agree, column: agree, label: Agrees, type: likert, options: [Disagree, Neutral, Agree] }
metrics:
  - { id: weekly_use, section: retention, label: Weekly use, kind: proportion, question: weekly, success: ["yes"] }
  - { id: plan_mix, label: Plans, kind: distribution, question: plan }
  - { id: industry_mix, label: Industries, kind: distribution, question: industry }
breakdowns:
  - { by: grp, metrics: [weekly_use] }
benchmarks:
  - { question: industry, source: by hand, shares: { Finance: 0.2, Retail: 0.4, Other: 0.4 } }
`;

/** Team A (rows 0–9) all weekly users, team B half; plans 4/10/6; industries 12/5/3; agree 2/6/12. */
const DATA = [
  'grp,weekly,plan,industry,agree',
  ...Array.from({ length: 20 }, (_, i) =>
    [i < 10 ? 'A' : 'B', i < 15 ? 'yes' : 'no', i < 4 ? 'Free' : i < 14 ? 'Plus' : 'Pro', i < 12 ? 'Finance' : i < 17 ? 'Retail' : 'Other', i < 2 ? 'Disagree' : i < 8 ? 'Neutral' : 'Agree'].join(','),
  ),
].join('\n');

function charts(language: 'en' | 'zh'): Map<string, ChartSpec> {
  const parsed = parseCodebook(CODEBOOK(language));
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => formatCodebookIssue('survey.yaml', issue)).join('\n'));
  const codebook = parsed.value;
  const ingestion = ingestText(codebook, DATA, surveyFold(codebook), { file: 'data.csv' });
  const stats = finishStats(codebook, ingestion.folded, 'survey.yaml');
  const validation = validationSummary(codebook.id, 'data.csv', { ...ingestion, encoding: 'utf-8', sha256: '' });
  const { audit } = runAudit({ codebook, state: ingestion.folded, stats, validation });
  const specs = chartSpecs(codebook, stats.metrics, undefined, audit.variables, {
    likertCounts: ingestion.folded.likertCounts,
    breakdowns: stats.breakdowns,
    accounting: { rowsRead: validation.rowsRead, accepted: validation.accepted, filtered: validation.filtered, byRule: validation.byRule },
  });
  return new Map(specs.map((chart) => [chart.name, chart]));
}

describe('chart headlines', () => {
  const en = charts('en');
  const zh = charts('zh');
  const headline = (map: Map<string, ChartSpec>, name: string): string | undefined => map.get(name)?.headline;

  it('state a section’s lead share with its interval: 15 of 20 is 75% (Wilson 53.1–88.8%)', () => {
    expect(headline(en, 'retention')).toBe('Weekly use: 75% (53–89%)');
    expect(headline(zh, 'retention')).toBe('Weekly use：75%（53–89%）');
  });

  it('name the most chosen of nominal options, and the most common of ordered answers', () => {
    // Finance 12 of 20 (Wilson 38.7–78.1%); Plus 10 of 20 (Wilson 29.9–70.1%).
    expect(headline(en, 'dist-industry_mix')).toBe('Most chosen: Finance, 60% (39–78%)');
    expect(headline(en, 'dist-plan_mix')).toBe('Most common answer: Plus, 50% (30–70%)');
    expect(headline(zh, 'dist-industry_mix')).toBe('选择最多：Finance，60%（39–78%）');
  });

  it('name a group that differs, and only then: team A 10 of 10 (Wilson 72.2–100%) against 15 of 20 overall', () => {
    // Two groups: A against the rest is B against the rest, one comparison; A leads (the first of equal gaps).
    expect(headline(en, 'forest-grp-weekly_use')).toBe('A (n = 10) differs from the rest: 100% (72–100%) against 75% overall');
    expect(headline(zh, 'forest-grp-weekly_use')).toBe('A（n = 10）与其余受访者差异显著：100%（72–100%），总体 75%');
  });

  it('give a likert question’s top answers by name, the largest sample-vs-population gap and the row accounting', () => {
    // One question on a 3-point scale: its top answer, named (the top of a scale is not always the good end), 12 of 20.
    expect(headline(en, 'likert-agree')).toBe('Agrees: 60% answered “Agree”');
    // Finance: 12 of 20 in the sample against 20% of the population (gap 40 points; Retail 25% vs 40%, Other 15% vs 40%).
    expect(headline(en, 'audit-industry')).toBe('Largest gap: Finance, 60% of the sample against 20% of the population');
    expect(headline(en, 'accounting')).toBe('20 of 20 rows accepted (100.0%); 0 quarantined');
  });

  it('come with an alt text listing every value, which is also the spec’s description', () => {
    const chart = en.get('dist-plan_mix');
    expect(chart?.alt).toBe('Bar chart of “Plans”: Free 20.0% (8.1–41.6%), Plus 50.0% (29.9–70.1%), Pro 30.0% (14.5–51.9%).');
    expect(chart?.spec.description).toBe(chart?.alt);
    // A likert chart of one question is titled by that question.
    expect(en.get('likert-agree')?.alt).toBe('Stacked bar chart of “Agrees”: Agrees (Disagree 10.0%, Neutral 30.0%, Agree 60.0%).');
    for (const spec of en.values()) expect(spec.alt.length, spec.name).toBeGreaterThan(spec.title.length);
  });
});

describe('chart words', () => {
  it('list at most twelve values and count the rest', () => {
    const items = Array.from({ length: 15 }, (_, i) => `o${i + 1}`);
    expect(listed('en', items)).toBe('o1, o2, o3, o4, o5, o6, o7, o8, o9, o10, o11, o12, and 3 more');
    expect(listed('zh', items.slice(0, 2))).toBe('o1，o2');
  });

  it('write an interval across zero with “to” and a real minus, not a dash beside a minus', () => {
    const value = { label: 'NPS', estimate: 0, low: -53.3, high: 53.3 };
    expect(withInterval('en', value, { percent: false, format: (v) => v.toFixed(1) })).toBe('0.0 (−53.3 to 53.3)');
    expect(withInterval('zh', value, { percent: false, format: (v) => v.toFixed(1) })).toBe('0.0（−53.3 至 53.3）');
    expect(withInterval('en', { label: 'x', estimate: 0.5, low: 0.25, high: 0.75 }, { percent: true })).toBe('50.0% (25.0–75.0%)');
  });
});
