/** Items as a sentence lists them: `a、b、c` in Chinese, `a, b and c` in English. */
import type { Language } from '../audit/messages.ts';

export function joined(language: Language, items: readonly string[]): string {
  if (language === 'zh' || items.length < 2) return items.join('、');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
