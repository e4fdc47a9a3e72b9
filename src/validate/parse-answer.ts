/**
 * One cell → the answer it holds for its question, or why it is not a valid answer. An empty cell is no
 * answer (item non-response), never a failure.
 */
import type { Codebook, Format, Question } from '../codebook/schema.ts';
import { detachString } from '../util/detach-string.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import type { Answer } from '../model/response.ts';
import { quotedValue } from './quoted-value.ts';

/** A failed cell names its rule and, for a value the codebook does not know (unknown-values.ts), that value. */
export type CellResult = { ok: true; answer: Answer; specified?: string } | { ok: false; rule: string; message: string; value?: string };

/** Separator of multi-select answers in one cell, when the codebook does not give one. */
export const DEFAULT_SEPARATOR: Record<Format, string> = {
  wjx: '┋',
  tencent: '┋',
  qualtrics: ',',
  'google-forms': ', ',
  generic: ';',
  spss: ';',
  parquet: ';',
};

/** Wenjuanxing writes an "other, please specify" answer as `其他〖written text〗`: the option is `其他`. */
/** `其他〖text〗` → { option: '其他', text: 'text' }; undefined for any other cell. String search, not a regex: cells can be megabytes. */
function splitSpecify(cell: string): { option: string; text: string } | undefined {
  const trimmed = cell.trim();
  const open = trimmed.indexOf('〖');
  if (open < 0 || !trimmed.endsWith('〗')) return undefined;
  return { option: trimmed.slice(0, open), text: trimmed.slice(open + 1, -1) };
}

/** The text a respondent wrote into Wenjuanxing's "other, please specify" (`其他〖text〗`), if any. */
export function specifiedText(cell: string): string | undefined {
  const text = splitSpecify(cell)?.text.trim();
  return text === undefined || text === '' ? undefined : text;
}

/** Distinct cells remembered per question by `optionMatcher`. */
const MATCH_CACHE_SIZE = 10_000;

/** Matches cells to a choice question's options: by label (normalised) or by 1-based code. */
export interface OptionMatcher {
  match(cell: string): number | undefined;
}

/** Longer text is no whole number to `wholeNumberText` (the bound also keeps its regex from backtracking through a huge cell). */
const MAX_NUMBER_TEXT = 32;

/**
 * A whole number as exports write it (`1`, `1.0`, `1.00`, `+1`, `01`) in one form (`1`); undefined for any
 * other text, and for text over 32 characters. pandas writes integer codes as `1.0` when a column has a
 * missing value.
 */
export function wholeNumberText(text: string): string | undefined {
  if (text.length > MAX_NUMBER_TEXT) return undefined;
  const match = /^([-+]?)0*(\d+?)(?:\.0*)?$/.exec(text);
  if (match === null) return undefined;
  const digits = match[2] as string;
  return match[1] === '-' && digits !== '0' ? `-${digits}` : digits;
}

export function optionMatcher(options: readonly string[]): OptionMatcher {
  const byLabel = new Map(options.map((option, i) => [normalizeLabel(option), i]));
  // A label that is a whole number also matches the number as written otherwise (`1.0` for `1`).
  const byNumber = new Map(options.flatMap((option, i) => {
    const number = wholeNumberText(normalizeLabel(option));
    return number === undefined ? [] : [[number, i] as const];
  }));
  // When labels are themselves numbers (a 0-5 scale), a number in a cell is a label, never a code.
  const codes = byNumber.size === 0;
  const lookup = (cell: string): number | undefined => {
    const label = normalizeLabel(splitSpecify(cell)?.option ?? cell);
    const found = byLabel.get(label);
    if (found !== undefined) return found;
    const number = wholeNumberText(label);
    if (number === undefined) return undefined;
    if (!codes) return byNumber.get(number);
    const code = Number(number);
    return code >= 1 && code <= options.length ? code - 1 : undefined;
  };
  // Exports repeat the same few cells millions of times: remember the verdict per raw cell (bounded).
  const seen = new Map<string, number | undefined>();
  return {
    match(cell) {
      if (seen.has(cell)) return seen.get(cell);
      const index = lookup(cell);
      if (seen.size < MATCH_CACHE_SIZE && cell.length <= 256) seen.set(detachString(cell), index);
      return index;
    },
  };
}

/**
 * Cells the platform itself writes for a question that was not answered: Wenjuanxing marks questions
 * skipped by logic as `(跳过)` and unanswered ones as `(空)` (full-width parentheses fold to these). They are
 * missing whatever the codebook's `missing` says.
 */
export const PLATFORM_MISSING: Record<Format, readonly string[]> = {
  wjx: ['(跳过)', '(空)'],
  tencent: ['(跳过)', '(空)'],
  qualtrics: [],
  'google-forms': [],
  generic: [],
  spss: [],
  parquet: [],
};

/** A cell value as missing values are compared: normalised, in lower case, a whole number in one form (`99.0` is `99`). */
export function missingKey(value: string): string {
  const normal = normalizeLabel(value);
  return wholeNumberText(normal) ?? normal.toLowerCase();
}

/** Whether a cell value is one of the missing values (as `missingValues` gives them); a long cell never is. */
function isMissingValue(value: string, missing: ReadonlySet<string>): boolean {
  return missing.size > 0 && value.length <= 64 && missing.has(missingKey(value));
}

/**
 * The cell values that mean "no answer" for a question (as `missingKey` gives them): the platform's, the
 * survey's `missing` and the question's own.
 */
export function missingValues(question: Question, codebook: Pick<Codebook, 'missing' | 'source'>): ReadonlySet<string> {
  return new Set([...PLATFORM_MISSING[codebook.source.format], ...codebook.missing, ...(question.missing ?? [])].map(missingKey));
}

