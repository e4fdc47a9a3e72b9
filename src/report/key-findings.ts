/**
 * Key findings: what the survey found and how far to trust it, in three to six sentences an analyst would
 * write, each figure with its interval and n, in the order a reader needs them: retention, satisfaction,
 * the most chosen usage, the strongest group difference the tests found (or that none was found), the top
 * driver, and the one caveat that matters most. Pure: results in, plain sentences out (the report escapes
 * them), the same sentences for the same results.
 */
import type { Language } from '../audit/messages.ts';
import type { Codebook } from '../codebook/schema.ts';
import { outcomeName, questionName } from '../codebook/question-label.ts';
import type { Flag } from '../model/flag.ts';
import type { BreakdownResult } from '../model/breakdown-result.ts';
import type { GroupResult, MetricResult } from '../model/metric-result.ts';
import type { Stats } from '../model/stats.ts';
import { leaders, PERCENT, valueFormatOf, withInterval, type ValueFormat } from '../render/chart-summary.ts';
import { kindOf } from '../stats/kinds/index.ts';
import { spaced, spacedLeft, spacedRight } from './cjk-spacing.ts';
import { figureText } from './figure-text.ts';
import { joined } from './joined.ts';
import { formatP, formatPercent } from './format-number.ts';
import { fixed } from '../util/fixed.ts';
import { reportText } from './report-text.ts';
import { oneLine } from '../util/one-line.ts';

/** A sentence of the findings; the caveat carries its flag's severity. */
export interface KeyFinding {
  text: string;
  severity?: Flag['severity'];
}

const SEVERITY_RANK = { critical: 0, warn: 1, info: 2 } as const;

