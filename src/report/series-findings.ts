/**
 * The key findings of a series: each headline's latest wave-over-wave change that its interval shows to be
 * real, with both waves' figures and the change's interval; the headlines that did not change significantly,
 * said as such; and that each change is judged on its own. Pure: the series' trends in, sentences out.
 */
import type { Language } from '../audit/messages.ts';
import type { SeriesMetric, WaveChange, WavePoint } from '../model/series.ts';
import { kindOf } from '../stats/kinds/index.ts';
import { spacedRight } from './cjk-spacing.ts';
import { figureText } from './figure-text.ts';
import { joined } from './joined.ts';
import { valueFormatOf } from '../render/chart-summary.ts';
import { oneLine } from '../util/one-line.ts';
import { formatSigned } from './format-number.ts';
import { fixed } from '../util/fixed.ts';

/** At most this many changes get a sentence of their own; the rest are named together. */
const MAX_CHANGES = 4;

const WORDS = {
  zh: {
    heading: '主要发现',
    rose: '升至',
    fell: '降至',
    change: (label: string, from: string, fromValue: string, direction: string, to: string, toValue: string, difference: string, ci: string) =>
      `${label}：从 ${from} 的 ${fromValue}${direction} ${to} 的 ${toValue}，变化 ${difference}（${ci}），显著。`,
    points: (value: string) => `${value} 个百分点`,
    to: ' 至 ',
    more: (labels: string) => `另有显著变化：${labels}。`,
    none: (from: string, to: string, labels: string) => `${from} 与 ${to} 之间，${spacedRight(labels)}无显著变化。`,
    separately: (count: number, level: number) => `每个变化按其自身的 ${level}% 置信区间判断，未按比较的 ${count} 个指标校正：其中偶有一个显著可能出于偶然。`,
  },
  en: {
    heading: 'Key findings',
    rose: 'rose',
    fell: 'fell',
    change: (label: string, from: string, fromValue: string, direction: string, to: string, toValue: string, difference: string, ci: string) =>
      `${label} ${direction} from ${fromValue} in wave ${from} to ${toValue} in wave ${to}: ${difference} (${ci}), a significant change.`,
    points: (value: string) => `${value} points`,
    to: ' to ',
    more: (labels: string) => `Also significant: ${labels}.`,
    none: (from: string, to: string, labels: string) => `No significant change between ${from} and ${to} in ${labels}.`,
    separately: (count: number, level: number) => `Each change is judged by its own ${level}% interval, not adjusted for the ${count} metrics compared: one significant change among many may be chance.`,
  },
} as const;

export function seriesFindingsHeading(language: Language): string {
  return WORDS[language].heading;
}

/** `waves` names each wave as the report does (its fieldwork start, or its id), by survey id. */
export function seriesFindings(metrics: readonly SeriesMetric[], language: Language, level: number, waves: ReadonlyMap<string, string>): string[] {
  const w = WORDS[language];
  const latest = metrics.flatMap((m) => {
    const change = m.changes[m.changes.length - 1];
    return change === undefined ? [] : [{ m, change }];
  });
  if (latest.length === 0) return [];
  const name = (survey: string): string => waves.get(survey) ?? survey;
  const significant = latest.filter(({ change }) => change.significant);
  const sentences = significant.slice(0, MAX_CHANGES).map(({ m, change }) => changeSentence(language, m, change, name));
  const rest = significant.slice(MAX_CHANGES);
  if (rest.length > 0) sentences.push(w.more(joined(language, rest.map(({ m }) => m.label))));
  // The unchanged, by the pair of waves they were compared between (the latest pair, for most series one).
  const unchanged = latest.filter(({ change }) => !change.significant);
  const pairs = [...new Set(unchanged.map(({ change }) => `${change.from}\u0000${change.to}`))];
  for (const pair of pairs) {
    const [from = '', to = ''] = pair.split('\u0000');
    const labels = unchanged.filter(({ change }) => change.from === from && change.to === to).map(({ m }) => m.label);
    sentences.push(w.none(name(from), name(to), joined(language, labels)));
  }
  if (latest.length > 1) sentences.push(w.separately(latest.length, Math.round(level * 100)));
  // A label may hold line breaks: each finding is one line.
  return sentences.map(oneLine);
}

function changeSentence(language: Language, m: SeriesMetric, change: WaveChange, name: (survey: string) => string): string {
  const w = WORDS[language];
  const kind = kindOf(m.kind);
  const share = kind.scale === 'share';
  const point = (survey: string): WavePoint | undefined => m.points.find((p) => p.survey === survey);
  const figure = (p: WavePoint | undefined): string => (p === undefined || p.estimate === null ? '—' : figureText(language, p.estimate, p.ci, `n = ${p.n}`, valueFormatOf(kind)));
  // A share's change is in percentage points; another's in its own units.
  const size = (v: number): string => (share ? fixed(v * 100, 1) : kind.format(v));
  const signed = (v: number): string => formatSigned(v, size);
  const difference = share ? w.points(signed(change.difference)) : signed(change.difference);
  return w.change(m.label, name(change.from), figure(point(change.from)), change.difference > 0 ? w.rose : w.fell, name(change.to), figure(point(change.to)), difference, `${signed(change.ci[0])}${w.to}${signed(change.ci[1])}`);
}
