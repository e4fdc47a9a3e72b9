/**
 * The "What drives it" section of report.md: per key-driver analysis, the model's R² and n, and per driver
 * (largest LMG first) its part of R² by LMG and by Johnson's relative weights, as shares of R², its
 * standardised coefficient, and its Pearson and Spearman correlations with the outcome. Wording in both languages here.
 */
import type { Language } from '../audit/messages.ts';
import type { Correlation, DriverResult } from '../model/driver-result.ts';
import type { ChartSpec } from '../render/chart-specs.ts';
import { chartImage } from './chart-image.ts';
import { escapeMarkdown as esc } from './escape-markdown.ts';
import { fixed } from '../util/fixed.ts';
import { formatPercent } from './format-number.ts';

const TEXT = {
  zh: {
    heading: '驱动因素分析',
    summary: (model: string, r2: string, n: number, weighting: string) => `${model}，R² = ${r2}，n = ${n}（只计结果和全部因素都作答的受访者；${weighting}）。`,
    unweighted: '不加权',
    weighted: (neff: string) => `加权，有效样本量 ${neff}`,
    models: { linear: '线性回归', 'linear-probability': '线性概率模型（结果为 0/1）' },
    driver: '因素',
    lmg: 'LMG（占 R² 的比例）',
    johnson: 'Johnson 相对权重（占 R² 的比例）',
    beta: '标准化系数',
    pearson: 'Pearson r',
    spearman: 'Spearman ρ',
    correlations: (level: number) => `r 和 ρ 为各因素与结果的相关系数，括号内为 ${level}% 置信区间（Fisher z 变换）。`,
    none: {
      'too-few': (n: number, p: number) => `完整作答者只有 ${n} 位，不足以分析 ${p} 个因素（至少需要 ${p + 2} 位）。`,
      'no-variance': () => '结果或某个因素在完整作答者中没有变化，无法分析。',
      collinear: () => '这些因素共线（某个因素可由其他因素完全算出），无法分析：去掉重复的因素。',
    },
    skipped: '未计算区间：这么多次重抽样的计算量过大（见 docs/codebook.md「drivers」）；减少重抽样次数（bootstrap）或因素个数。',
    interval: (level: number, replicates: number, seed: number) => `括号内为 ${level}% 自助法百分位区间（${replicates} 次重抽样，种子 ${seed}），以 R² 的比例表示。`,
    outside: '† 估计值落在区间之外：重抽样结果偏向一侧，接近 0 的份额常如此（重抽样时偏高），应视为没有明显贡献。',
  },
  en: {
    heading: 'What drives it',
    summary: (model: string, r2: string, n: number, weighting: string) => `${model}, R² = ${r2}, n = ${n} (respondents with the outcome and every driver; ${weighting}).`,
    unweighted: 'unweighted',
    weighted: (neff: string) => `weighted, effective n ${neff}`,
    models: { linear: 'Linear regression', 'linear-probability': 'Linear probability model (a 0/1 outcome)' },
    driver: 'Driver',
    lmg: 'LMG (share of R²)',
    johnson: "Johnson's relative weight (share of R²)",
    beta: 'Standardised coefficient',
    pearson: 'Pearson r',
    spearman: 'Spearman ρ',
    correlations: (level: number) => `r and ρ: each driver's correlation with the outcome, with its ${level}% interval (Fisher's z) in brackets.`,
    none: {
      'too-few': (n: number, p: number) => `Only ${n} complete answers: too few for ${p} drivers (at least ${p + 2} are needed).`,
      'no-variance': () => 'The outcome or a driver does not vary among the complete answers: no analysis.',
      collinear: () => 'The drivers are collinear (one is fully given by the others): no analysis; leave out the redundant driver.',
    },
    skipped: 'No intervals: that many resamples would take too long here (docs/codebook.md, "drivers"); ask for fewer (`bootstrap`) or fewer drivers.',
    interval: (level: number, replicates: number, seed: number) => `In brackets: ${level}% bootstrap percentile intervals (${replicates} resamples, seed ${seed}), as shares of R².`,
    outside: '† The estimate lies outside its interval: its resamples lean to one side, as those of a share near zero do (they come out higher), so read it as no clear contribution.',
  },
};

/** `level`: the codebook's confidence level, which the correlations' intervals use; `charts`: the report's, whose driver charts are placed here. */
export function driversMarkdown(results: readonly DriverResult[], language: Language, level: number, charts: readonly ChartSpec[] = []): string[] {
  if (results.length === 0) return [];
  const t = TEXT[language];
  const lines = [`## ${t.heading}`, ''];
  const percent = formatPercent;
  // A percentile interval need not hold its estimate: a share near 0 is biased upward in the resamples.
  const outside = (x: number | null, ci: [number, number] | null): boolean => x !== null && ci !== null && (x < ci[0] || x > ci[1]);
  const share = (x: number | null, ci: [number, number] | null): string =>
    x === null ? '—' : `${percent(x)}${ci === null ? '' : ` (${percent(ci[0])} – ${percent(ci[1])})`}${outside(x, ci) ? ' †' : ''}`;
  const correlation = (c: Correlation | null): string => (c === null ? '—' : `${fixed(c.r, 2)}${c.ci === null ? '' : ` (${fixed(c.ci[0], 2)} – ${fixed(c.ci[1], 2)})`}`);
  for (const r of results) {
    lines.push(`### ${esc(r.label)}`, '');
    if (r.r2 === null) {
      lines.push(t.none[r.noModel ?? 'no-variance'](r.n, r.drivers.length), '');
      continue;
    }
    const r2 = r.r2;
    lines.push(t.summary(t.models[r.model], fixed(r2, 3), r.n, r.weighted ? t.weighted(fixed(r.effectiveN, 1)) : t.unweighted), '');
    const chart = (name: string): string[] => {
      const found = charts.find((c) => c.name === name);
      return found === undefined ? [] : [chartImage(found), ''];
    };
    lines.push(...chart(`drivers-${r.id}`));
    lines.push(`| ${t.driver} | ${t.lmg} | ${t.johnson} | ${t.beta} | ${t.pearson} | ${t.spearman} |`, '|---|---:|---:|---:|---:|---:|');
    const ranked = [...r.drivers].sort((a, b) => (b.lmg ?? 0) - (a.lmg ?? 0) || (a.id < b.id ? -1 : 1));
    for (const d of ranked) {
      lines.push(`| ${esc(d.label)} | ${share(d.lmgShare, d.lmgShareCi)} | ${share(d.johnsonShare, d.johnsonShareCi)} | ${d.beta === null ? '—' : fixed(d.beta, 3)} | ${correlation(d.pearson)} | ${correlation(d.spearman)} |`);
    }
    lines.push('');
    if (r.bootstrap !== null) lines.push(t.interval(Math.round(r.bootstrap.level * 100), r.bootstrap.replicates, r.bootstrap.seed), '');
    if (r.bootstrapSkipped) lines.push(t.skipped, '');
    if (r.drivers.some((d) => outside(d.lmgShare, d.lmgShareCi) || outside(d.johnsonShare, d.johnsonShareCi))) lines.push(t.outside, '');
    lines.push(t.correlations(Math.round(level * 100)), '');
    lines.push(...chart(`quadrant-${r.id}`));
  }
  return lines;
}
