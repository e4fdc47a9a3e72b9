import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { validationSummary } from '../../src/validate/validation-summary.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

/** A survey of `rows` (group, ok, channel, note) with a benchmark on group; `extra` adds codebook keys. */
function audit(rows: string[], options: { language?: 'zh' | 'en'; shares?: string; extra?: string; metrics?: string } = {}) {
  const parsed = parseCodebook(`id: t
title: T
language: ${options.language ?? 'en'}
source: { file: r.csv }
respondent: { channel: channel }
questions:
  - { id: group, column: group, label: Group, type: single, options: [a, b] }
  - { id: ok, column: ok, label: OK, type: single, options: ["yes", "no"] }
  - { id: score, column: score, label: Score, type: numeric }
metrics:
  - { id: ok_share, label: OK share, kind: proportion, question: ok, success: ["yes"] }
${options.metrics ?? ''}benchmarks:
  - { question: group, source: test, shares: ${options.shares ?? '{ a: 0.5, b: 0.5 }'} }
${options.extra ?? ''}`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const codebook = parsed.value;
  const ingestion = { ...ingestText(codebook, ['group,ok,channel,score', ...rows].join('\n'), surveyFold(codebook), { file: 'r.csv' }), encoding: 'utf-8', sha256: '' };
  const stats = finishStats(codebook, ingestion.folded, 'survey.yaml');
  return runAudit({ codebook, state: ingestion.folded, stats, validation: validationSummary('t', 'r.csv', ingestion) });
}

const repeat = (row: string, times: number): string[] => Array.from({ length: times }, () => row);
const codes = (result: ReturnType<typeof audit>): string[] => result.flags.map((f) => f.code);

describe('runAudit', () => {
  it('raises no flag for a large, balanced, clean sample', () => {
    const rows = [...repeat('a,yes,web,1', 250), ...repeat('a,no,app,2', 250), ...repeat('b,yes,app,3', 250), ...repeat('b,no,web,4', 250)];
    expect(codes(audit(rows))).toEqual([]);
  });

  it('flags a skewed sample, the small n, low precision, and a headline that moves when weighted', () => {
    // 80 in group a (90% yes) and 20 in b (10% yes) against a 50/50 population.
    const rows = [...repeat('a,yes,web,1', 72), ...repeat('a,no,app,1', 8), ...repeat('b,yes,web,1', 2), ...repeat('b,no,app,1', 18)];
    const result = audit(rows);
    expect(codes(result)).toEqual(['not-representative', 'small-sample', 'low-precision', 'depends-on-sample']);
    // Unweighted 74/100; post-stratified to 50/50: 0.5 · 0.9 + 0.5 · 0.1 = 0.5 (hand calculation).
    const row = result.audit.sensitivity.rows[0];
    expect(row?.unweighted).toBeCloseTo(0.74, 12);
    expect(row?.weighted).toBeCloseTo(0.5, 12);
    expect(result.audit.sensitivity.basis).toBe('benchmarks');
    expect(result.flags.find((f) => f.code === 'small-sample')?.message).toBe(
      'Only 100 accepted responses: a share can be off by up to ±9.8 percentage points (the target is ±5.0), so differences of a few points are not reliable.',
    );
  });

  it('writes its messages in Chinese for a Chinese survey', () => {
    const rows = [...repeat('a,yes,web,1', 72), ...repeat('a,no,app,1', 8), ...repeat('b,yes,web,1', 2), ...repeat('b,no,app,1', 18)];
    const flag = audit(rows, { language: 'zh' }).flags.find((f) => f.code === 'not-representative');
    expect(flag?.message).toBe('样本中「a」占 80.0%，而基准为 50.0%：Group的构成与总体明显不同（总变差距离 0.30），结论更多代表「a」这部分人。');
  });

  it('flags one channel bringing most responses, many quarantined rows and unanswered questions', () => {
    const rows = [...repeat('a,yes,wechat,', 450), ...repeat('b,no,wechat,', 450), ...repeat('b,no,web,', 50), ...repeat('a,maybe,web,1', 150)];
    // 150 rows of one unknown value would stop the analysis (a codebook question); here they are to be quarantined.
    const result = audit(rows, { extra: 'quality: { unknownValues: quarantine }' });
    expect(codes(result)).toEqual(expect.arrayContaining(['channel-concentration', 'high-quarantine', 'item-nonresponse']));
    expect(result.flags.find((f) => f.code === 'channel-concentration')?.evidence).toEqual({ channel: 'wechat', share: 900 / 950 });
    expect(result.audit.collection.quarantinedShare).toBeCloseTo(150 / 1100, 12);
    expect(result.audit.collection.nonResponse['score']).toBe(1);
  });

  it('says when the sample cannot be weighted to the benchmarks', () => {
    const rows = [...repeat('a,yes,web,1', 500), ...repeat('a,no,app,2', 500)];
    const result = audit(rows);
    expect(codes(result)).toContain('reweighting-impossible');
    expect(result.audit.sensitivity.basis).toBe('none');
  });

  it('flags raking that cannot converge (margins the sample cannot meet together)', () => {
    // Everyone in a says yes, everyone in b says no: group 50/50 and ok 90/10 cannot both hold.
    const rows = [...repeat('a,yes,web,1', 500), ...repeat('b,no,web,1', 500)];
    const extra = `  - { question: ok, source: test, shares: { "yes": 0.9, "no": 0.1 } }
weighting: { method: rake, by: [group, ok] }`;
    const result = audit(rows, { extra });
    expect(codes(result)).toContain('raking-not-converged');
    expect(result.audit.weighting?.converged).toBe(false);
    expect(result.flags.find((f) => f.code === 'raking-not-converged')?.severity).toBe('critical');
  });

  it('flags respondents left out of the weighting, whose weighted n no longer counts them', () => {
    const rows = [...repeat('a,yes,web,1', 300), ...repeat('b,no,app,2', 300), ...repeat(',yes,web,3', 100)];
    const result = audit(rows, { extra: 'weighting: { method: poststratify, by: [group] }' });
    expect(result.flags.find((f) => f.code === 'unweightable-respondents')?.evidence).toEqual({ unweightable: 100, accepted: 700 });
  });

  it('flags extreme weights when the codebook weights', () => {
    const rows = [...repeat('a,yes,web,1', 980), ...repeat('b,no,app,2', 20)];
    const result = audit(rows, { extra: 'weighting: { method: poststratify, by: [group] }' });
    expect(codes(result)).toContain('extreme-weights');
    expect(result.audit.weighting?.maxMinRatio).toBeCloseTo((0.5 / 20) / (0.5 / 980), 9);
    expect(result.audit.sensitivity.basis).toBe('codebook-weighting');
  });

  it('names what the weighted figures are: the survey\'s own weights, not benchmarks it does not have', () => {
    // A weight column (the score column: 1 for group a, 9 for group b) moves OK share from 74% towards b's 10%.
    const rows = [...repeat('a,yes,web,1', 72), ...repeat('a,no,app,1', 8), ...repeat('b,yes,web,9', 2), ...repeat('b,no,app,9', 18)];
    const flag = audit(rows, { extra: 'weighting: { method: column, column: score }' }).flags.find((f) => f.code === 'depends-on-sample');
    expect(flag?.message).toBe("With the survey's weights, these metrics move by more than their margin of error from their unweighted values: OK share. These headlines depend on who answered.");
  });

  it('leaves out of the warning a headline on a question the weighting sets to its benchmark, and says why', () => {
    const rows = [...repeat('a,yes,web,1', 72), ...repeat('a,no,app,1', 8), ...repeat('b,yes,web,1', 2), ...repeat('b,no,app,1', 18)];
    const metrics = '  - { id: a_share, label: Group a share, kind: proportion, question: group, success: [a] }\n';
    const weighted = audit(rows, { metrics, extra: 'weighting: { method: poststratify, by: [group] }' });
    // Post-stratified to 50/50, group a's share is 0.5 by construction (80% unweighted): a move, but no finding.
    expect(weighted.audit.sensitivity.rows.find((r) => r.metric === 'a_share')?.weighted).toBeCloseTo(0.5, 12);
    const flag = weighted.flags.find((f) => f.code === 'depends-on-sample');
    expect(flag?.message).toBe(
      "With the survey's weights, these metrics move by more than their margin of error from their unweighted values: OK share. These headlines depend on who answered. (Group a share left out: the weighting sets it to the benchmarks, so its move says nothing about who answered.)",
    );
    expect(Object.keys(flag?.evidence ?? {})).toEqual(['ok_share']);
    // Unweighted, the audit re-weights to every benchmark: the same holds.
    const zh = audit(rows, { metrics, language: 'zh' }).flags.find((f) => f.code === 'depends-on-sample');
    expect(zh?.message).toBe('按基准加权后，这些指标与未加权时相比的变化超过了其误差范围：OK share。这些结论取决于是谁回答了问卷。（未列出Group a share：加权使其等于基准，其变化不说明样本构成。）');
  });
});