/** Flags most severe first, in their own order within a severity. */
export function bySeverity(flags: readonly Flag[]): Flag[] {
  return [...flags].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/** The audit's most severe flag (the first of its severity). */
export function topFlag(flags: readonly Flag[]): Flag | undefined {
  return bySeverity(flags)[0];
}

/** How many headline figures a section's sentence gives at most. */
const PER_SECTION = 2;

const WORDS = {
  zh: {
    end: '。',
    sep: '，',
    // No space after a closing full-width bracket or quote.
    pair: (label: string, value: string) => `${label}${/[）」』】》”]$/.test(label) ? '' : ' '}${value}`,
    section: (section: string, figures: string) => `${section}：${figures}`,
    headlines: '主要指标',
    n: (n: number) => `n = ${n}`,
    effective: (n: number, effective: number) => `n = ${n}，有效 n ${effective}`,
    small: '样本较少',
    mostChosen: (question: string, options: string, value: string, each: boolean) => `${question}：选择最多的是${options}，${each ? '各 ' : ''}${value}`,
    quoted: (option: string) => `「${option}」`,
    differs: (group: string, metric: string, by: string, value: string, overall: string, p: string, adjust: string | undefined, more: number) =>
      `按${spaced(by)}分组，「${group}」的${spaced(metric)}与其余受访者差异显著：${value}，总体 ${overall}（${adjust === undefined ? p : `经 ${adjust} 校正，${p}`}）${more > 0 ? `；另有 ${more} 处分组差异显著` : ''}`,
    noDifference: (tested: string, p: string) => `分组之间均无显著差异：${tested}${p === '' ? '' : `；校正后最小 ${p}`}`,
    testedBy: (by: string, metrics: string) => `按${spaced(by)}分组的${spacedLeft(metrics)}`,
    testedSep: '；',
    overallOnly: (by: string, metric: string, test: string) => `按${spaced(by)}分组，${spacedRight(metric)}在各组之间总体上有差异（${test}），但没有哪一组在校正后与其余受访者差异显著`,
    untested: (by: string) => `按${spaced(by)}分组的各组样本过少，未作检验`,
    topDriver: (driver: string, outcome: string, share: string) => `对“${outcome}”影响最大的是${spacedLeft(driver)}：占 R² 的 ${share}`,
    model: (r2: string, n: number) => `R² = ${r2}，n = ${n}`,
    noDriver: (outcome: string, r2: string, n: number, driver: string, r: string) => `驱动因素分析未发现明确影响“${outcome}”的因素：R² = ${r2}（n = ${n}），占比最大的${spaced(driver)}与它的相关系数 ${r}的区间包含 0`,
    severity: { critical: '严重', warn: '警告', info: '提示' },
    caveat: (severity: string, text: string) => `最需要注意（${severity}）：${text}`,
    mix: (category: string, question: string, sample: string, population: string) => `样本中「${category}」（${question}）占 ${sample}，而总体中为 ${population}`,
    moved: (count: number, basis: 'benchmarks' | 'weighting') => `；${basis === 'benchmarks' ? '按基准加权后' : '按问卷的权重加权后'}，有 ${count} 个指标的变化超过其误差范围`,
    corrected: (weighted: string) => `；加权后为 ${weighted}，加权结果不偏向这部分人`,
    noBenchmarks: '问卷没有给出总体基准（benchmarks）：样本与总体相差多远无从检验，结论只代表作答的人',
    noFlags: (questions: string) => `代表性审计没有发现问题：样本的${questions}构成与基准相符`,
    trustHeading: '可信度',
    findingsHeading: '主要发现',
  },
  en: {
    end: '.',
    sep: '; ',
    pair: (label: string, value: string) => `${label} ${value}`,
    section: (section: string, figures: string) => `${section}: ${figures}`,
    headlines: 'Headline figures',
    n: (n: number) => `n = ${n}`,
    effective: (n: number, effective: number) => `n = ${n}, effective n ${effective}`,
    small: 'a small group',
    mostChosen: (question: string, options: string, value: string, each: boolean) => `${question}: most chosen ${options}, ${value}${each ? ' each' : ''}`,
    quoted: (option: string) => `“${option}”`,
    differs: (group: string, metric: string, by: string, value: string, overall: string, p: string, adjust: string | undefined, more: number) =>
      `By ${by}, “${group}” differs from the rest on ${metric}: ${value} against ${overall} overall (${adjust === undefined ? p : `${adjust}-adjusted ${p}`})${more > 0 ? `; ${more} more significant group ${more === 1 ? 'difference' : 'differences'}` : ''}`,
    noDifference: (tested: string, p: string) => `No significant difference between groups: ${tested}${p === '' ? '' : `; the smallest adjusted ${p}`}`,
    testedBy: (by: string, metrics: string) => `by ${by} in ${metrics}`,
    testedSep: '; ',
    overallOnly: (by: string, metric: string, test: string) => `By ${by}, ${metric} differs between the groups overall (${test}), but no single group differs from the rest after adjustment`,
    untested: (by: string) => `The groups by ${by} are too small to test`,
    topDriver: (driver: string, outcome: string, share: string) => `${driver} matters most to “${outcome}”: its share of R² is ${share}`,
    model: (r2: string, n: number) => `R² = ${r2}, n = ${n}`,
    noDriver: (outcome: string, r2: string, n: number, driver: string, r: string) => `No driver clearly matters to “${outcome}”: R² = ${r2} (n = ${n}), and the correlation of ${driver} with it, ${r}, could be zero`,
    severity: { critical: 'critical', warn: 'warning', info: 'note' },
    caveat: (severity: string, text: string) => `The main caveat (${severity}): ${text}`,
    mix: (category: string, question: string, sample: string, population: string) => `“${category}” (${question}) is ${sample} of the sample against ${population} of the population`,
    moved: (count: number, basis: 'benchmarks' | 'weighting') => `, and ${count} ${count === 1 ? 'headline moves' : 'headlines move'} by more than ${count === 1 ? 'its' : 'their'} margin of error ${basis === 'benchmarks' ? 'when weighted to the benchmarks' : "with the survey's weights"}`,
    corrected: (weighted: string) => `; weighted, it is ${weighted}, so the weighted results do not lean toward it`,
    noBenchmarks: 'The codebook gives no population benchmarks: how far the sample is from its population cannot be checked, and the results speak for those who answered',
    noFlags: (questions: string) => `The audit raised no flag: the sample's ${questions} mix matches the benchmarks`,
    trustHeading: 'How far to trust this',
    findingsHeading: 'Key findings',
  },
} as const;

export function findingsWords(language: Language) {
  return WORDS[language];
}

/** The findings of one survey's results. */
export function keyFindings(codebook: Codebook, stats: Stats): KeyFinding[] {
  const language = codebook.language;
  const w = WORDS[language];
  const sections = reportText(language).sections;
  const sentences: string[] = [];
  const headlines = stats.metrics.filter((m) => kindOf(m.kind).headline && m.estimate !== null);
  const figures = (metrics: readonly MetricResult[]): string => metrics.map((m) => w.pair(m.label, figure(language, m))).join(w.sep);
  const retention = headlines.filter((m) => m.section === 'retention').slice(0, PER_SECTION);
  if (retention.length > 0) sentences.push(w.section(sections.retention, figures(retention)));
  const satisfaction = satisfactionFigures(headlines.filter((m) => m.section === 'satisfaction'));
  if (satisfaction.length > 0) sentences.push(w.section(sections.satisfaction, figures(satisfaction)));
  // A codebook without either section: its first headline figures, whatever their section.
  if (retention.length === 0 && satisfaction.length === 0 && headlines.length > 0) sentences.push(w.section(w.headlines, figures(headlines.slice(0, PER_SECTION))));
  const usage = usageSentence(language, stats.metrics);
  if (usage !== undefined) sentences.push(usage);
  const difference = differenceSentence(codebook, stats);
  if (difference !== undefined) sentences.push(difference);
  const driver = driverSentence(codebook, stats);
  if (driver !== undefined) sentences.push(driver);
  // A label may hold line breaks: a finding is one line wherever it is shown (a list item, a slide's bullet).
  const caveat = caveatOf(codebook, stats);
  return [...sentences.map((text) => ({ text: oneLine(`${text}${w.end}`) })), { ...caveat, text: oneLine(caveat.text) }];
}

/** Satisfaction's figures: its first share (top-box) and its first NPS, else its first figures. */
function satisfactionFigures(metrics: readonly MetricResult[]): MetricResult[] {
  const share = metrics.find((m) => kindOf(m.kind).scale === 'share');
  const nps = metrics.find((m) => m.kind === 'nps');
  const picked = [share, nps].filter((m): m is MetricResult => m !== undefined);
  // Filled up in the codebook's order, and given in it.
  const chosen = [...picked, ...metrics.filter((m) => !picked.includes(m))].slice(0, PER_SECTION);
  return metrics.filter((m) => chosen.includes(m));
}

/** `89.0% (83.0–93.0%, n = 154)`; weighted: `(…, n = 200, effective n 169)`. */
function figure(language: Language, m: MetricResult): string {
  const format: ValueFormat = valueFormatOf(kindOf(m.kind));
  return figureText(language, m.estimate ?? 0, m.ci, sampleSize(language, m.n, m.weighted ? (m.nInterval ?? m.nEffective) : undefined), format);
}

/** `n = 154`, or with weighting `n = 200, effective n 169` (the n of a simple random sample as precise). */
function sampleSize(language: Language, n: number, effective: number | undefined): string {
  const w = WORDS[language];
  return effective === undefined ? w.n(n) : w.effective(n, Math.round(effective));
}


/** The usage section's first distribution: its most chosen option(s), with interval and n. */
function usageSentence(language: Language, metrics: readonly MetricResult[]): string | undefined {
  const w = WORDS[language];
  const distribution = metrics.find((m) => m.section === 'usage' && !kindOf(m.kind).headline && m.kind !== 'quantiles' && (m.groups ?? []).some((g) => g.estimate !== null));
  if (distribution === undefined) return undefined;
  const groups = (distribution.groups ?? []).filter((g): g is GroupResult & { estimate: number } => g.estimate !== null);
  const tops = leaders(groups, (g) => g.estimate);
  const top = tops[0];
  if (top === undefined || top.estimate === 0) return undefined;
  const n = sampleSize(language, distribution.n, distribution.weighted ? top.nInterval : undefined);
  return w.mostChosen(distribution.label, joined(language, tops.map((g) => w.quoted(g.value))), figureText(language, top.estimate, top.ci, n, PERCENT), tops.length > 1);
}

/** Whether a breakdown is two groups of a single-choice question: each against the rest is one comparison, not adjusted as two. */
function onePair(codebook: Codebook, breakdown: BreakdownResult): boolean {
  return codebook.questions.find((q) => q.id === breakdown.by)?.type !== 'multi' && breakdown.groups.filter((g) => g.n > 0).length === 2;
}

/**
 * The strongest group difference the tests found: among groups marked significant (not small ones first), the
 * smallest adjusted p, then the largest gap from the overall figure. Where no group differs from the rest but
 * the test over all groups finds a difference, that. Where nothing is found, "no significant difference", each
 * question with the metrics broken down by it, and the smallest adjusted p, so the reader sees how near it came.
 */
function differenceSentence(codebook: Codebook, stats: Stats): string | undefined {
  if (stats.breakdowns.length === 0) return undefined;
  const language = codebook.language;
  const w = WORDS[language];
  const label = (id: string): string => stats.metrics.find((m) => m.id === id)?.label ?? id;
  const candidates = stats.breakdowns.flatMap((b) => {
    const metric = stats.metrics.find((m) => m.id === b.metric);
    if (metric === undefined) return [];
    return b.groups.flatMap((g) =>
      g.significant === true && g.estimate !== null && !g.flags.includes('suppressed') && g.pAdjusted !== null && g.pAdjusted !== undefined
        ? [{ b, metric, group: g, estimate: g.estimate, p: g.pAdjusted, small: g.flags.includes('small-cell'), gap: Math.abs(g.estimate - (metric.estimate ?? g.estimate)) }]
        : [],
    );
  });
  const best = [...candidates].sort((a, b) => Number(a.small) - Number(b.small) || a.p - b.p || b.gap - a.gap)[0];
  if (best !== undefined) {
    const { b, metric, group } = best;
    const format = valueFormatOf(kindOf(metric.kind));
    const n = sampleSize(language, group.n, metric.weighted ? group.nInterval : undefined);
    const value = figureText(language, best.estimate, group.ci, best.small ? `${n}${language === 'zh' ? '，' : ', '}${w.small}` : n, format);
    const overall = metric.estimate === null ? '—' : format.percent ? formatPercent(metric.estimate) : format.format(metric.estimate);
    // The two groups of a pair are one comparison: counted once, and its p is not adjusted.
    const pairs = stats.breakdowns.filter((x) => onePair(codebook, x) && candidates.filter((c) => c.b === x).length === 2).length;
    const adjust = onePair(codebook, b) ? undefined : b.adjust === 'holm' ? 'Holm' : 'Benjamini-Hochberg';
    return w.differs(group.value, metric.label, questionName(codebook, b.by), value, overall, formatP(best.p), adjust, candidates.length - pairs - 1);
  }
  // No group against the rest, but the groups differ overall: said, with the test.
  const alpha = 1 - stats.confidence;
  const overall = stats.breakdowns.filter((b) => b.test !== null && b.test.pValue < alpha).sort((a, b) => (a.test?.pValue ?? 1) - (b.test?.pValue ?? 1))[0];
  if (overall?.test !== undefined && overall.test !== null) {
    const t = reportText(language);
    return w.overallOnly(questionName(codebook, overall.by), label(overall.metric), `${t.testName[overall.test.method]} ${formatP(overall.test.pValue)}`);
  }
  const tested = stats.breakdowns.filter((b) => b.groups.some((g) => g.pAdjusted !== null && g.pAdjusted !== undefined));
  if (tested.length === 0) return w.untested(joined(language, [...new Set(stats.breakdowns.map((b) => questionName(codebook, b.by)))]));
  const smallest = Math.min(...tested.flatMap((b) => b.groups.flatMap((g) => (g.pAdjusted === null || g.pAdjusted === undefined ? [] : [g.pAdjusted]))));
  // Each question with the metrics broken down by it, in the codebook's order.
  const byQuestion = [...new Set(tested.map((b) => b.by))].map((by) => w.testedBy(questionName(codebook, by), joined(language, tested.filter((b) => b.by === by).map((b) => label(b.metric)))));
  return w.noDifference(byQuestion.join(w.testedSep), Number.isFinite(smallest) ? formatP(smallest) : '');
}

/**
 * The first driver analysis with a model: its driver with the largest share of R², when that driver's
 * correlation with the outcome is clear of zero; otherwise that no driver clearly matters (a share of a
 * near-zero R² is no finding).
 */
function driverSentence(codebook: Codebook, stats: Stats): string | undefined {
  const language = codebook.language;
  const w = WORDS[language];
  const analysis = (stats.drivers ?? []).find((a) => a.r2 !== null && a.drivers.some((d) => d.lmgShare !== null));
  if (analysis === undefined || analysis.r2 === null) return undefined;
  const lead = [...analysis.drivers].filter((d) => d.lmgShare !== null).sort((a, b) => (b.lmgShare ?? 0) - (a.lmgShare ?? 0))[0];
  if (lead === undefined || lead.lmgShare === null) return undefined;
  const r2 = fixed(analysis.r2, analysis.r2 < 0.01 ? 3 : 2);
  const outcome = outcomeName(codebook, analysis.outcome);
  const ci = lead.pearson?.ci ?? null;
  if (lead.pearson !== null && ci !== null && ci[0] <= 0 && ci[1] >= 0) {
    const r = withInterval(language, { label: '', estimate: lead.pearson.r, low: ci[0], high: ci[1] }, { percent: false, format: (v) => fixed(v, 2) });
    return w.noDriver(outcome, r2, analysis.n, lead.label, `r = ${r}`);
  }
  return w.topDriver(lead.label, outcome, figureText(language, lead.lmgShare, lead.lmgShareCi, w.model(r2, analysis.n), PERCENT));
}

/**
 * The one caveat that matters most: the first of the trust notes in words (a sample mix far from its
 * population said in its numbers, with how many headlines move when reweighted, or that the weights bring it
 * back); without any, that the sample matches its benchmarks.
 */
function caveatOf(codebook: Codebook, stats: Stats): KeyFinding {
  const language = codebook.language;
  const w = WORDS[language];
  const flag = trustNotes(codebook, stats)[0];
  if (flag === undefined) return { text: `${w.noFlags(joined(language, stats.audit.variables.map((v) => questionName(codebook, v.question))))}${w.end}`, severity: 'info' };
  const severity = w.severity[flag.severity];
  if (flag.code !== 'not-representative') return { text: w.caveat(severity, flag.message), severity: flag.severity };
  const { category, question, sample, population, weighted } = flag.evidence;
  const percent = (share: unknown): string => (typeof share === 'number' ? formatPercent(share) : '—');
  const moved = stats.flags.find((f) => f.code === 'depends-on-sample');
  const basis = stats.audit.sensitivity.basis === 'benchmarks' ? 'benchmarks' : 'weighting';
  const after = weighted !== undefined ? w.corrected(percent(weighted)) : moved === undefined ? '' : w.moved(Object.keys(moved.evidence).length, basis);
  const text = `${w.mix(String(category), questionName(codebook, String(question)), percent(sample), percent(population))}${after}${w.end}`;
  return { text: w.caveat(severity, text), severity: flag.severity };
}

/**
 * What the report says under "How far to trust this": the audit's flags, most severe first, and without
 * benchmarks a warning that the sample could not be checked against its population (first among warnings).
 */
export function trustNotes(codebook: Codebook, stats: Stats): Flag[] {
  const unchecked: Flag[] = stats.audit.variables.length === 0 ? [{ code: 'no-benchmarks', severity: 'warn', message: `${WORDS[codebook.language].noBenchmarks}${WORDS[codebook.language].end}`, evidence: {} }] : [];
  return bySeverity([...unchecked, ...stats.flags]);
}
