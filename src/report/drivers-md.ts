/**
 * The "What drives it" section of report.md: per key-driver analysis, the model's R² and n, and per driver
 * (largest LMG first) its part of R² by LMG and by Johnson's relative weights, as shares of R², and its
 * standardised coefficient. Wording in both languages here.
 */
import type { Language } from '../audit/messages.ts';
import type { DriverResult } from '../model/driver-result.ts';
import { escapeMarkdown as esc } from './escape-markdown.ts';

const TEXT = {
  zh: {
    heading: '驱动因素分析',
    summary: (model: string, r2: string, n: number) => `${model}，R² = ${r2}，n = ${n}（只计结果和全部因素都作答的受访者，不加权）。`,
    models: { linear: '线性回归', 'linear-probability': '线性概率模型（结果为 0/1）' },
    driver: '因素',
    lmg: 'LMG（占 R² 的比例）',
    johnson: 'Johnson 相对权重（占 R² 的比例）',
    beta: '标准化系数',
    none: '完整作答者不足，或某个变量没有变化，无法分析。',
    interval: (level: number, replicates: number, seed: number) => `括号内为 ${level}% 自助法百分位区间（${replicates} 次重抽样，种子 ${seed}），以 R² 的比例表示。`,
  },
  en: {
    heading: 'What drives it',
    summary: (model: string, r2: string, n: number) => `${model}, R² = ${r2}, n = ${n} (respondents with the outcome and every driver, unweighted).`,
    models: { linear: 'Linear regression', 'linear-probability': 'Linear probability model (a 0/1 outcome)' },
    driver: 'Driver',
    lmg: 'LMG (share of R²)',
    johnson: "Johnson's relative weight (share of R²)",
    beta: 'Standardised coefficient',
    none: 'Too few complete answers, or a variable that does not vary: no analysis.',
    interval: (level: number, replicates: number, seed: number) => `In brackets: ${level}% bootstrap percentile intervals (${replicates} resamples, seed ${seed}), as shares of R².`,
  },
};

export function driversMarkdown(results: readonly DriverResult[], language: Language): string[] {
  if (results.length === 0) return [];
  const t = TEXT[language];
  const lines = [`## ${t.heading}`, ''];
  const percent = (part: number, r2: number): string => `${((100 * part) / r2).toFixed(1)}%`;
  const share = (part: number | null, ci: [number, number] | null, r2: number): string =>
    part === null || !(r2 > 0) ? '—' : `${percent(part, r2)}${ci === null ? '' : ` (${percent(ci[0], r2)} – ${percent(ci[1], r2)})`}`;
  for (const r of results) {
    lines.push(`### ${esc(r.label)}`, '');
    if (r.r2 === null) {
      lines.push(t.none, '');
      continue;
    }
    const r2 = r.r2;
    lines.push(t.summary(t.models[r.model], r2.toFixed(3), r.n), '');
    lines.push(`| ${t.driver} | ${t.lmg} | ${t.johnson} | ${t.beta} |`, '|---|---:|---:|---:|');
    const ranked = [...r.drivers].sort((a, b) => (b.lmg ?? 0) - (a.lmg ?? 0) || (a.id < b.id ? -1 : 1));
    for (const d of ranked) lines.push(`| ${esc(d.label)} | ${share(d.lmg, d.lmgCi, r2)} | ${share(d.johnson, d.johnsonCi, r2)} | ${d.beta === null ? '—' : d.beta.toFixed(3)} |`);
    lines.push('');
    if (r.bootstrap !== null) lines.push(t.interval(Math.round(r.bootstrap.level * 100), r.bootstrap.replicates, r.bootstrap.seed), '');
  }
  return lines;
}
