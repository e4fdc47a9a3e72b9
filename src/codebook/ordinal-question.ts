/**
 * Whether a question's answers have an order its charts must keep: likert, rating and numeric questions
 * always; a single-choice question when its `ordered` says so, or else when its options read as a scale (the
 * ordinal words `init` knows: never … always, not … very, 从不 … 总是; or labels that start with numbers, such as
 * `0`, `18-24`, `35+`). Nominal options (industries, scenarios) are shown most chosen first. Pure.
 */
import { ordinalOrder } from '../init/ordinal-words.ts';
import type { Question } from './schema.ts';

export function isOrdinal(question: Question): boolean {
  if (question.type === 'likert' || question.type === 'rating' || question.type === 'numeric') return true;
  if (question.type !== 'single') return false;
  if (question.ordered !== undefined) return question.ordered;
  return ordinalOrder(question.options) !== undefined || question.options.every((option) => /^\s*[<>≤≥~]?\s*\d/.test(option));
}
