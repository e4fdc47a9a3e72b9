/**
 * One cell → the answer it holds for its question, or why it is not a valid answer. An empty cell is no
 * answer (item non-response), never a failure.
 */
import type { Format, Question } from '../codebook/schema.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import type { Answer } from './answer.ts';

export type CellResult = { ok: true; answer: Answer } | { ok: false; rule: string; message: string };

/** Separator of multi-select answers in one cell, when the codebook does not give one. */
export const DEFAULT_SEPARATOR: Record<Format, string> = {
  wjx: '┋',
  tencent: '┋',
  qualtrics: ',',
  'google-forms': ', ',
  generic: ';',
};

/** Wenjuanxing writes an "other, please specify" answer as `其他〖written text〗`: the option is `其他`. */
const SPECIFY = /^(.*?)〖.*〗$/su;

/** Matches cells to a choice question's options: by label (normalised) or by 1-based code. */
export interface OptionMatcher {
  match(cell: string): number | undefined;
}

export function optionMatcher(options: readonly string[]): OptionMatcher {
  const byLabel = new Map(options.map((option, i) => [normalizeLabel(option), i]));
  return {
    match(cell) {
      const label = normalizeLabel(SPECIFY.exec(cell)?.[1] ?? cell);
      const found = byLabel.get(label);
      if (found !== undefined) return found;
      if (/^\d+$/.test(label)) {
        const code = Number(label);
        if (code >= 1 && code <= options.length) return code - 1;
      }
      return undefined;
    },
  };
}

export function parseAnswer(question: Question, matcher: OptionMatcher | undefined, cell: string, separator: string): CellResult {
  const value = cell.trim();
  if (value === '' || isMissing(question, value)) return { ok: true, answer: null };
  switch (question.type) {
    case 'single':
    case 'likert': {
      const index = matcher?.match(value);
      return index === undefined
        ? { ok: false, rule: 'invalid-option', message: `not an option of \`${question.id}\` (nor a code 1-${question.options.length})` }
        : { ok: true, answer: index };
    }
    case 'multi': {
      const parts = value.split(separator).map((part) => part.trim()).filter((part) => part !== '');
      const indices = new Set<number>();
      for (const part of parts) {
        const index = matcher?.match(part);
        if (index === undefined) {
          return { ok: false, rule: 'invalid-option', message: `\`${part}\` is not an option of \`${question.id}\` (choices are split on \`${separator}\`)` };
        }
        indices.add(index);
      }
      return { ok: true, answer: indices.size === 0 ? null : [...indices].sort((a, b) => a - b) };
    }
    case 'nps': {
      const score = Number(value);
      return Number.isInteger(score) && score >= 0 && score <= 10 && /^\d+$/.test(value)
        ? { ok: true, answer: score }
        : { ok: false, rule: 'invalid-nps', message: 'an NPS answer must be a whole number from 0 to 10' };
    }
    case 'rating':
    case 'numeric': {
      const number = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value) ? Number(value) : Number.NaN;
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

/** A value the codebook lists under the question's `missing`: a way of not answering. */
function isMissing(question: Question, value: string): boolean {
  return question.missing !== undefined && question.missing.some((label) => normalizeLabel(label) === normalizeLabel(value));
}

/** A one-column-per-option multi-select: each option's cell is empty / 0 (not chosen) or 1 / its label (chosen). */
export function parseOptionColumns(question: Question, cells: readonly (string | undefined)[]): CellResult {
  const options = 'options' in question ? question.options : [];
  const chosen: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const value = (cells[i] ?? '').trim();
    if (value === '' || value === '0') continue;
    if (value === '1' || normalizeLabel(value) === normalizeLabel(options[i] ?? '')) chosen.push(i);
    else return { ok: false, rule: 'invalid-option', message: `the \`${options[i] ?? ''}\` column of \`${question.id}\` holds neither 0/1 nor the option label` };
  }
  return { ok: true, answer: chosen.length === 0 ? null : chosen };
}
