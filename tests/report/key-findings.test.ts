/**
 * Key findings and "How far to trust this" (issue 23): the sentences at the top of report.md, report.html and
 * the deck's title slide, in both languages, with every figure from an independent source:
 * - the sample survey (no group differs): pandas/scipy/statsmodels values of tests/reference/kimi_2024_reference.py
 *   (Wilson intervals by proportion_confint(method='wilson'), the NPS by its trinomial formula, Holm-adjusted
 *   group p-values, LMG shares and R² of the driver model);
 * - a weighted survey where one group differs: R's survey package (tests/reference/findings_weighted_reference.R:
 *   svyciprop(method = "beta"), svychisq(statistic = "F") per group with p.adjust(method = "holm"));
 * - a series with a significant change: statsmodels' confint_proportions_2indep(method='newcomb').
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import reference from '../reference/kimi-2024-reference.json' with { type: 'json' };
import weightedReference from '../reference/findings-weighted-reference.json' with { type: 'json' };
import { analyzeSurvey, buildReport } from '../../src/analyze-survey.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestBytes } from '../../src/ingest/ingest-text.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';
import { bySeverity, keyFindings, topFlag, trustNotes } from '../../src/report/key-findings.ts';
import { seriesFindings } from '../../src/report/series-findings.ts';
import type { SeriesMetric } from '../../src/model/series.ts';
import { reportMarkdown } from '../../src/report/report-md.ts';
import { methodOf } from '../../src/report/method-lines.ts';
import { readZip } from '../read-zip.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-findings-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A share as the findings give it: one decimal, as the report's tables do. */
const pct = (x: number): string => (x * 100).toFixed(1);
const metrics = reference.metrics;
const wilson = (m: { estimate: number; wilson: number[] }): string => `${pct(m.estimate)}%（${pct(m.wilson[0] ?? 0)}–${pct(m.wilson[1] ?? 0)}%`;
const wilsonEn = (m: { estimate: number; wilson: number[] }): string => `${pct(m.estimate)}% (${pct(m.wilson[0] ?? 0)}–${pct(m.wilson[1] ?? 0)}%`;

/** The smallest Holm-adjusted group p-value of the sample's breakdowns (the reference's weekly-use and satisfaction tests). */
type GroupTests = Record<string, Record<string, { groups: Record<string, { pAdjusted: number }> }>>;
const smallestP = Math.min(
  ...Object.values(reference.breakdownTests as GroupTests).flatMap((byMetric) => Object.values(byMetric).flatMap((test) => Object.values(test.groups).map((g) => g.pAdjusted))),
);
const intent = reference.drivers.intent;
const quality = intent.drivers.find((d) => d.id === 'quality');
const industry = reference.audit.industry;

