/**
 * How the numbers were made, one line each, so a reader can reproduce or challenge them: the rows used,
 * the intervals (quantiles' too), the weighting and design, the tests, what was suppressed, the driver models,
 * the tool. Pure: the codebook and stats.json in, sentences in the survey's language out (the report's Method
 * section, the deck's methods slide and its speaker notes).
 */
import { questionLabel } from '../codebook/question-label.ts';
import type { Codebook } from '../codebook/schema.ts';
import type { Stats } from '../model/stats.ts';
import type { WeightingDiagnostics } from '../model/weighting-diagnostics.ts';
import { packageVersion } from '../package-info.ts';
import { text as chartWords } from '../render/i18n.ts';
import { reportText } from './report-text.ts';
import { fixed } from '../util/fixed.ts';

const CI_NAMES = { wilson: 'Wilson', 'clopper-pearson': 'Clopper-Pearson', 'agresti-coull': 'Agresti-Coull' } as const;

const TEXT = {
  zh: {
    sep: '；',
    rows: (accepted: number, read: number, quarantined: number, filtered: number, rules: string) =>
      `样本：读取 ${read} 行，接受 ${accepted} 行，隔离 ${quarantined} 行${rules === '' ? '' : `（${rules}）`}${filtered > 0 ? `，按筛选条件排除 ${filtered} 行` : ''}。`,
    intervals: (level: number, ci: string, weighted: boolean) =>
      `区间：${level}% 置信区间；比例用 ${ci} 区间${weighted ? '（按加权估计的有效样本量）' : ''}；均值用 ${weighted ? '线性化方差的正态区间（同 R survey）' : 't 区间'}；NPS 用三项分布方差的正态区间${weighted ? '（线性化方差）' : ''}。`,
    unweighted: '加权：未加权，每位受访者权重相同。',
    designBased: (facts: string) => `抽样设计：${facts}；按设计估计，方差为泰勒线性化。`,
    weighted: (method: string, by: string, neff: number, trimmed: boolean) =>
      `加权：${method}${by === '' ? '' : `（${by}）`}，有效样本量 ${fixed(neff, 0)}${trimmed ? '，权重已截尾' : ''}；区间考虑了权重（泰勒线性化）。`,
    methods: { rake: 'rake', poststratify: '事后分层' },
    weightColumn: (column: string) => `权重列 ${column}`,
    tests: (adjust: string, alpha: number, designBased: boolean) =>
      `检验：每组与其余受访者比较（${designBased ? '比例用 Rao-Scott F，均值与 NPS 用线性化方差下的 t 检验' : '比例用卡方检验，均值用 Welch t 检验，NPS 用 z 检验'}），p 值按组数校正（${adjust}），校正后 p < ${alpha} 记为显著。`,
    suppression: (suppress: string, small: string) => `小样本：少于 ${suppress} 人的组不显示估计值；少于 ${small} 人的组标记为样本偏少。`,
    drivers: (replicates: string) => `驱动因素：线性回归 R² 的 LMG 分解与 Johnson 相对权重，区间为 ${replicates}。`,
    bootstrap: (replicates: number, seed: number) => `${replicates} 次自助法重抽样（种子 ${seed}）的百分位区间`,
    noBootstrap: '无（未做自助法）',
    quantiles: (note: string) => `分位数：${note}`,
    tool: (version: string) => `工具：stickiness ${version}；每个数字都在 stats.json 中，读取与隔离的行在 validation.json 与 quarantine.csv 中。`,
  },
  en: {
    sep: '; ',
    rows: (accepted: number, read: number, quarantined: number, filtered: number, rules: string) =>
      `Sample: ${accepted} of ${read} rows read were accepted, ${quarantined} quarantined${rules === '' ? '' : ` (${rules})`}${filtered > 0 ? `, ${filtered} left out by the filter` : ''}.`,
    intervals: (level: number, ci: string, weighted: boolean) =>
      `Intervals: ${level}% confidence; shares by ${ci}${weighted ? ' at the effective n of each weighted estimate' : ''}; means by ${weighted ? 'the normal interval of the linearised variance (as R survey)' : "Student's t"}; NPS by the normal interval of its trinomial variance${weighted ? ' (linearised)' : ''}.`,
    unweighted: 'Weighting: none; every respondent counts once.',
    designBased: (facts: string) => `Sampling design: ${facts}; design-based estimates, Taylor-linearised variances.`,
    weighted: (method: string, by: string, neff: number, trimmed: boolean) =>
      `Weighting: ${method}${by === '' ? '' : ` on ${by}`}, effective n ${fixed(neff, 0)}${trimmed ? ', weights trimmed' : ''}; intervals account for the weights (Taylor linearisation).`,
    methods: { rake: 'raked', poststratify: 'post-stratified' },
    weightColumn: (column: string) => `the weights in column ${column}`,
    tests: (adjust: string, alpha: number, designBased: boolean) =>
      `Tests: each group against the other respondents (${designBased ? 'shares by Rao-Scott F, means and NPS by t on the linearised variance' : "shares by chi-square, means by Welch's t, NPS by z"}), p-values adjusted for the number of groups (${adjust}); adjusted p < ${alpha} counts as a difference.`,
    suppression: (suppress: string, small: string) => `Small groups: under ${suppress} respondents no estimate is shown; under ${small} a group is marked as small.`,
    drivers: (replicates: string) => `Key drivers: LMG shares of a linear regression's R² and Johnson's relative weights; intervals are ${replicates}.`,
    bootstrap: (replicates: number, seed: number) => `percentile intervals of ${replicates} bootstrap resamples (seed ${seed})`,
    noBootstrap: 'none (no bootstrap)',
    quantiles: (note: string) => `Quantiles: ${note}`,
    tool: (version: string) => `Tool: stickiness ${version}; every number is in stats.json, the rows read and quarantined in validation.json and quarantine.csv.`,
  },
} as const;

