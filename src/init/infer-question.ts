/**
 * A question's type and options, guessed from a column's profile. A guess holds when it fits at least
 * 98% of the filled cells: the few that do not are what validation will quarantine (an NPS answer of 11
 * stays an NPS question).
 */
import type { Format } from '../codebook/schema.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import { DEFAULT_SEPARATOR } from '../validate/parse-answer.ts';
import type { ColumnProfile } from './column-profile.ts';
import { KNOWN_SCALES } from './known-scales.ts';

export type InferredQuestion =
  | { type: 'single' | 'likert'; options: string[] }
  | { type: 'multi'; options: string[]; separator: string }
  | { type: 'nps' }
  | { type: 'rating'; min: number; max: number }
  | { type: 'numeric' }
  | { type: 'text' };

const FIT = 0.98;
/** More distinct answers than this and a column is not a choice question. */
const MAX_OPTIONS = 40;
const NPS_HINT = /nps|recommend|推荐|0\s*[-~～到至]\s*10/i;
/** Headers that ask for free text, whatever the answers look like. */
const TEXT_HINT = /建议|意见|说明|原因|为什么|请填写|请描述|其他想法|comment|feedback|suggest|why\b|describe|explain|anything else/i;

/** `questionText` is the question's wording where the header holds only an id (Qualtrics' second row). */
export function inferQuestion(profile: ColumnProfile, format: Format, questionText = ''): InferredQuestion {
  const named = `${profile.name} ${questionText}`;
  const { filled, values } = profile;
  if (filled === 0) return { type: 'text' };
  const fits = (count: number): boolean => count >= FIT * filled;

  const scale = bestScale(values);
  if (scale !== undefined && fits(scale.covered)) {
    // Keep the export's own spelling where it differs only in case, so the labels match its cells.
    const seen = new Map([...values.keys()].map((v) => [v.toLowerCase(), v]));
    return { type: 'likert', options: scale.options.map((label) => seen.get(normalizeLabel(label).toLowerCase()) ?? label) };
  }

  if (fits(profile.integer)) {
    const inRange = countWhere(values, (v) => Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 10);
    if (fits(inRange) && (NPS_HINT.test(named) || (values.size >= 6 && profile.max >= 10))) return { type: 'nps' };
    if (fits(inRange) && values.size >= 2 && values.size <= 11) {
      const max = [5, 7, 10].find((m) => m >= Math.min(profile.max, 10)) ?? 10;
      // A range guessed too wide quarantines nothing by mistake; one too narrow would (0 days, unseen so far).
      return { type: 'rating', min: profile.min <= 1 ? 0 : 1, max };
    }
  }
  if (fits(profile.numeric)) return { type: 'numeric' };

  if (TEXT_HINT.test(named)) return { type: 'text' };
  const separator = multiSeparator(profile, format);
  if (separator !== undefined) {
    const parts = new Map<string, number>();
    for (const [value, count] of values) {
      for (const part of value.split(separator).map((p) => p.trim()).filter((p) => p !== '')) parts.set(part, (parts.get(part) ?? 0) + count);
    }
    if (parts.size <= MAX_OPTIONS) return { type: 'multi', options: orderOptions(parts), separator };
  }
  if (!profile.overflow && values.size <= MAX_OPTIONS && values.size * 2 <= filled && [...values.keys()].every((v) => v.length <= 80)) {
    return { type: 'single', options: orderOptions(values) };
  }
  return { type: 'text' };
}

/**
 * The separator of a multi-select column: Wenjuanxing's `┋` wherever it appears (it is used for nothing
 * else); a comma, semicolon or bar only when some option chosen alone also appears combined with others
 * (a single-choice label that merely contains a `;` never appears split).
 */
function multiSeparator(profile: ColumnProfile, format: Format): string | undefined {
  if ((profile.separated['┋'] ?? 0) > 0) return '┋';
  const own = DEFAULT_SEPARATOR[format];
  const candidates = [...new Set([own, ', ', ';', '|'])].filter((s) => s !== '┋');
  return candidates.find((separator) => {
    if ((profile.separated[separator] ?? 0) < 2) return false;
    const alone = new Set([...profile.values.keys()].filter((v) => !v.includes(separator)));
    return [...profile.values.keys()].some((v) => v.includes(separator) && v.split(separator).some((part) => alone.has(part.trim())));
  });
}

function bestScale(values: ReadonlyMap<string, number>): { options: readonly string[]; covered: number } | undefined {
  let best: { options: readonly string[]; covered: number } | undefined;
  for (const scale of KNOWN_SCALES) {
    const labels = new Set(scale.map((label) => normalizeLabel(label).toLowerCase()));
    const covered = countWhere(values, (v) => labels.has(v.toLowerCase()));
    const distinct = [...values.keys()].filter((v) => labels.has(v.toLowerCase())).length;
    if (distinct >= 2 && (best === undefined || covered > best.covered)) best = { options: scale, covered };
  }
  return best;
}

/**
 * Options in their natural order where there is one: labels that start with a number sort numerically
 * (1-3个月 before 3个月以上, 18-24岁 before 25-30岁); others by how often they were chosen, most first.
 */
function orderOptions(counts: ReadonlyMap<string, number>): string[] {
  const labels = [...counts.keys()];
  const collator = new Intl.Collator('zh', { numeric: true });
  const numberLed = labels.filter((l) => /^\d/.test(l)).length >= labels.length / 2;
  return numberLed
    ? labels.sort((a, b) => (/^\d/.test(a) === /^\d/.test(b) ? collator.compare(a, b) : /^\d/.test(a) ? -1 : 1))
    : labels.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || collator.compare(a, b));
}

function countWhere(values: ReadonlyMap<string, number>, test: (value: string) => boolean): number {
  let total = 0;
  for (const [value, count] of values) if (test(value)) total += count;
  return total;
}
