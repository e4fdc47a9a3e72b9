/**
 * Each index's scores over the accepted respondents, kept as how many got each score (scores are fractions
 * such as 3.4, and counts of them add up the same in any order), and summarised at the end: n, mean, SD
 * (n − 1), lowest and highest, and how many respondents got no score.
 */
import type { Codebook } from '../../codebook/schema.ts';
import type { Fold } from '../../model/fold.ts';
import type { IndexResult } from '../../model/index-result.ts';

export interface IndexScores {
  /** Respondents per score. */
  counts: Map<number, number>;
  unscored: number;
}

export function indexScoresFold(codebook: Codebook): Fold<IndexScores[]> {
  const positions = codebook.indexes.map((index) => codebook.questions.findIndex((q) => q.id === index.id));
  return {
    reads: { questions: positions },
    create: () => positions.map(() => ({ counts: new Map(), unscored: 0 })),
    add(states, { answers }) {
      positions.forEach((at, x) => {
        const state = states[x] as IndexScores;
        const score = answers[at];
        if (typeof score === 'number') state.counts.set(score, (state.counts.get(score) ?? 0) + 1);
        else state.unscored++;
      });
    },
    merge(into, from) {
      into.forEach((state, x) => {
        const other = from[x] as IndexScores;
        for (const [score, count] of other.counts) state.counts.set(score, (state.counts.get(score) ?? 0) + count);
        state.unscored += other.unscored;
      });
    },
  };
}

export function indexSummary(codebook: Codebook, position: number, scores: IndexScores | undefined): IndexResult {
  const index = codebook.indexes[position];
  if (index === undefined) throw new Error(`no index at ${position}`);
  const question = codebook.questions.find((q) => q.id === index.id);
  const range: [number, number] | null = question?.type === 'numeric' && question.min !== undefined && question.max !== undefined ? [question.min, question.max] : null;
  // Sorted, so the sums are the same however the rows came.
  const entries = [...(scores?.counts ?? new Map<number, number>())].sort(([a], [b]) => a - b);
  const n = entries.reduce((sum, [, count]) => sum + count, 0);
  const mean = n === 0 ? null : entries.reduce((sum, [score, count]) => sum + score * count, 0) / n;
  const sd = mean === null || n < 2 ? null : Math.sqrt(entries.reduce((sum, [score, count]) => sum + count * (score - mean) ** 2, 0) / (n - 1));
  return {
    id: index.id,
    label: index.label ?? index.id,
    items: index.items,
    reverse: index.reverse,
    method: index.method,
    minAnswered: index.minAnswered,
    range,
    n,
    unscored: scores?.unscored ?? 0,
    mean,
    sd,
    min: entries[0]?.[0] ?? null,
    max: entries[entries.length - 1]?.[0] ?? null,
  };
}
