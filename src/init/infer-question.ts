/**
 * A question's type and options, guessed from a column's profile. A guess holds when it fits at least
 * 98% of the filled cells: the few that do not are what validation will quarantine (an NPS answer of 11
 * stays an NPS question), except words in a number column (`Don't know`), which the draft lists as the
 * question's `missing` values.
 */
import type { Format } from '../codebook/schema.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import { DEFAULT_SEPARATOR } from '../validate/parse-answer.ts';
import type { ColumnProfile } from './column-profile.ts';
import { KNOWN_SCALES } from './known-scales.ts';
import { orderOptions } from './option-order.ts';
import { ratingRange } from './rating-range.ts';

/** `note`: what the analyst should check, a comment in the draft. `mostChosen`: the option chosen most. */
export type InferredQuestion =
  | { type: 'single' | 'likert'; options: string[]; mostChosen: string; missing?: string[]; note?: string }
  | { type: 'multi'; options: string[]; separator: string }
  | { type: 'nps'; missing?: string[] }
  | { type: 'rating'; min: number; max: number; missing?: string[]; note?: string }
  | { type: 'numeric'; missing?: string[] }
  | { type: 'text' };

const FIT = 0.98;
/** More distinct answers than this and a column is not a choice question. */
const MAX_OPTIONS = 40;
/** The highest answer of a rating scale (1–11 is the longest in common use); a higher one is a number. */
const MAX_RATING = 11;
const NPS_HINT = /nps|recommend|推荐|推薦|0\s*[-~～到至]\s*10/i;
/** A column of years (a survey's waves) is a choice of year, not a number to average. */
const YEAR_HINT = /^(?:year|yr|wave|survey[ _.]?year|年|年份|年度|调查年份)$/iu;
/** A short name for a number that is a code: `dnum` (district number), `cnum`, `hhno`. */
const CODE_HINT = /^[a-z]{1,3}[_.]?(?:num|no|nr|code)$/i;
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
    return { type: 'likert', options: scale.options.map((label) => seen.get(normalizeLabel(label).toLowerCase()) ?? label), mostChosen: mostChosen(values) };
  }

  if (fits(profile.integer)) {
    const number = numberQuestion(profile, named);
    if (number !== undefined) return number;
  }
  if (fits(profile.numeric)) return { type: 'numeric', ...missing(profile) };

  if (TEXT_HINT.test(named)) return { type: 'text' };
  const separator = multiSeparator(profile, format);
  if (separator !== undefined) {
    const parts = new Map<string, number>();
    for (const [value, count] of values) {
      for (const part of value.split(separator).map((p) => p.trim()).filter((p) => p !== '')) parts.set(part, (parts.get(part) ?? 0) + count);
    }
    if (parts.size <= MAX_OPTIONS) return { type: 'multi', options: orderOptions(parts).options, separator };
  }
  if (!profile.overflow && values.size <= MAX_OPTIONS && values.size * 2 <= filled && [...values.keys()].every((v) => v.length <= 80)) {
    const order = orderOptions(values);
    return {
      type: order.likert ? 'likert' : 'single',
      options: order.options,
      mostChosen: mostChosen(values),
      ...(order.missing === undefined ? {} : { missing: order.missing }),
      ...(order.note === undefined ? {} : { note: order.note }),
    };
  }
  return { type: 'text' };
}

/**
 * A column of whole numbers: an NPS question when its header says so; the year of a wave or a code
 * (`dnum`) as a single choice; a rating when its answers span a scale in common use (1–5, 0–3, 1–11; see
 * rating-range.ts); two values only (0/1, 1/2) are a single choice; else undefined (a number question).
 */
function numberQuestion(profile: ColumnProfile, named: string): InferredQuestion | undefined {
  const { values, filled } = profile;
  const whole = [...values.keys()].filter((v) => /^\d+$/.test(v));
  const inRange = countWhere(values, (v) => /^\d+$/.test(v) && Number(v) <= 10);
  if (inRange >= FIT * filled && NPS_HINT.test(named)) return { type: 'nps', ...missing(profile) };
  const years = YEAR_HINT.test(profile.name) && profile.min >= 1900 && profile.max <= 2100;
  if ((years || CODE_HINT.test(profile.name)) && !profile.overflow && values.size <= MAX_OPTIONS) {
    const codes = new Map(whole.map((v) => [v, values.get(v) ?? 0]));
    const note = years ? undefined : 'codes, drafted as a choice rather than a number to average: check';
    return { type: 'single', options: orderOptions(codes).options, mostChosen: mostChosen(codes), ...missing(profile), ...(note === undefined ? {} : { note }) };
  }
  if (profile.overflow || profile.min < 0 || profile.max > MAX_RATING) return undefined;
  const range = ratingRange(named, { min: profile.min, max: profile.max });
  if (range !== undefined && (whole.length >= 3 || (range.from === 'question' && whole.length >= 1))) {
    return { type: 'rating', min: range.min, max: range.max, ...missing(profile), ...(range.note === undefined ? {} : { note: range.note }) };
  }
  if (whole.length === 2 && filled >= 4) {
    const numbered = new Map(whole.map((v) => [v, values.get(v) ?? 0]));
    return { type: 'single', options: orderOptions(numbered).options, mostChosen: mostChosen(numbered), ...missing(profile) };
  }
  return undefined;
}

/** The non-number values of a number column, as its `missing` list. */
function missing(profile: ColumnProfile): { missing?: string[] } {
  const words = [...profile.nonNumbers.keys()];
  return words.length === 0 ? {} : { missing: words };
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

function mostChosen(values: ReadonlyMap<string, number>): string {
  let best: [string, number] = ['', -1];
  for (const entry of values) if (entry[1] > best[1]) best = entry;
  return best[0];
}

function countWhere(values: ReadonlyMap<string, number>, test: (value: string) => boolean): number {
  let total = 0;
  for (const [value, count] of values) if (test(value)) total += count;
  return total;
}
