/**
 * A figure as the findings state it: its value, interval and a note (its n) in one bracket, `89.0%
 * (83.0–93.0%, n = 154)`, `3.95（3.82–4.08，n = 154）`; without an interval, the value and the note.
 */
import type { Language } from '../audit/messages.ts';
import { withInterval, type ValueFormat } from '../render/chart-summary.ts';
import { formatPercent } from './format-number.ts';

export function figureText(language: Language, estimate: number, ci: readonly [number, number] | null, note: string, format: ValueFormat): string {
  const open = language === 'zh' ? '（' : ' (';
  const close = language === 'zh' ? '）' : ')';
  const sep = language === 'zh' ? '，' : ', ';
  if (ci === null) return `${format.percent ? formatPercent(estimate) : format.format(estimate)}${open}${note}${close}`;
  const withCi = withInterval(language, { label: '', estimate, low: ci[0], high: ci[1] }, format);
  // withInterval closes its bracket last: the note goes inside it.
  return `${withCi.slice(0, withCi.length - close.length)}${sep}${note}${close}`;
}