/** The largest number an answer may be (in size): squares of larger ones, summed, overflow a double. */
export const MAX_ANSWER = 1e100;

/** The range a number question's answers must lie in: its `min` and `max`, and the ends of its `bins`. */
export function numberRange(question: Extract<Question, { type: 'rating' | 'numeric' }>): { min: number; max: number } {
  const bins = Array.isArray(question.bins) ? question.bins : [];
  return {
    min: Math.max(question.min ?? -Infinity, bins[0] ?? -Infinity),
    max: Math.min(question.max ?? Infinity, bins[bins.length - 1] ?? Infinity),
  };
}

/**
 * One cell → its answer. An empty cell, or one of the question's `missing` values, is no answer; but a value
 * that is an option of the question is that option (a question may offer `N/A` as an answer).
 */
export function parseAnswer(question: Question, matcher: OptionMatcher | undefined, cell: string, separator: string, missing: ReadonlySet<string> = new Set()): CellResult {
  const value = cell.trim();
  if (value === '') return { ok: true, answer: null };
  const isMissing = isMissingValue(value, missing);
  switch (question.type) {
    case 'single':
    case 'likert': {
      const index = matcher?.match(value);
      if (index === undefined && isMissing) return { ok: true, answer: null };
      return index === undefined
        ? { ok: false, rule: 'invalid-option', message: `not an option of \`${question.id}\` (nor a code 1-${question.options.length})`, value }
        : withSpecified({ ok: true, answer: index }, value);
    }
    case 'multi': {
      const split = splitChoices(value, separator, matcher);
      if (!split.ok && isMissing) return { ok: true, answer: null };
      if (!split.ok) {
        return { ok: false, rule: 'invalid-option', message: `\`${quotedValue(split.part)}\` is not an option of \`${question.id}\` (choices are split on \`${separator}\`)`, value: split.part };
      }
      return withSpecified({ ok: true, answer: split.indices.length === 0 ? null : split.indices }, value);
    }
    case 'nps': {
      if (isMissing) return { ok: true, answer: null };
      const whole = wholeNumberText(value);
      const score = whole === undefined ? Number.NaN : Number(whole);
      return Number.isInteger(score) && score >= 0 && score <= 10
        ? { ok: true, answer: score }
        : { ok: false, rule: 'invalid-nps', message: 'an NPS answer must be a whole number from 0 to 10', value };
    }
    case 'rating':
    case 'numeric': {
      if (isMissing) return { ok: true, answer: null };
      // A number is short; the length check also keeps the regex from backtracking through a huge cell.
      const number = value.length <= 64 && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isFinite(number)) return { ok: false, rule: 'invalid-number', message: 'not a number', value };
      if (Math.abs(number) > MAX_ANSWER) return { ok: false, rule: 'out-of-range', message: `beyond ±${MAX_ANSWER}, where its square overflows the statistics; rescale the column (e.g. thousands instead of units)`, value };
      const { min, max } = numberRange(question);
      if (number < min || number > max) {
        return { ok: false, rule: 'out-of-range', message: `outside ${min === -Infinity ? '-∞' : min}..${max === Infinity ? '∞' : max}`, value };
      }
      return { ok: true, answer: number };
    }
    case 'text':
      return { ok: true, answer: isMissing ? null : value };
  }
}

function withSpecified(result: { ok: true; answer: Answer }, cell: string): CellResult {
  const specified = specifiedText(cell);
  return specified === undefined ? result : { ...result, specified };
}

/**
 * Splits a multi-select cell into options. Labels may themselves hold the separator (Google Forms joins
 * with ", " and keeps "Yes, daily" whole), so consecutive pieces are joined back when together they form a
 * known label; the longest known label wins at each position.
 */
function splitChoices(cell: string, separator: string, matcher: OptionMatcher | undefined): { ok: true; indices: number[] } | { ok: false; part: string } {
  const pieces = cell.split(separator);
  const indices = new Set<number>();
  let i = 0;
  while (i < pieces.length) {
    if ((pieces[i] ?? '').trim() === '') {
      i++;
      continue;
    }
    let matched = false;
    for (let j = pieces.length; j > i; j--) {
      const index = matcher?.match(pieces.slice(i, j).join(separator));
      if (index !== undefined) {
        indices.add(index);
        i = j;
        matched = true;
        break;
      }
    }
    if (!matched) return { ok: false, part: (pieces[i] ?? '').trim() };
  }
  return { ok: true, indices: [...indices].sort((a, b) => a - b) };
}

/**
 * A one-column-per-option multi-select: each option's cell is empty, 0 or a missing value (not chosen), or 1
 * or its label, in any letter case (chosen). `0.0` and `1.0` are 0 and 1.
 */
export function parseOptionColumns(question: Question, cells: readonly (string | undefined)[], missing: ReadonlySet<string> = new Set()): CellResult {
  const options = 'options' in question ? question.options : [];
  const chosen: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const value = (cells[i] ?? '').trim();
    const number = wholeNumberText(value);
    if (value === '' || number === '0') continue;
    if (number === '1' || normalizeLabel(value).toLowerCase() === normalizeLabel(options[i] ?? '').toLowerCase()) chosen.push(i);
    else if (isMissingValue(value, missing)) continue;
    else return { ok: false, rule: 'invalid-option', message: `the \`${options[i] ?? ''}\` column of \`${question.id}\` holds neither 0/1 nor the option label`, value };
  }
  return { ok: true, answer: chosen.length === 0 ? null : chosen };
}
