/**
 * Indexes (`indexes:`) as the numeric questions they stand for: each index becomes a question of its id,
 * type numeric, appended after the questions, with the range its method gives (the items' codes for a mean,
 * times the number of items for a sum), so metrics, breakdowns and tables use it as any numeric question. Its
 * answer is computed from the items as each row is validated (indexScorer), never read from a column. Pure.
 */
import type { Answer } from '../model/response.ts';
import type { CodebookIssue } from './codebook-issue.ts';
import type { Codebook, Index, Question } from './schema.ts';

/** The codebook with a numeric question for every index whose id no question (or earlier index) has; crossCheck reports the others. */
export function withIndexQuestions(codebook: Codebook): Codebook {
  const ids = new Set(codebook.questions.map((q) => q.id));
  const added: Question[] = [];
  for (const index of codebook.indexes) {
    if (ids.has(index.id)) continue;
    ids.add(index.id);
    added.push({ id: index.id, label: index.label ?? index.id, type: 'numeric', ...indexRange(codebook, index) });
  }
  return added.length === 0 ? codebook : { ...codebook, questions: [...codebook.questions, ...added] };
}

/** An index whose id a question already has: a problem at its path (the index then makes no question). */
export function indexClashes(codebook: Codebook): CodebookIssue[] {
  return codebook.indexes.flatMap((index, i) =>
    codebook.questions.some((q) => q.id === index.id) ? [{ path: ['indexes', i, 'id'], message: `\`${index.id}\` is already a question's id; an index is a question of its own: give it another id` }] : [],
  );
}

/**
 * Whether a question of the codebook is an index's: in a codebook that passed its checks, the question of an
 * index's id with no column of its own (a batch child gets the codebook as data, so this goes by its shape).
 */
export function isIndexQuestion(codebook: Codebook, question: Question): boolean {
  return question.column === undefined && question.columnPrefix === undefined && codebook.indexes.some((index) => index.id === question.id);
}

/** An item's code range: a likert's 1..k, a rating's min..max. */
export function itemRange(question: Question | undefined): [number, number] | undefined {
  if (question?.type === 'likert') return [1, question.options.length];
  if (question?.type === 'rating') return [question.min, question.max];
  return undefined;
}

function indexRange(codebook: Codebook, index: Index): { min?: number; max?: number } {
  const ranges = index.items.map((id) => itemRange(codebook.questions.find((q) => q.id === id)));
  if (ranges.some((range) => range === undefined)) return {};
  const low = Math.min(...ranges.map((range) => (range as [number, number])[0]));
  const high = Math.max(...ranges.map((range) => (range as [number, number])[1]));
  const times = index.method === 'sum' ? index.items.length : 1;
  return { min: low * times, max: high * times };
}

/**
 * The score of one respondent from their answers to the questions before the index: each answered item's
 * code (a likert's 1..k, a rating's value), reverse items flipped (k + 1 − code, min + max − value); null when
 * fewer than `minAnswered` of the items are answered; the mean of the answered items, or for `sum` that mean
 * times the number of items (a prorated sum).
 */
export function indexScorer(codebook: Codebook, index: Index): (answers: readonly Answer[]) => number | null {
  const items = index.items.map((id) => itemCode(codebook, index, id));
  const needed = Math.ceil(index.minAnswered * items.length - 1e-9);
  return (answers) => {
    let total = 0;
    let answered = 0;
    for (const item of items) {
      const code = item(answers);
      if (code === null) continue;
      total += code;
      answered++;
    }
    if (answered === 0 || answered < needed) return null;
    const mean = total / answered;
    return index.method === 'sum' ? mean * items.length : mean;
  };
}

/**
 * One item's code as its index scores it: a likert's 1..k or a rating's value, flipped (k + 1 − code,
 * min + max − value) when the index reverses it; null when the respondent did not answer it.
 */
export function itemCode(codebook: Codebook, index: Index, id: string): (answers: readonly Answer[]) => number | null {
  const at = codebook.questions.findIndex((q) => q.id === id);
  const [low, high] = itemRange(codebook.questions[at]) ?? [0, 0];
  const likert = codebook.questions[at]?.type === 'likert';
  const reverse = index.reverse.includes(id);
  return (answers) => {
    const answer = answers[at];
    if (typeof answer !== 'number') return null;
    const code = likert ? answer + 1 : answer;
    return reverse ? low + high - code : code;
  };
}
