/**
 * A chart in words, two ways: its alt text (one sentence saying what it draws and every value it shows, for
 * screen readers and for pasting beside an image) and its headline (the finding a slide states: "Weekly use:
 * 89% (83–93%)"). Pure: the chart's data in, sentences out, in the survey's language.
 */
import type { Language } from '../audit/messages.ts';
import type { Scale } from '../stats/kinds/metric-kind.ts';
import { fixed } from '../util/fixed.ts';

export interface ChartWords {
  alt: string;
  headline: string;
}

/** A value with its interval, by `format`: `89.0% (83.1–93.2%)` (a share's `%` once, after the interval). */
export interface Valued {
  label: string;
  estimate: number;
  low: number;
  high: number;
}

/** How values read: shares as percentages (with `decimals`), other values by their own format. */
export type ValueFormat = { percent: true } | { percent: false; format: (value: number) => string };

export const PERCENT: ValueFormat = { percent: true };

/** How a metric kind's values read in words: shares as percentages, other values by the kind's own format. */
export function valueFormatOf(kind: { scale: Scale; format: (value: number) => string }): ValueFormat {
  return kind.scale === 'share' ? PERCENT : { percent: false, format: kind.format };
}

/** At most this many values are listed in an alt text; the rest are counted. */
const MAX_LISTED = 12;

const WORDS = {
  zh: {
    list: '，',
    more: (n: number) => `，另有 ${n} 项`,
    open: '（',
    to: ' 至 ',
    close: '）',
    sentence: (kind: string, title: string, values: string) => `${kind}“${title}”：${values}。`,
    bars: '条形图',
    curve: '折线图',
    histogram: '直方图',
    likert: '堆积条形图',
    dots: '点图',
    map: '散点图',
    dumbbell: '哑铃图',
    noValues: '没有可画的数值',
    mostChosen: (label: string, value: string) => `选择最多：${label}，${value}`,
    mostCommon: (label: string, value: string) => `最常见的回答：${label}，${value}`,
    curveHeadline: (first: string, last: string) => `${first} → ${last}`,
    median: (value: string, n: number) => `中位数 ${value}，n = ${n}`,
    and: '、',
    each: '',
    histogramAlt: (n: number, bins: number, median: string) => `${n} 个回答分为 ${bins} 个区间${median === '' ? '' : `，中位数 ${median}`}`,
    likertTop: (question: string, share: string, answers: readonly string[]) => `选择${answers.map((a) => `「${a}」`).join('或')}最多的是${question}：${share}`,
    likertOne: (question: string, share: string, answers: readonly string[]) => `${question}：${share} 选择${answers.map((a) => `「${a}」`).join('或')}`,
    labelled: (label: string, value: string) => `${label}：${value}`,
    likertValues: (question: string, parts: string) => `${question}（${parts}）`,
    nps: (score: string, promoters: string, detractors: string) => `NPS ${score}：推荐者 ${promoters}，贬损者 ${detractors}`,
    npsAlt: (promoters: string, passives: string, detractors: string) => `推荐者 ${promoters}，中立者 ${passives}，贬损者 ${detractors}`,
    differs: (group: string, n: number, value: string, overall: string, of: number) => `${group}（n = ${n}）与其余受访者差异显著：${value}，总体 ${overall}${of > 1 ? `（差异显著的 ${of} 组之一）` : ''}`,
    noDifference: (by: string) => `按${by}分组无显著差异`,
    overall: (value: string) => `总体 ${value}`,
    topDriver: (driver: string, outcome: string, share: string) => `对“${outcome}”影响最大的是${driver}：占 R² 的 ${share}`,
    fixFirst: (drivers: string) => `重点改进：${drivers}`,
    noFixFirst: '没有既重要又表现偏弱的驱动因素',
    point: (label: string, importance: string, performance: string) => `${label}（重要性 ${importance}，表现 ${performance}）`,
    accounting: (accepted: number, read: number, share: string, quarantined: number) => `读取 ${read} 行，接受 ${accepted} 行（${share}），隔离 ${quarantined} 行`,
    count: (label: string, count: number) => `${label} ${count}`,
    gap: (category: string, sample: string, population: string) => `差距最大：${category}，样本 ${sample}，总体 ${population}`,
    pair: (category: string, sample: string, population: string) => `${category}（样本 ${sample}，总体 ${population}）`,
  },
  en: {
    list: ', ',
    more: (n: number) => `, and ${n} more`,
    open: ' (',
    to: ' to ',
    close: ')',
    sentence: (kind: string, title: string, values: string) => `${kind} of “${title}”: ${values}.`,
    bars: 'Bar chart',
    curve: 'Line chart',
    histogram: 'Histogram',
    likert: 'Stacked bar chart',
    dots: 'Dot plot',
    map: 'Scatter plot',
    dumbbell: 'Dumbbell chart',
    noValues: 'no values to draw',
    mostChosen: (label: string, value: string) => `Most chosen: ${label}, ${value}`,
    mostCommon: (label: string, value: string) => `Most common answer: ${label}, ${value}`,
    curveHeadline: (first: string, last: string) => `${first} → ${last}`,
    median: (value: string, n: number) => `Median ${value}, n = ${n}`,
    and: ' and ',
    each: ' each',
    histogramAlt: (n: number, bins: number, median: string) => `${n} answers in ${bins} bins${median === '' ? '' : `, median ${median}`}`,
    likertTop: (question: string, share: string, answers: readonly string[]) => `Most often ${answers.map((a) => `“${a}”`).join(' or ')}: ${question}, ${share}`,
    likertOne: (question: string, share: string, answers: readonly string[]) => `${question}: ${share} answered ${answers.map((a) => `“${a}”`).join(' or ')}`,
    labelled: (label: string, value: string) => `${label}: ${value}`,
    likertValues: (question: string, parts: string) => `${question} (${parts})`,
    nps: (score: string, promoters: string, detractors: string) => `NPS ${score}: ${promoters} promoters, ${detractors} detractors`,
    npsAlt: (promoters: string, passives: string, detractors: string) => `promoters ${promoters}, passives ${passives}, detractors ${detractors}`,
    differs: (group: string, n: number, value: string, overall: string, of: number) => `${group} (n = ${n}) differs from the rest: ${value} against ${overall} overall${of > 1 ? ` (one of ${of} groups that differ)` : ''}`,
    noDifference: (by: string) => `No significant difference by ${by}`,
    overall: (value: string) => `overall ${value}`,
    topDriver: (driver: string, outcome: string, share: string) => `${driver} drives “${outcome}” most: ${share} of R²`,
    fixFirst: (drivers: string) => `Fix first: ${drivers}`,
    noFixFirst: 'No driver is both important and rated low',
    point: (label: string, importance: string, performance: string) => `${label} (importance ${importance}, performance ${performance})`,
    accounting: (accepted: number, read: number, share: string, quarantined: number) => `${accepted} of ${read} rows accepted (${share}); ${quarantined} quarantined`,
    count: (label: string, count: number) => `${label} ${count}`,
    gap: (category: string, sample: string, population: string) => `Largest gap: ${category}, ${sample} of the sample against ${population} of the population`,
    pair: (category: string, sample: string, population: string) => `${category} (sample ${sample}, population ${population})`,
  },
} as const;