/** The distinct values of a list, in first-seen order, as one text. */
function distinct(values: readonly (string | number)[], sep: string): string {
  return [...new Set(values.map(String))].join(sep);
}

/** The method in parts: the rows used, the intervals, the weighting, the group tests, the small-group rules, the driver models, the tool. */
export interface Method {
  rows: string;
  intervals: string;
  weighting: string;
  /** With quantiles metrics: how their intervals are made. */
  quantiles?: string;
  tests?: string;
  smallGroups?: string;
  drivers: string[];
  tool: string;
}

/** Every line of a method, in order. */
export function methodLines(method: Method): string[] {
  return [method.rows, method.intervals, ...(method.quantiles === undefined ? [] : [method.quantiles]), method.weighting, ...(method.tests === undefined ? [] : [method.tests]), ...(method.smallGroups === undefined ? [] : [method.smallGroups]), ...method.drivers, method.tool];
}

export function methodOf(codebook: Codebook, stats: Stats, quarantinedByRule: Readonly<Record<string, number>>): Method {
  const t = TEXT[codebook.language];
  const { input } = stats;
  const names = chartWords(codebook.language).ruleNames;
  const rules = Object.entries(quarantinedByRule)
    .map(([rule, count]) => `${names[rule] ?? rule} ${count}`)
    .join(codebook.language === 'zh' ? '，' : ', ');
  const weighting = 'nEffective' in stats.weighting ? (stats.weighting as WeightingDiagnostics) : undefined;
  const by = weighting?.by.map((id) => questionLabel(codebook, id)).join(codebook.language === 'zh' ? '、' : ', ') ?? '';
  const grouped = codebook.breakdowns.length > 0;
  const adjust = distinct(
    codebook.breakdowns.map((b) => (b.adjust === 'holm' ? 'Holm' : 'Benjamini-Hochberg')),
    t.sep,
  );
  const drivers = (stats.drivers ?? []).map(({ bootstrap }) => t.drivers(bootstrap === null ? t.noBootstrap : t.bootstrap(bootstrap.replicates, bootstrap.seed)));
  const quantiles = stats.metrics.some((m) => m.kind === 'quantiles');
  return {
    ...(quantiles ? { quantiles: t.quantiles(reportText(codebook.language).quantileNote) } : {}),
    ...(grouped
      ? {
          tests: t.tests(adjust, Math.round((1 - stats.confidence) * 1000) / 1000, stats.breakdowns.some((b) => b.tests === 'design-based')),
          smallGroups: t.suppression(distinct(codebook.breakdowns.map((b) => b.suppressBelow), '/'), distinct(codebook.breakdowns.map((b) => b.smallCell), '/')),
        }
      : {}),
    drivers: [...new Set(drivers)],
    tool: t.tool(packageVersion()),
    rows: t.rows(input.accepted, input.rowsRead, input.quarantined, input.filtered, rules),
    intervals: t.intervals(Math.round(stats.confidence * 100), CI_NAMES[codebook.ciMethod], weighting !== undefined || stats.design !== undefined),
    weighting: [
      ...(stats.design === undefined ? [] : [t.designBased(reportText(codebook.language).designFacts(stats.design))]),
      ...(weighting !== undefined ? [t.weighted(weighting.method === 'column' ? t.weightColumn(codebook.weighting.column ?? '') : t.methods[weighting.method], by, weighting.nEffective, codebook.weighting.trim !== undefined)] : stats.design === undefined ? [t.unweighted] : []),
    ].join(' '),
  };
}
