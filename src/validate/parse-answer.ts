/**
 * One cell → the answer it holds for its question, or why it is not a valid answer. An empty cell is no
 * answer (item non-response), never a failure.
 */
import type { Format, Question } from '../codebook/schema.ts';
import { detachString } from '../util/detach-string.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import type { Answer } from '../model/response.ts';
import { quotedValue } from './quoted-value.ts';

export type CellResult = { ok: true; answer: Answer; specified?: string } | { ok: false; rule: string; message: string };

/** Separator of multi-select answers in one cell, when the codebook does not give one. */
export const DEFAULT_SEPARATOR: Record<Format, string> = {
  wjx: '┋',
  tencent: '┋',
  qualtrics: ',',
  'google-forms': ', ',
  generic: ';',
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

export function optionMatcher(options: readonly string[]): OptionMatcher {
  const byLabel = new Map(options.map((option, i) => [normalizeLabel(option), i]));
  // When labels are themselves numbers (a 0-5 scale), a number in a cell is a label, never a code.
  const codes = !options.some((option) => /^\d+$/.test(normalizeLabel(option)));
  const lookup = (cell: string): number | undefined => {
    const label = normalizeLabel(splitSpecify(cell)?.option ?? cell);
    const found = byLabel.get(label);
    if (found !== undefined) return found;
    if (codes && /^\d+$/.test(label)) {
      const code = Number(label);
      if (code >= 1 && code <= options.length) return code - 1;
    }
    return undefined;
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
 * skipped by logic as `(跳过)` and unanswered ones as `(空)` (full-width parentheses fold to these).
 */
export const PLATFORM_MISSING: Record<Format, readonly string[]> = {
  wjx: ['(跳过)', '(空)'],
  tencent: ['(跳过)', '(空)'],
  qualtrics: [],
  'google-forms': [],
  generic: [],
};

/** The normalised cell values that mean "no answer" for a question: the platform's and the codebook's `missing`. */
export function missingValues(question: Question, format: Format): ReadonlySet<string> {
  return new Set([...PLATFORM_MISSING[format], ...(question.missing ?? [])].map(normalizeLabel));
}

export function parseAnswer(question: Question, matcher: OptionMatcher | undefined, cell: string, separator: string, missing: ReadonlySet<string> = new Set()): CellResult {
  const value = cell.trim();
  if (value === '' || missing.has(normalizeLabel(value))) return { ok: true, answer: null };
  switch (question.type) {
    case 'single':
    case 'likert': {
      const index = matcher?.match(value);
      return index === undefined
        ? { ok: false, rule: 'invalid-option', message: `not an option of \`${question.id}\` (nor a code 1-${question.options.length})` }
        : withSpecified({ ok: true, answer: index }, value);
    }
    case 'multi': {
      const split = splitChoices(value, separator, matcher);
      if (!split.ok) {
        return { ok: false, rule: 'invalid-option', message: `\`${quotedValue(split.part)}\` is not an option of \`${question.id}\` (choices are split on \`${separator}\`)` };
      }
      return withSpecified({ ok: true, answer: split.indices.length === 0 ? null : split.indices }, value);
    }
    case 'nps': {
      const score = Number(value);
      return Number.isInteger(score) && score >= 0 && score <= 10 && /^\d+$/.test(value)
        ? { ok: true, answer: score }
        : { ok: false, rule: 'invalid-nps', message: 'an NPS answer must be a whole number from 0 to 10' };
    }
    case 'rating':
    case 'numeric': {
      // A number is short; the length check also keeps the regex from backtracking through a huge cell.
      const number = value.length <= 64 && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isFinite(number)) return { ok: false, rule: 'invalid-number', message: 'not a number' };
      const { min, max } = question;
      if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
        return { ok: false, rule: 'out-of-range', message: `outside ${min ?? '-∞'}..${max ?? '∞'}` };
      }
      return { ok: true, answer: number };
    }
    case 'text':
      return { ok: true, answer: value };
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

/** A one-column-per-option multi-select: each option's cell is empty / 0 (not chosen) or 1 / its label, in any letter case (chosen). */
export function parseOptionColumns(question: Question, cells: readonly (string | undefined)[]): CellResult {
  const options = 'options' in question ? question.options : [];
  const chosen: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const value = (cells[i] ?? '').trim();
    if (value === '' || value === '0') continue;
    if (value === '1' || normalizeLabel(value).toLowerCase() === normalizeLabel(options[i] ?? '').toLowerCase()) chosen.push(i);
    else return { ok: false, rule: 'invalid-option', message: `the \`${options[i] ?? ''}\` column of \`${question.id}\` holds neither 0/1 nor the option label` };
  }
  return { ok: true, answer: chosen.length === 0 ? null : chosen };
}
