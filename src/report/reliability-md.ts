/**
 * The "Scale reliability" section of report.md: per index, Cronbach's alpha with its interval, standardised
 * alpha, McDonald's omega, the respondents it rests on, each item's item–rest correlation and alpha if deleted, and in plain
 * words what a low alpha or an item that lowers it means. Wording in both languages here.
 */
import type { Language } from '../audit/messages.ts';
import type { ReliabilityResult } from '../model/reliability-result.ts';
import { escapeMarkdown as esc } from './escape-markdown.ts';
import { fixed } from '../util/fixed.ts';

const TEXT = {
  zh: {
    heading: '量表信度',
    intro: '按指数的各题目计算（只计全部题目都作答的受访者，不加权）。',
    summary: (alpha: string, ci: string, level: number, std: string, omega: string, n: number) => `Cronbach's α = ${alpha}（${level}% 置信区间 ${ci}，Feldt 法）；标准化 α = ${std}；McDonald's ω = ${omega}（单因子）；n = ${n}。`,
    item: '题目',
    itemRest: '题总相关（除去本题）',
    ifDeleted: '删除本题后的 α',
    low: (alpha: string) => `α = ${alpha} 低于 0.7：这些题目测的未必是同一件事，由它们算出的指数需谨慎使用。`,
    lowers: (items: string) => `删除 ${items} 后 α 会升高：该题与其余题目不一致（检查是否需要反向计分，或是否测的是另一件事）。`,
    none: { 'too-few': '全部题目都作答的受访者不足两位，无法计算信度。', 'no-variance': '这些题目的总分在受访者之间没有变化（例如某题与另一题反向计分后正好抵消），无法计算信度。' },
  },
  en: {
    heading: 'Scale reliability',
    intro: "From each index's items (respondents who answered every item, unweighted).",
    summary: (alpha: string, ci: string, level: number, std: string, omega: string, n: number) => `Cronbach's α = ${alpha} (${level}% interval ${ci}, Feldt); standardised α = ${std}; McDonald's ω = ${omega} (one factor); n = ${n}.`,
    item: 'Item',
    itemRest: 'Item–rest correlation',
    ifDeleted: 'α if deleted',
    low: (alpha: string) => `α = ${alpha} is under 0.7: the items may not measure one thing, so read the index built from them with care.`,
    lowers: (items: string) => `Deleting ${items} would raise α: it does not go with the other items (check whether it should be reverse-scored, or measures something else).`,
    none: {
      'too-few': 'Fewer than two respondents answered every item: no reliability to tell.',
      'no-variance': "The items' total does not vary between respondents (an item and its reverse-scored copy cancel out, say): no reliability to tell.",
    },
  },
};

export function reliabilityMarkdown(results: readonly ReliabilityResult[], language: Language, labelOf: (question: string) => string): string[] {
  if (results.length === 0) return [];
  const t = TEXT[language];
  const lines = [`## ${t.heading}`, '', t.intro, ''];
  const f = (x: number | null): string => (x === null ? '—' : fixed(x, 3));
  for (const r of results) {
    lines.push(`### ${esc(r.label)}`, '');
    if (r.alpha === null) {
      lines.push(t.none[r.noAlpha ?? 'too-few'], '');
      continue;
    }
    const ci = r.ci === null ? '—' : `[${f(r.ci[0])}, ${f(r.ci[1])}]`;
    lines.push(t.summary(f(r.alpha), ci, Math.round(r.level * 100), f(r.standardized), f(r.omega), r.n), '');
    lines.push(`| ${t.item} | ${t.itemRest} | ${t.ifDeleted} |`, '|---|---:|---:|');
    r.items.forEach((item, i) => lines.push(`| ${esc(labelOf(item))} | ${f(r.itemRest[i] ?? null)} | ${f(r.alphaIfDeleted[i] ?? null)} |`));
    lines.push('');
    if (r.flags.includes('low-alpha')) lines.push(`> ${t.low(f(r.alpha))}`, '');
    if (r.flags.includes('item-lowers-alpha')) {
      const raising = r.items.filter((_, i) => (r.alphaIfDeleted[i] ?? -Infinity) > (r.alpha ?? Infinity)).map((item) => esc(labelOf(item)));
      lines.push(`> ${t.lowers(raising.join(language === 'zh' ? '、' : ', '))}`, '');
    }
  }
  return lines;
}
