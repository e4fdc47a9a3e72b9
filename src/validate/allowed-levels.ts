/**
 * Which answers a condition on a question's levels lets through: a metric's `among`, a condition of the
 * codebook's `filter`. Labels are matched as cells are (normalised; a code); a number question's answers are
 * taken at their level (bins, a rating's whole numbers: question-levels.ts). Pure.
 */
import { questionLevels, type Levels } from '../codebook/question-levels.ts';
import type { Codebook } from '../codebook/schema.ts';
import type { Answer } from '../model/response.ts';
import { optionMatcher } from './parse-answer.ts';

/** The level indices an `among` (or a `filter` condition) allows, and the level of its question's answer when that is a number. */
export function allowedLevels(codebook: Codebook, among: { question: string; in: readonly string[] }): { allowed: ReadonlySet<number>; level?: Levels['of'] } {
  const question = codebook.questions.find((q) => q.id === among.question);
  const levels = question === undefined ? undefined : questionLevels(question);
  const matcher = optionMatcher(levels?.labels ?? []);
  const allowed = new Set(among.in.map((label) => matcher.match(label)).filter((i): i is number => i !== undefined));
  return levels === undefined || question === undefined || 'options' in question ? { allowed } : { allowed, level: levels.of };
}

/** Whether an answer is at one of the allowed levels (for a multi, whether any chosen option is). */
export function isAllowed(answer: Answer, allowed: ReadonlySet<number>, level?: Levels['of']): boolean {
  const at = level === undefined ? answer : level(answer);
  return Array.isArray(at) ? at.some((i) => allowed.has(i)) : typeof at === 'number' && allowed.has(at);
}