describe('key findings of the sample survey', async () => {
  const zh = await analyzeSurvey(path.join(ROOT, 'surveys/kimi-2024'), { outDir: path.join(work, 'zh') });
  const en = await (async () => {
    const folder = path.join(work, 'en-survey');
    cpSync(path.join(ROOT, 'surveys/kimi-2024'), folder, { recursive: true });
    const yaml = path.join(folder, 'survey.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^language: zh$/m, 'language: en'));
    return analyzeSurvey(folder, { outDir: path.join(work, 'en') });
  })();
  const findingsZh = keyFindings(zh.codebook.codebook, zh.stats).map((f) => f.text);
  const findingsEn = keyFindings(en.codebook.codebook, en.stats).map((f) => f.text);

  it('states retention and satisfaction with their intervals and n, as statsmodels and the NPS formula give them', () => {
    expect(findingsZh[0]).toBe(`留存与粘性：每周至少使用一次 ${wilson(metrics.weekly_active)}，n = 154），每天使用 ${wilson(metrics.daily_active)}，n = 154）。`);
    const nps = metrics.nps;
    expect(findingsZh[1]).toBe(`满意度：满意（满意+非常满意）${wilson(metrics.csat)}，n = 154），净推荐值 NPS ${nps.estimate.toFixed(1)}（${nps.ci[0]?.toFixed(1)}–${nps.ci[1]?.toFixed(1)}，n = 154）。`);
    expect(findingsEn[0]).toBe(`Retention and stickiness: 每周至少使用一次 ${wilsonEn(metrics.weekly_active)}, n = 154); 每天使用 ${wilsonEn(metrics.daily_active)}, n = 154).`);
    expect(findingsEn[1]).toBe(`Satisfaction: 满意（满意+非常满意） ${wilsonEn(metrics.csat)}, n = 154); 净推荐值 NPS ${nps.estimate.toFixed(1)} (${nps.ci[0]?.toFixed(1)}–${nps.ci[1]?.toFixed(1)}, n = 154).`);
  });

  it('names the most chosen usage scenarios, both when tied', () => {
    const office = metrics.scenario_mix.groups['办公写作'];
    expect(metrics.scenario_mix.groups['学习科研'].count).toBe(office.count);
    expect(findingsZh[2]).toBe(`使用场景分布：选择最多的是「办公写作」、「学习科研」，各 ${wilson(office)}，n = 154）。`);
    expect(findingsEn[2]).toBe(`使用场景分布: most chosen “办公写作” and “学习科研”, ${wilsonEn(office)}, n = 154) each.`);
  });

  it('says no group differs, with the smallest adjusted p, where the tests found none', () => {
    expect(smallestP).toBeCloseTo(0.2469397233, 8);
    expect(zh.stats.breakdowns.flatMap((b) => b.groups).some((g) => g.significant === true)).toBe(false);
    // Each question with the metrics broken down by it (NPS only by industry).
    expect(findingsZh[3]).toBe(`分组之间均无显著差异：按使用场景分组的每周至少使用一次、满意（满意+非常满意）；按行业分组的每周至少使用一次、满意（满意+非常满意）、净推荐值 NPS；校正后最小 p = ${smallestP.toFixed(3)}。`);
    expect(findingsEn[3]).toBe(`No significant difference between groups: by 使用场景 in 每周至少使用一次 and 满意（满意+非常满意）; by 行业 in 每周至少使用一次, 满意（满意+非常满意） and 净推荐值 NPS; the smallest adjusted p = ${smallestP.toFixed(3)}.`);
    for (const text of [...findingsZh, ...findingsEn]) expect(text).not.toMatch(/差异显著|differs from the rest/);
  });

  it('names the top driver with its share of R² (relaimpo-style LMG by the reference) and the model', () => {
    const analysis = zh.stats.drivers?.[0];
    const ci = analysis?.drivers.find((d) => d.id === 'quality')?.lmgShareCi ?? [0, 0];
    expect(findingsZh[4]).toBe(`对“继续使用意愿”影响最大的是回答质量：占 R² 的 ${pct(quality?.lmgShare ?? 0)}%（${pct(ci[0])}–${pct(ci[1])}%，R² = ${intent.r2.toFixed(2)}，n = ${intent.n}）。`);
    expect(findingsEn[4]).toBe(`回答质量 matters most to “继续使用意愿”: its share of R² is ${pct(quality?.lmgShare ?? 0)}% (${pct(ci[0])}–${pct(ci[1])}%, R² = ${intent.r2.toFixed(2)}, n = ${intent.n}).`);
  });

  it('ends with the main caveat: the audit top flag in numbers, with how many headlines move when reweighted', () => {
    const finance = industry.sample['金融'];
    expect(finance).toBeCloseTo(63 / 154, 12);
    const moved = zh.stats.flags.find((f) => f.code === 'depends-on-sample');
    const count = Object.keys(moved?.evidence ?? {}).length;
    expect(count).toBe(5);
    expect(findingsZh[5]).toBe(`最需要注意（严重）：样本中「金融」（行业）占 ${pct(finance)}%，而总体中为 ${pct(industry.population['金融'])}%；按基准加权后，有 ${count} 个指标的变化超过其误差范围。`);
    expect(findingsEn[5]).toBe(`The main caveat (critical): “金融” (行业) is ${pct(finance)}% of the sample against ${pct(industry.population['金融'])}% of the population, and ${count} headlines move by more than their margin of error when weighted to the benchmarks.`);
    expect(findingsZh).toHaveLength(6);
  });

  it('opens report.md with the findings, then every flag under one heading, most severe first, each with its word and sign', () => {
    const md = String(zh.files.get('report.md'));
    const findingsAt = md.indexOf('## 主要发现');
    const trustAt = md.indexOf('## 可信度');
    const firstSection = md.indexOf('## 留存与粘性');
    expect(findingsAt).toBeGreaterThan(0);
    expect(findingsAt).toBeLessThan(trustAt);
    expect(trustAt).toBeLessThan(firstSection);
    // No call-out before the findings.
    expect(md.slice(0, findingsAt)).not.toContain('> ');
    const quotes = md.slice(trustAt, firstSection).split('\n').filter((line) => line.startsWith('> '));
    expect(quotes).toHaveLength(zh.stats.flags.length);
    const signs = quotes.map((line) => /^> \*\*(\S+) (\S+)\*\*：/.exec(line)?.slice(1, 3).join(' '));
    expect(signs).toEqual(bySeverity(zh.stats.flags).map((f) => ({ critical: '✖ 严重', warn: '⚠ 警告', info: 'ℹ 提示' })[f.severity]));
    expect(md.indexOf('## 主要发现')).toBe(md.lastIndexOf('## 主要发现'));
  });

  it('styles each flag in report.html by its severity: a class, a word and a sign', () => {
    const html = String(zh.files.get('report.html'));
    const classes = [...html.matchAll(/<blockquote class="flag flag-(\w+)">\s*<p><strong>([^<]+)<\/strong>/g)].map((m) => [m[1], m[2]]);
    expect(classes).toEqual(bySeverity(zh.stats.flags).map((f) => [f.severity, { critical: '✖ 严重', warn: '⚠ 警告', info: 'ℹ 提示' }[f.severity]]));
    for (const severity of ['critical', 'warn', 'info']) expect(html).toMatch(new RegExp(`blockquote\\.flag-${severity} \\{ border-left: \\d+px (solid|double|dashed)`));
    // The findings come first in the page too, as a list.
    expect(html.indexOf('<h2>主要发现</h2>')).toBeLessThan(html.indexOf('<h2>可信度</h2>'));
    expect(html).toContain(`<li>${findingsZh[0] ?? ''}</li>`);
  });

  it('is deterministic: the same results give the same sentences', () => {
    expect(keyFindings(zh.codebook.codebook, zh.stats)).toEqual(keyFindings(zh.codebook.codebook, JSON.parse(JSON.stringify(zh.stats)) as typeof zh.stats));
  });
});

describe('key findings of a weighted survey (R survey package)', async () => {
  const bytes = readFileSync(new URL('../reference/weighting-data.csv', import.meta.url));
  const yaml = readFileSync(new URL('../fixtures/weighting/survey.yaml', import.meta.url), 'utf8')
    .replace('{ id: active, kind: proportion, question: active, success: ["1"] }', '{ id: active, kind: proportion, question: active, success: ["1"], section: retention, label: Active last week }')
    .replace('{ id: sat_mean, kind: mean, question: sat }', '{ id: sat_mean, kind: mean, question: sat, section: satisfaction }')
    .replace('{ id: nps, kind: nps, question: nps }', '{ id: nps, kind: nps, question: nps, section: satisfaction }');
  const build = async (text: string) => {
    const parsed = parseCodebook(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return { codebook: parsed.value, built: await buildReport(parsed.value, ingestBytes(parsed.value, bytes, surveyFold(parsed.value), { file: 'weighting-data.csv' }), 'weighting-data.csv') };
  };
  const en = await build(yaml);
  const zh = await build(yaml.replace('language: en', 'language: zh'));
  const active = weightedReference.active;
  const finance = weightedReference.by_industry.finance;

  it('gives the weighted share with its svyciprop interval, n and the effective n that interval used', () => {
    const [retention] = keyFindings(en.codebook, en.built.stats).map((f) => f.text);
    expect(retention).toBe(`Retention and stickiness: Active last week ${pct(active.estimate)}% (${pct(active.ci[0] ?? 0)}–${pct(active.ci[1] ?? 0)}%, n = ${active.n}, effective n ${Math.round(active.n_eff)}).`);
    const [retentionZh] = keyFindings(zh.codebook, zh.built.stats).map((f) => f.text);
    expect(retentionZh).toBe(`留存与粘性：Active last week ${pct(active.estimate)}%（${pct(active.ci[0] ?? 0)}–${pct(active.ci[1] ?? 0)}%，n = ${active.n}，有效 n ${Math.round(active.n_eff)}）。`);
  });

  it('states the group that differs most surely, with its Holm-adjusted Rao-Scott p', () => {
    // finance is the only group below 0.05 after Holm's adjustment (tech and other are not).
    const significant = Object.entries(weightedReference.by_industry).filter(([, g]) => g.p_adjusted < 0.05).map(([k]) => k);
    expect(significant).toEqual(['finance']);
    expect(finance.p_adjusted).toBeLessThan(0.001);
    const sentence = keyFindings(en.codebook, en.built.stats).map((f) => f.text).find((t) => t.startsWith('By '));
    expect(sentence).toBe(`By industry, “finance” differs from the rest on Active last week: ${pct(finance.estimate)}% (${pct(finance.ci[0] ?? 0)}–${pct(finance.ci[1] ?? 0)}%, n = ${finance.n}, effective n ${Math.round(finance.n_eff)}) against ${pct(active.estimate)}% overall (Holm-adjusted p < 0.001).`);
    const sentenceZh = keyFindings(zh.codebook, zh.built.stats).map((f) => f.text).find((t) => t.startsWith('按'));
    // A Latin label between Chinese characters gets a space on each side.
    expect(sentenceZh).toBe(`按 industry 分组，「finance」的 Active last week 与其余受访者差异显著：${pct(finance.estimate)}%（${pct(finance.ci[0] ?? 0)}–${pct(finance.ci[1] ?? 0)}%，n = ${finance.n}，有效 n ${Math.round(finance.n_eff)}），总体 ${pct(active.estimate)}%（经 Holm 校正，p < 0.001）。`);
  });

  it('counts the two groups of a single-choice question as one comparison, not two', () => {
    // The results as given, with the gender breakdown's two groups both marked as differing (one test, the same p).
    const stats = structuredClone(en.built.stats);
    const gender = stats.breakdowns.find((b) => b.by === 'gender' && b.metric === 'active');
    if (gender === undefined) throw new Error('no gender breakdown');
    for (const g of gender.groups) Object.assign(g, { pValue: 0.01, pAdjusted: 0.01, significant: true });
    const sentence = keyFindings(en.codebook, stats).map((f) => f.text).find((t) => t.startsWith('By '));
    // finance (p < 0.001) is the strongest; the gender pair adds one more difference, not two.
    expect(sentence).toMatch(/^By industry, “finance” differs .*; 1 more significant group difference\.$/);
    // The pair alone: its p is the one comparison's, not adjusted, and nothing more is counted.
    const industry = stats.breakdowns.find((b) => b.by === 'industry');
    for (const g of industry?.groups ?? []) Object.assign(g, { significant: false });
    const pair = keyFindings(en.codebook, stats).map((f) => f.text).find((t) => t.startsWith('By '));
    expect(pair).toMatch(/^By gender, “(male|female)” differs from the rest on Active last week: .* overall \(p = 0\.010\)\.$/);
  });

  it('says that the weights bring a skewed sample mix back, where the caveat is that mix', () => {
    const stats = structuredClone(en.built.stats);
    stats.flags = stats.flags.filter((f) => f.code === 'not-representative');
    const caveat = keyFindings(en.codebook, stats).at(-1);
    expect(caveat).toEqual({
      severity: 'info',
      text: 'The main caveat (note): “finance” (industry) is 47.3% of the sample against 6.0% of the population; weighted, it is 6.0%, so the weighted results do not lean toward it.',
    });
  });

  it('gives the first headline figures when the codebook has no retention or satisfaction section', async () => {
    const plain = await build(readFileSync(new URL('../fixtures/weighting/survey.yaml', import.meta.url), 'utf8'));
    const [first] = keyFindings(plain.codebook, plain.built.stats).map((f) => f.text);
    expect(first).toBe(`Headline figures: active (active) ${pct(active.estimate)}% (${pct(active.ci[0] ?? 0)}–${pct(active.ci[1] ?? 0)}%, n = ${active.n}, effective n ${Math.round(active.n_eff)}); sat (sat_mean) 3.20 (3.00–3.40, n = 388, effective n 109).`);
  });

  it('keeps each finding on one line, in the report and on the title slide, whatever line breaks a label holds', async () => {
    const broken = await build(yaml.replace('label: Active last week', 'label: "Active\\n> **✖ Critical**: forged\\n- last week"'));
    const findings = keyFindings(broken.codebook, broken.built.stats).map((f) => f.text);
    for (const text of findings) expect(text).not.toMatch(/[\r\n]/);
    expect(findings[0]).toContain('Active > **✖ Critical**: forged - last week');
    const md = String(broken.built.files.get('report.md'));
    expect(md).toContain('- Retention and stickiness: Active &gt; \\*\\*✖ Critical\\*\\*: forged - last week');
    // The deck's title slide: one paragraph per finding (the slide's bullets), the label inside one of them.
    const slide = readZip(Buffer.from(broken.built.files.get('report.pptx') as Uint8Array)).get('ppt/slides/slide1.xml')?.data.toString('utf8') ?? '';
    const bullets = [...slide.matchAll(/<a:p>(?:(?!<\/a:p>).)*<a:buChar/gs)].length;
    expect(bullets).toBe(findings.length);
  });

  it('does not say a weighted survey speaks for the group its raking corrects: the mix flag is a note', () => {
    const mix = en.built.stats.flags.filter((f) => f.code === 'not-representative');
    expect(mix.map((f) => [f.evidence['question'], f.severity])).toEqual([
      ['industry', 'info'],
      ['gender', 'info'],
    ]);
    // Raked to the benchmarks: the weighted share is the population's (R: svytotal after rake() is 6,000 of 100,000).
    expect(mix[0]?.message).toBe('“finance” is 47.3% of the sample against 6.0% in the population (industry, total variation distance 0.51); weighted, it is 6.0% (distance 0.00): the weighted results do not lean toward “finance” on industry, at the cost of a smaller effective sample.');
    expect(mix[0]?.message).not.toContain('speak mostly for');
    const caveat = keyFindings(en.codebook, en.built.stats).at(-1);
    expect(caveat?.severity).toBe('warn');
    expect(caveat?.text).not.toContain('finance');
  });
});

describe('trust notes and the caveat', () => {
  const flag = (code: string, severity: 'info' | 'warn' | 'critical') => ({ code, severity, message: `${code}.`, evidence: {} });

  it('takes the most severe flag as the top one, the first of its severity', () => {
    expect(topFlag([flag('a', 'info'), flag('b', 'warn'), flag('c', 'warn')])?.code).toBe('b');
    expect(bySeverity([flag('a', 'info'), flag('b', 'critical'), flag('c', 'warn'), flag('d', 'critical')]).map((f) => f.code)).toEqual(['b', 'd', 'c', 'a']);
  });

  it('warns, first among warnings, when there are no benchmarks to check the sample against', async () => {
    const survey = path.join(work, 'no-benchmarks');
    cpSync(path.join(ROOT, 'surveys/kimi-2024'), survey, { recursive: true });
    const yaml = path.join(survey, 'survey.yaml');
    const text = readFileSync(yaml, 'utf8');
    // The benchmarks block runs from its key to the next top-level key.
    writeFileSync(yaml, text.replace(/^benchmarks:\n(?:[ -].*\n)+/m, '').replace(/^language: zh$/m, 'language: en'));
    const result = await analyzeSurvey(survey, { outDir: path.join(work, 'no-benchmarks-out') });
    expect(result.stats.audit.variables).toHaveLength(0);
    const notes = trustNotes(result.codebook.codebook, result.stats);
    expect(notes[0]?.code).toBe('no-benchmarks');
    const caveat = keyFindings(result.codebook.codebook, result.stats).at(-1);
    expect(caveat?.text).toBe('The main caveat (warning): The codebook gives no population benchmarks: how far the sample is from its population cannot be checked, and the results speak for those who answered.');
  });
});

describe('key findings of a series', () => {
  // The sample's two waves: weekly use 137/154 then 191/200, daily use 80/154 then 125/200, satisfied 120/154 then 170/200.
  // Intervals: statsmodels proportion_confint(method='wilson'); changes: confint_proportions_2indep(c2, n2, c1, n1,
  // method='newcomb', compare='diff'): weekly (0.009783070095473939, 0.12832978467390757); satisfied
  // (−0.010074094845243783, 0.15445037147610688), computed with statsmodels 0.13.5.
  const wave = (survey: string, start: string, count: number, n: number, ci: [number, number]) => ({ survey, title: survey, start, estimate: count / n, ci, n });
  const weekly: SeriesMetric = {
    metric: 'weekly_active',
    label: 'Weekly active',
    kind: 'proportion',
    points: [wave('march', '2024-03-15', 137, 154, [0.8303292745615479, 0.929927256875598]), wave('june', '2024-06-14', 191, 200, [0.9167032959981803, 0.976147456998507])],
    changes: [{ from: 'march', to: 'june', difference: 191 / 200 - 137 / 154, ci: [0.009783070095473939, 0.12832978467390757], method: 'newcombe', significant: true }],
  };
  const satisfied: SeriesMetric = {
    metric: 'csat',
    label: 'Satisfied',
    kind: 'top-box',
    points: [wave('march', '2024-03-15', 120, 154, [0.7073630486416989, 0.8374874655549225]), wave('june', '2024-06-14', 170, 200, [0.7939442071583334, 0.89286406437758])],
    changes: [{ from: 'march', to: 'june', difference: 170 / 200 - 120 / 154, ci: [-0.010074094845243783, 0.15445037147610688], method: 'newcombe', significant: false }],
  };
  const names = new Map([
    ['march', '2024-03-15'],
    ['june', '2024-06-14'],
  ]);

  it('states a significant change with both waves and the change in points, and what did not change', () => {
    expect(seriesFindings([weekly, satisfied], 'en', 0.95, names)).toEqual([
      'Weekly active rose from 89.0% (83.0–93.0%, n = 154) in wave 2024-03-15 to 95.5% (91.7–97.6%, n = 200) in wave 2024-06-14: +6.5 points (+1.0 to +12.8), a significant change.',
      'No significant change between 2024-03-15 and 2024-06-14 in Satisfied.',
      'Each change is judged by its own 95% interval, not adjusted for the 2 metrics compared: one significant change among many may be chance.',
    ]);
    expect(seriesFindings([weekly, satisfied], 'zh', 0.95, names)).toEqual([
      'Weekly active：从 2024-03-15 的 89.0%（83.0–93.0%，n = 154）升至 2024-06-14 的 95.5%（91.7–97.6%，n = 200），变化 +6.5 个百分点（+1.0 至 +12.8），显著。',
      '2024-03-15 与 2024-06-14 之间，Satisfied 无显著变化。',
      '每个变化按其自身的 95% 置信区间判断，未按比较的 2 个指标校正：其中偶有一个显著可能出于偶然。',
    ]);
  });

  it('never calls a change significant that its interval does not show', () => {
    const sentences = seriesFindings([satisfied], 'en', 0.95, names);
    expect(sentences).toEqual(['No significant change between 2024-03-15 and 2024-06-14 in Satisfied.']);
  });
});

describe('findings the tests must not overstate', async () => {
  /** A survey from a CSV text: the report's files and results. */
  const survey = async (codebookYaml: string, csv: string) => {
    const parsed = parseCodebook(codebookYaml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return { codebook: parsed.value, built: await buildReport(parsed.value, ingestBytes(parsed.value, Buffer.from(csv), surveyFold(parsed.value), { file: 'data.csv' }), 'data.csv') };
  };

  it('says the groups differ overall when the test over all groups finds it but no single group does', async () => {
    // GSS 1978 (carData::GSSvocab): vocabulary score 0-4 of 10 ("low") by age group, as counts of low / not low.
    // scipy.stats.chi2_contingency(table, correction=False): chi2 = 12.846, df = 4, p = 0.012053168758514905;
    // each group against the rest by chi2_contingency of its 2x2 table, statsmodels multipletests(method='holm'):
    // smallest adjusted p = 0.12957 (30-39), so no single group differs.
    const table: [string, number, number][] = [['18-29', 112, 295], ['30-39', 65, 269], ['40-49', 50, 167], ['50-59', 44, 184], ['60+', 96, 243]];
    const rows = table.flatMap(([age, low, high]) => [...Array<string>(low).fill(`${age},3`), ...Array<string>(high).fill(`${age},7`)]);
    const yaml = [
      'id: gss-1978',
      'title: GSS 1978 vocabulary by age',
      'language: en',
      'source: { file: data.csv, format: generic }',
      'questions:',
      '  - { id: agegrp, column: age, label: Age group, type: single, options: ["18-29", "30-39", "40-49", "50-59", "60+"] }',
      '  - { id: vocab, column: vocab, label: Vocabulary score, type: rating, min: 0, max: 10 }',
      'metrics:',
      '  - { id: low_vocab, section: retention, label: Low vocabulary, kind: proportion, question: vocab, success: ["0", "1", "2", "3", "4"] }',
      'breakdowns:',
      '  - { by: agegrp, metrics: [low_vocab] }',
    ].join('\n');
    const { codebook, built } = await survey(yaml, `age,vocab\n${rows.join('\n')}\n`);
    const breakdown = built.stats.breakdowns[0];
    expect(breakdown?.test?.pValue).toBeCloseTo(0.012053168758514905, 10);
    expect(Math.min(...(breakdown?.groups ?? []).map((g) => g.pAdjusted ?? 1))).toBeCloseTo(0.12957077, 6);
    const sentence = keyFindings(codebook, built.stats).map((f) => f.text).find((t) => t.startsWith('By '));
    expect(sentence).toBe('By Age group, Low vocabulary differs between the groups overall (Chi-square p = 0.012), but no single group differs from the rest after adjustment.');
    const zh = await survey(yaml.replace('language: en', 'language: zh'), `age,vocab\n${rows.join('\n')}\n`);
    expect(keyFindings(zh.codebook, zh.built.stats).map((f) => f.text).find((t) => t.startsWith('按'))).toBe('按 Age group 分组，Low vocabulary 在各组之间总体上有差异（卡方 p = 0.012），但没有哪一组在校正后与其余受访者差异显著。');
  });

  it('names no top driver when the model explains nothing', async () => {
    // 80 answers made by formula: x1 = (7i mod 5) + 1, x2 = ((3i + 1) mod 5) + 1, y = ((11i + 2) mod 7) + 1.
    // numpy.linalg.lstsq of y on (1, x1, x2): R² = 0.003957645332074877; np.corrcoef(x2, y) = 0.06207098392270643
    // with the Fisher-z interval tanh(atanh(r) ± 1.959963984540054 / sqrt(77)) = (−0.15982562, 0.27799655).
    const rows = Array.from({ length: 80 }, (_, i) => `${i + 1},${((7 * i) % 5) + 1},${((3 * i + 1) % 5) + 1},${((11 * i + 2) % 7) + 1}`);
    const yaml = [
      'id: no-driver',
      'title: No driver',
      'language: en',
      'source: { file: data.csv, format: generic }',
      'questions:',
      '  - { id: x1, column: x1, label: Speed, type: rating, min: 1, max: 5 }',
      '  - { id: x2, column: x2, label: Price, type: rating, min: 1, max: 5 }',
      '  - { id: y, column: y, label: Intent, type: rating, min: 1, max: 7 }',
      'drivers:',
      '  - { id: intent, outcome: y, drivers: [x1, x2] }',
    ].join('\n');
    const { codebook, built } = await survey(yaml, `id,x1,x2,y\n${rows.join('\n')}\n`);
    expect(built.stats.drivers?.[0]?.r2).toBeCloseTo(0.003957645332074877, 10);
    const sentence = keyFindings(codebook, built.stats).map((f) => f.text).find((t) => t.includes('driver'));
    expect(sentence).toBe('No driver clearly matters to “Intent”: R² = 0.004 (n = 80), and the correlation of Price with it, r = 0.06 (−0.16 to 0.28), could be zero.');
    const zh = await survey(yaml.replace('language: en', 'language: zh'), `id,x1,x2,y\n${rows.join('\n')}\n`);
    expect(keyFindings(zh.codebook, zh.built.stats).map((f) => f.text).find((t) => t.startsWith('驱动'))).toBe('驱动因素分析未发现明确影响“Intent”的因素：R² = 0.004（n = 80），占比最大的 Price 与它的相关系数 r = 0.06（−0.16 至 0.28）的区间包含 0。');
  });

  it('says under "How far to trust this" that the sample matches its benchmarks when the audit raises no flag', async () => {
    const bytes = readFileSync(new URL('../reference/weighting-data.csv', import.meta.url));
    const parsed = parseCodebook(readFileSync(new URL('../fixtures/weighting/survey.yaml', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error('codebook');
    const built = await buildReport(parsed.value, ingestBytes(parsed.value, bytes, surveyFold(parsed.value), { file: 'weighting-data.csv' }), 'weighting-data.csv');
    const stats = { ...built.stats, flags: [] };
    const md = reportMarkdown(parsed.value, stats, built.validation, [], methodOf(parsed.value, stats, built.validation.byRule));
    const trust = md.slice(md.indexOf('## How far to trust this'), md.indexOf('\n## ', md.indexOf('## How far to trust this') + 3));
    expect(trust).toBe('## How far to trust this\n\nThe audit raised no flag: the sample\'s industry and gender mix matches the benchmarks.\n');
  });
});
