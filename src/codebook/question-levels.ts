/**
 * The levels of a question: the values a distribution, a box, a breakdown group or a filter counts
 * (docs/codebook.md, "Levels"). A choice question's levels are its options; a number question's are its
 * `bins`; a rating without bins has one level per whole number from `min` to `max`. A numeric question
 * without bins, an NPS and a text question have none; nor has a question with `bins: N` until its edges are
 * found (`resolveQuantileBins`). Pure.
 */
import type { Answer } from '../model/response.ts';
import type { Question } from './schema.ts';

export interface Levels {
  labels: readonly string[];
  /** The level index (indices, for a multi) of an answer, or null when the answer has no level. */
  of(answer: Answer): number | readonly number[] | null;
}

/** A rating has a level per whole number when it spans at most this many. */
export const MAX_RATING_LEVELS = 101;

const identity = (answer: Answer): number | readonly number[] | null => (typeof answer === 'string' ? null : answer);

export function questionLevels(question: Question): Levels | undefined {
  if ('options' in question) return { labels: question.options, of: identity };
  if ((question.type === 'rating' || question.type === 'numeric') && Array.isArray(question.bins)) return binLevels(question.bins);
  // `bins: N`: edges from the data, set by a first pass over the export (stats/quantile-bins.ts) before this is asked.
  if ((question.type === 'rating' || question.type === 'numeric') && question.bins !== undefined) return undefined;
  if (question.type === 'rating' && wholeRange(question.min, question.max)) {
    const { min, max } = question;
    const labels = Array.from({ length: max - min + 1 }, (_, i) => String(min + i));
    return { labels, of: (answer) => (typeof answer === 'number' && Number.isInteger(answer) && answer >= min && answer <= max ? answer - min : null) };
  }
  return undefined;
}

/** Whether a rating from `min` to `max` has a level per whole number. */
export function wholeRange(min: number, max: number): boolean {
  return Number.isInteger(min) && Number.isInteger(max) && max > min && max - min < MAX_RATING_LEVELS;
}

/** Bins [e0, e1), [e1, e2), …, [e(k-1), ek]: the last one closed. */
export function binLevels(edges: readonly number[]): Levels {
  const last = edges.length - 2;
  return {
    labels: edges.slice(0, -1).map((low, i) => binLabel(low, edges[i + 1] as number, i === last)),
    of(answer) {
      if (typeof answer !== 'number') return null;
      if (answer < (edges[0] as number) || answer > (edges[last + 1] as number)) return null;
      for (let i = 0; i < last; i++) if (answer < (edges[i + 1] as number)) return i;
      return last;
    },
  };
}

/**
 * `18–24` for [18, 25) when both edges are whole numbers (the answers are then read as whole numbers),
 * `35–50` for a closed last bin [35, 50], `35+` for [35, ∞), `<18` for (−∞, 18); `1.5–2.5` otherwise.
 */
export function binLabel(low: number, high: number, closed: boolean): string {
  if (high === Infinity) return `${low}+`;
  if (low === -Infinity) return closed ? `≤${high}` : `<${high}`;
  const whole = Number.isInteger(low) && Number.isInteger(high);
  const top = whole && !closed ? high - 1 : high;
  return top === low ? String(low) : `${low}–${top}`;
}
