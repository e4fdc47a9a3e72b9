/**
 * What scale reliability needs of each index's items, over the respondents who answered every item: their
 * number, and the sums and cross-products of the items' codes (reverse items flipped, as the index scores
 * them). Mergeable; the covariance matrix comes from these at the end.
 */
import type { Codebook } from '../../codebook/schema.ts';
import type { Fold } from '../../model/fold.ts';

export interface ItemSums {
  n: number;
  sums: number[];
  /** cross[i][j] = Σ x_i·x_j. */
  cross: number[][];
}

/** An item as the fold reads it: where it sits, and how its answer becomes a code. */
interface Item {
  at: number;
  code: (answer: number) => number;
}

export function reliabilityFold(codebook: Codebook): Fold<ItemSums[]> {
  const indexes = codebook.indexes.map((index) =>
    index.items.map((id): Item => {
      const at = codebook.questions.findIndex((q) => q.id === id);
      const question = codebook.questions[at];
      const [low, high] = question?.type === 'likert' ? [1, question.options.length] : question?.type === 'rating' ? [question.min, question.max] : [0, 0];
      const likert = question?.type === 'likert';
      const reverse = index.reverse.includes(id);
      return { at, code: (answer) => (reverse ? low + high - (likert ? answer + 1 : answer) : likert ? answer + 1 : answer) };
    }),
  );
  const codes: number[] = [];
  return {
    create: () => indexes.map((items) => ({ n: 0, sums: items.map(() => 0), cross: items.map(() => items.map(() => 0)) })),
    add(states, { answers }) {
      indexes.forEach((items, x) => {
        codes.length = 0;
        for (const item of items) {
          const answer = answers[item.at];
          if (typeof answer !== 'number') return;
          codes.push(item.code(answer));
        }
        const state = states[x] as ItemSums;
        state.n++;
        codes.forEach((c, i) => {
          state.sums[i] = (state.sums[i] ?? 0) + c;
          const row = state.cross[i] as number[];
          codes.forEach((d, j) => (row[j] = (row[j] ?? 0) + c * d));
        });
      });
    },
    merge(into, from) {
      into.forEach((state, x) => {
        const other = from[x] as ItemSums;
        state.n += other.n;
        state.sums.forEach((_, i) => (state.sums[i] = (state.sums[i] ?? 0) + (other.sums[i] ?? 0)));
        state.cross.forEach((row, i) => row.forEach((_, j) => (row[j] = (row[j] ?? 0) + (other.cross[i]?.[j] ?? 0))));
      });
    },
  };
}

/** The sample covariance matrix (n − 1) of the items: (Σ x_i x_j − Σ x_i Σ x_j / n) / (n − 1); null under two respondents. */
export function itemCovariance(sums: ItemSums): number[][] | null {
  const { n } = sums;
  if (n < 2) return null;
  return sums.cross.map((row, i) => row.map((c, j) => (c - ((sums.sums[i] ?? 0) * (sums.sums[j] ?? 0)) / n) / (n - 1)));
}
