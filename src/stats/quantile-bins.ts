/**
 * `bins: N` on a number question: N bins as equal in count as the answers allow. Their edges come from the
 * accepted answers, so they are found by a first pass over the export that counts each question's distinct
 * answers (`answerCountsFold`), before the analysis proper; the codebook then carries the edges as if they
 * had been written (`withQuantileEdges`). Each edge after the first is the smallest answer with at least
 * k/N of the answers below it; ties keep equal answers in one bin, so bins may be fewer than N.
 */
import type { Codebook, Question } from '../codebook/schema.ts';
import type { Fold } from '../model/fold.ts';

/** Per question id: how many accepted answers have each value. */
export type AnswerCounts = Map<string, Map<number, number>>;

/** The questions whose bins are a number of bins. */
export function quantileBinned(codebook: Codebook): { id: string; at: number; bins: number }[] {
  return codebook.questions.flatMap((q, at) => ((q.type === 'numeric' || q.type === 'rating') && typeof q.bins === 'number' ? [{ id: q.id, at, bins: q.bins }] : []));
}

/** Counts the distinct answers of the questions with `bins: N`. */
export function answerCountsFold(codebook: Codebook): Fold<AnswerCounts> {
  const questions = quantileBinned(codebook);
  return {
    reads: { questions: questions.map(({ at }) => at) },
    create: () => new Map(questions.map(({ id }) => [id, new Map<number, number>()])),
    add(state, { answers }) {
      for (const { id, at } of questions) {
        const answer = answers[at];
        if (typeof answer !== 'number') continue;
        const counts = state.get(id) as Map<number, number>;
        counts.set(answer, (counts.get(answer) ?? 0) + 1);
      }
    },
    merge(into, from) {
      for (const [id, counts] of from) {
        const target = into.get(id) ?? new Map<number, number>();
        for (const [value, count] of counts) target.set(value, (target.get(value) ?? 0) + count);
        into.set(id, target);
      }
    },
  };
}

/**
 * The edges of `bins` bins over answers with these counts: the smallest answer, then for k = 1..bins-1 the
 * smallest answer with at least k/bins of all answers below it (each edge once), then the largest answer
 * (which closes the last bin, and may equal the edge before it). No answers: undefined.
 */
export function quantileEdges(counts: ReadonlyMap<number, number>, bins: number): number[] | undefined {
  const values = [...counts.keys()].sort((a, b) => a - b);
  if (values.length === 0) return undefined;
  const total = values.reduce((sum, value) => sum + (counts.get(value) ?? 0), 0);
  const edges = [values[0] as number];
  let below = 0;
  let k = 1;
  for (const value of values) {
    while (k < bins && below >= (k * total) / bins) {
      if (value > (edges[edges.length - 1] as number)) edges.push(value);
      k++;
    }
    below += counts.get(value) ?? 0;
  }
  // The last bin is closed: when the largest answer starts a bin of its own, that bin is [largest, largest].
  edges.push(values[values.length - 1] as number);
  return edges;
}

/** The codebook with each `bins: N` replaced by the edges the counts give (questions without answers keep no bins). */
export function withQuantileEdges(codebook: Codebook, counts: AnswerCounts): Codebook {
  const questions = codebook.questions.map((question): Question => {
    if ((question.type !== 'numeric' && question.type !== 'rating') || typeof question.bins !== 'number') return question;
    const edges = quantileEdges(counts.get(question.id) ?? new Map(), question.bins);
    const rest = { ...question };
    delete rest.bins;
    return edges === undefined ? rest : { ...rest, bins: edges };
  });
  return { ...codebook, questions };
}