export function words(language: Language) {
  return WORDS[language];
}

/** `12%` (a headline's whole percent) or `12.3%`. */
export function percent(share: number, decimals: number): string {
  return `${fixed(share * 100, decimals)}%`;
}

/** A value and its interval: `89% (83–93%)` for shares, `3.41 (3.20–3.62)` otherwise. */
export function withInterval(language: Language, value: Valued, format: ValueFormat, decimals = 1): string {
  const w = words(language);
  if (format.percent) {
    const number = (share: number): string => fixed(share * 100, decimals);
    return `${number(value.estimate)}%${w.open}${number(value.low)}–${number(value.high)}%${w.close}`;
  }
  // A range across zero reads `−53.3 to 53.3`: a dash between a minus and a number would blur into it.
  const [low, high] = [format.format(value.low), format.format(value.high)].map((v) => v.replace(/^-/, '−'));
  const to = value.low < 0 ? w.to : '–';
  return `${format.format(value.estimate).replace(/^-/, '−')}${w.open}${low}${to}${high}${w.close}`;
}

/** Items joined, at most MAX_LISTED of them and a count of the rest. */
export function listed(language: Language, items: readonly string[]): string {
  const w = words(language);
  if (items.length === 0) return w.noValues;
  const shown = items.slice(0, MAX_LISTED).join(w.list);
  return items.length > MAX_LISTED ? `${shown}${w.more(items.length - MAX_LISTED)}` : shown;
}

/** Bars of values with intervals (a section's shares, a distribution, key drivers): the lead bar heads it. */
export function barWords(language: Language, title: string, bars: readonly Valued[], format: ValueFormat, headline: (lead: Valued) => string): ChartWords {
  const w = words(language);
  const alt = w.sentence(w.bars, title, listed(language, bars.map((bar) => `${bar.label} ${withInterval(language, bar, format)}`)));
  const lead = bars[0];
  return { alt, headline: lead === undefined ? title : headline(lead) };
}

/** The largest of `items` by `by` (the first of equals). */
export function largest<T>(items: readonly T[], by: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || by(item) > by(best)) best = item;
  return best;
}

/** Every item as large as the largest by `by` (ties within a rounding error), in their order. */
export function leaders<T>(items: readonly T[], by: (item: T) => number): T[] {
  const top = largest(items, by);
  return top === undefined ? [] : items.filter((item) => Math.abs(by(item) - by(top)) <= 1e-12);
}
