/**
 * The sample survey end to end, held against an independent computation of the same numbers:
 * tests/reference/kimi_2024_reference.py (pandas 1.5 + scipy 1.10 + statsmodels 0.13, written without
 * reading src/) printed tests/reference/kimi-2024-reference.json. Calls: see its "calls" entry, e.g.
 * statsmodels.stats.proportion.proportion_confint(count, n, alpha=0.05, method='wilson'),
 * scipy.stats.t.interval(0.95, n-1, loc=mean, scale=scipy.stats.sem(values)),
 * scipy.stats.chisquare(observed, f_exp=n*shares).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileBytes } from '../src/report/write-report-folder.ts';
import { analyzeSurvey, buildReport, type BuiltReport } from '../src/analyze-survey.ts';
import { loadCodebook, type LoadedCodebook } from '../src/codebook/load-codebook.ts';
import { parseCodebook } from '../src/codebook/parse-codebook.ts';
import type { Codebook } from '../src/codebook/schema.ts';
import { ingestFile } from '../src/ingest/ingest-file.ts';
import { listFiles } from './list-files.ts';
import reference from './reference/kimi-2024-reference.json' with { type: 'json' };
import { surveyFold } from '../src/stats/folds/survey-fold.ts';

const TOLERANCE = 1e-9;
let built: BuiltReport;
let codebook: Codebook;

beforeAll(async () => {
  const parsed = parseCodebook(readFileSync(new URL('../surveys/kimi-2024/survey.yaml', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error('sample codebook does not parse');
  codebook = parsed.value;
  const file = fileURLToPath(new URL('../surveys/kimi-2024/responses.csv', import.meta.url));
  built = await buildReport(codebook, await ingestFile(codebook, file, surveyFold(codebook)), file);
});

function close(actual: number | null | undefined, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(TOLERANCE);
}

function closePair(actual: [number, number] | null | undefined, expected: number[]): void {
  close(actual?.[0], expected[0] ?? Number.NaN);
  close(actual?.[1], expected[1] ?? Number.NaN);
}

describe('buildReport on the sample survey', () => {
  it('accepts 154 of 160 rows and accounts for every row', () => {
    const { input } = built.stats;
    expect(input).toMatchObject({ rowsRead: reference.rowsRead, accepted: 154, quarantined: reference.quarantined });
    expect(input.rowsRead).toBe(input.accepted + input.quarantined);
  });

  it('quarantines the same rows for the same rules as the pandas reference', () => {
    const ours = Object.fromEntries(built.validation.rejections.map((r) => [String(r.row), r.reasons.map((reason) => reason.rule)]));
    expect(ours).toEqual(reference.quarantinedRows);
  });

  it('computes proportion and top-box metrics with their Wilson intervals', () => {
    for (const id of ['weekly_active', 'daily_active', 'weekly_active_veterans', 'continue_intent', 'very_disappointed', 'csat'] as const) {
      const expected = reference.metrics[id];
      const metric = built.stats.metrics.find((m) => m.id === id);
      expect(metric?.n, id).toBe(expected.n);
      expect(metric?.count, id).toBe(expected.count);
      close(metric?.estimate, expected.estimate);
      closePair(metric?.ci, expected.wilson);
    }
  });

  it('computes the retention curve: the share at each tenure level with its Wilson interval', () => {
    const metric = built.stats.metrics.find((m) => m.id === 'weekly_by_tenure');
    const expected = reference.metrics.weekly_by_tenure;
    close(metric?.estimate, expected.estimate);
    closePair(metric?.ci, expected.wilson);
    const groups = expected.groups as Record<string, { n: number; count: number; estimate: number; wilson: number[] }>;
    expect(metric?.groups?.map((g) => g.value)).toEqual(['不到1个月', '1-3个月', '3个月以上']);
    for (const group of metric?.groups ?? []) {
      expect(group.n, group.value).toBe(groups[group.value]?.n);
      close(group.estimate, groups[group.value]?.estimate ?? Number.NaN);
      closePair(group.ci, groups[group.value]?.wilson ?? []);
    }
  });

  it('computes the active-days ratio (days / 7) with its t interval', () => {
    const metric = built.stats.metrics.find((m) => m.id === 'active_days');
    close(metric?.estimate, reference.metrics.active_days.estimate);
    close(metric?.sd, reference.metrics.active_days.sd);
    closePair(metric?.ci, reference.metrics.active_days.t);
    expect(metric?.per).toBe(7);
  });

  it('reads the Sean Ellis share against its 40% bar', () => {
    const metric = built.stats.metrics.find((m) => m.id === 'very_disappointed');
    close(metric?.estimate, reference.metrics.very_disappointed.estimate);
    const [low = 0, high = 0] = reference.metrics.very_disappointed.wilson;
    expect(metric?.bar).toBe(0.4);
    expect(metric?.verdict).toBe(low > 0.4 ? 'above' : high < 0.4 ? 'below' : 'inconclusive');
  });

  it('computes the likert mean with its t interval', () => {
    const metric = built.stats.metrics.find((m) => m.id === 'sat_mean');
    close(metric?.estimate, reference.metrics.sat_mean.estimate);
    close(metric?.sd, reference.metrics.sat_mean.sd);
    closePair(metric?.ci, reference.metrics.sat_mean.t);
  });

  it('scores the experience index and takes its mean with a t interval', () => {
    const metric = built.stats.metrics.find((m) => m.id === 'experience_mean');
    close(metric?.estimate, reference.metrics.experience_mean.estimate);
    close(metric?.sd, reference.metrics.experience_mean.sd as number);
    closePair(metric?.ci, reference.metrics.experience_mean.t as number[]);
  });

  it('summarises the index scores in stats.json as pandas does', () => {
    const [index] = built.stats.indexes ?? [];
    expect(index).toMatchObject({ id: 'experience', items: ['quality', 'long_docs', 'accuracy', 'speed', 'price'], method: 'mean', range: [1, 5], n: reference.metrics.experience_mean.n, unscored: 154 - reference.metrics.experience_mean.n });
    close(index?.mean, reference.metrics.experience_mean.estimate);
    close(index?.sd, reference.metrics.experience_mean.sd as number);
  });

  it("gives the index's reliability as numpy, scipy's F and statsmodels' principal axes do", () => {
    const [got] = built.stats.reliability ?? [];
    const want = reference.reliability.experience;
    expect(got?.n).toBe(want.n);
    close(got?.alpha, want.alpha);
    close(got?.standardized, want.standardized);
    close(got?.averageR, want.averageR);
    closePair(got?.ci, want.feldt);
    got?.itemRest.forEach((r, i) => close(r, want.itemRest[i] as number));
    got?.alphaIfDeleted.forEach((a, i) => close(a, want.alphaIfDeleted[i] as number));
    expect(Math.abs((got?.omega ?? Number.NaN) - want.omega)).toBeLessThan(1e-8);
    // alpha 0.654 < 0.7, and without 价格与免费额度 it would be 0.666: the report says both.
    expect(got?.flags).toEqual(['low-alpha', 'item-lowers-alpha']);
  });

  it('finds what drives continued use as statsmodels OLS over every subset, numpy and scipy do', () => {
    const [got] = built.stats.drivers ?? [];
    const want = reference.drivers.intent;
    expect(got).toMatchObject({ id: 'intent', outcome: 'intent', model: 'linear', weighted: false, n: want.n });
    close(got?.r2, want.r2);
    got?.drivers.forEach((d, j) => {
      const w = want.drivers[j];
      expect(d.id).toBe(w?.id);
      close(d.lmg, w?.lmg as number);
      close(d.lmgShare, w?.lmgShare as number);
      close(d.johnson, w?.johnson as number);
      close(d.beta, w?.beta as number);
      close(d.mean, w?.mean as number);
      close(d.pearson?.r, w?.pearson as number);
      closePair(d.pearson?.ci, w?.pearsonCi as number[]);
      close(d.spearman?.r, w?.spearman as number);
      closePair(d.spearman?.ci, w?.spearmanCi as number[]);
    });
    // The profile links answer quality most strongly to continued use, then citations, then long documents.
    const ranked = [...(got?.drivers ?? [])].sort((a, b) => (b.lmg ?? 0) - (a.lmg ?? 0)).map((d) => d.id);
    expect(ranked.slice(0, 3)).toEqual(['quality', 'accuracy', 'long_docs']);
  });

  it('computes NPS with its trinomial interval', () => {
    const metric = built.stats.metrics.find((m) => m.id === 'nps');
    close(metric?.estimate, reference.metrics.nps.estimate);
    closePair(metric?.ci, reference.metrics.nps.ci);
    close(metric?.promoters, reference.metrics.nps.promoters / reference.metrics.nps.n);
    close(metric?.detractors, reference.metrics.nps.detractors / reference.metrics.nps.n);
  });

  it('computes single and multi distributions option by option', () => {
    for (const id of ['scenario_mix', 'industry_mix'] as const) {
      const metric = built.stats.metrics.find((m) => m.id === id);
      const expected = reference.metrics[id].groups as Record<string, { count: number; estimate: number; wilson: number[] }>;
      expect(metric?.groups?.map((g) => g.value).sort()).toEqual(Object.keys(expected).sort());
      for (const group of metric?.groups ?? []) {
        const want = expected[group.value];
        expect(group.count, group.value).toBe(want?.count);
        close(group.estimate, want?.estimate ?? Number.NaN);
        closePair(group.ci, want?.wilson ?? []);
      }
    }
  });

  it('computes every breakdown group, a multi-select respondent counting in each group chosen', () => {
    const expected = reference.breakdowns as Record<string, Record<string, Record<string, { estimate: number | null; n: number; ci: number[] | null }>>>;
    let checked = 0;
    for (const breakdown of built.stats.breakdowns) {
      for (const group of breakdown.groups) {
        const want = expected[breakdown.by]?.[breakdown.metric]?.[group.value];
        expect(want, `${breakdown.by}/${breakdown.metric}/${group.value}`).toBeDefined();
        expect(group.n).toBe(want?.n);
        if (want?.estimate === null || want?.ci === null || group.flags.includes('suppressed')) {
          expect(group.estimate).toBeNull();
          continue;
        }
        close(group.estimate, want?.estimate ?? Number.NaN);
        closePair(group.ci, want?.ci ?? []);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('tests each breakdown group against the rest (Holm-adjusted) and the groups overall, as scipy + statsmodels', () => {
    const expected = reference.breakdownTests as Record<string, Record<string, { groups: Record<string, { pValue: number; pAdjusted: number }>; overall: { statistic: number; df: number; pValue: number } | null }>>;
    let checked = 0;
    for (const [by, metrics] of Object.entries(expected)) {
      for (const [metric, want] of Object.entries(metrics)) {
        const breakdown = built.stats.breakdowns.find((b) => b.by === by && b.metric === metric);
        const tested = breakdown?.groups.filter((g) => g.pValue !== null) ?? [];
        expect(tested.map((g) => g.value).sort(), `${by}/${metric}`).toEqual(Object.keys(want.groups).sort());
        for (const group of tested) {
          close(group.pValue, want.groups[group.value]?.pValue ?? Number.NaN);
          close(group.pAdjusted, want.groups[group.value]?.pAdjusted ?? Number.NaN);
          checked++;
        }
        if (want.overall === null) expect(breakdown?.test).toBeNull();
        else {
          expect(breakdown?.test?.df).toBe(want.overall.df);
          close(breakdown?.test?.pValue, want.overall.pValue);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('audits every benchmark with the chi-square p-value and total variation distance', () => {
    const expected = reference.audit as Record<string, { chi2: number; df: number; pValue: number; tvd: number; n: number }>;
    expect(built.stats.audit.variables.map((v) => v.question)).toEqual(['industry', 'gender', 'age']);
    for (const variable of built.stats.audit.variables) {
      const want = expected[variable.question];
      expect(variable.n).toBe(want?.n);
      expect(variable.df).toBe(want?.df);
      close(variable.chiSquare, want?.chi2 ?? Number.NaN);
      // p-values as small as 1e-98 are compared relatively.
      expect(Math.abs((variable.pValue ?? 1) / (want?.pValue ?? 1) - 1)).toBeLessThan(1e-9);
      close(variable.tvd, want?.tvd ?? Number.NaN);
    }
  });

  it('flags the finance-heavy industry mix in plain Chinese', () => {
    const flag = built.stats.flags.find((f) => f.code === 'not-representative' && f.evidence['question'] === 'industry');
    expect(flag?.severity).toBe('critical');
    const share = (reference.audit.industry.sample as Record<string, number>)['金融'] ?? Number.NaN;
    const tvd = reference.audit.industry.tvd;
    expect(flag?.message).toBe(`样本中「金融」占 ${(share * 100).toFixed(1)}%，而基准为 6.0%：行业的构成与总体明显不同（总变差距离 ${tvd.toFixed(2)}），结论更多代表「金融」这部分人。`);
  });

  it('audits the sample: the skew, the small n, and every headline unweighted against weighted to the benchmarks', () => {
    const codes = built.stats.flags.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['not-representative', 'small-sample', 'depends-on-sample']));
    const headlines = built.stats.metrics.filter((m) => m.kind !== 'distribution').map((m) => m.id);
    expect(built.stats.audit.sensitivity.basis).toBe('benchmarks');
    expect(built.stats.audit.sensitivity.rows.map((r) => r.metric)).toEqual(headlines);
    for (const row of built.stats.audit.sensitivity.rows) {
      expect(row.weighted, row.metric).not.toBeNull();
      expect(row.dependsOnSample).toBe(Math.abs(row.shift ?? 0) > (row.halfWidth ?? Number.POSITIVE_INFINITY));
    }
    // ASMD of 金融 by hand: |p − 0.06| / √(0.06 · 0.94) with p the pandas sample share.
    const share = (reference.audit.industry.sample as Record<string, number>)['金融'] ?? Number.NaN;
    const finance = built.stats.audit.variables[0]?.differences.find((d) => d.option === '金融');
    close(finance?.asmd, Math.abs(share - 0.06) / Math.sqrt(0.06 * 0.94));
  });

  it('never writes a value of the PII column (来自IP) to any output', () => {
    const ips = readFileSync(new URL('../surveys/kimi-2024/responses.csv', import.meta.url))
      .toString('latin1')
      .match(/\d+\.\d+\.\d+\.\d+/g) ?? [];
    expect(ips.length).toBeGreaterThan(150);
    for (const [name, content] of built.files) {
      const text = typeof content === 'string' ? content : Buffer.from(fileBytes(content)).toString('latin1');
      for (const ip of ips) expect(text.includes(ip), `${name} holds ${ip}`).toBe(false);
    }
  });

  it('writes quarantine.csv with a row, the non-PII columns and all reasons', () => {
    const csv = Buffer.from(fileBytes(built.files.get('quarantine.csv') ?? '')).toString('utf8');
    const lines = csv.replace(/^\ufeff/, '').trim().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^row,序号,提交答卷时间,所用时间,来源,1、/);
    expect(lines[0]).not.toContain('来自IP');
    expect(lines[0]?.endsWith(',reason')).toBe(true);
    expect(lines.find((line) => line.startsWith('129,'))).toMatch(/speeder \[所用时间\].*; attention-check/);
  });
});

describe('analyzeSurvey with the codebook its caller loaded', () => {
  it('writes the same report from a codebook sent as JSON (as batch sends it to a child) without reading survey.yaml again', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'stickiness-loaded-'));
    try {
      const survey = fileURLToPath(new URL('../surveys/kimi-2024', import.meta.url));
      const read = await analyzeSurvey(survey, { outDir: path.join(out, 'read') });
      const sent = JSON.parse(JSON.stringify(await loadCodebook(survey))) as LoadedCodebook;
      // A folder that does not exist: only the codebook given can be used.
      const given = await analyzeSurvey(path.join(out, 'no-such-survey'), { outDir: path.join(out, 'given'), codebook: sent });
      const files = listFiles(read.reportDir);
      expect(files.length).toBeGreaterThan(50);
      expect(listFiles(given.reportDir)).toEqual(files);
      for (const file of files) expect(readFileSync(path.join(given.reportDir, file)).equals(readFileSync(path.join(read.reportDir, file))), file).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
