/**
 * Sums and cross-products of sets of variables over the respondents who have every variable of a set
 * (complete cases): what scale reliability (an index's items) and key-driver analysis (an outcome and its
 * drivers) need. Mergeable; the covariance matrix comes from these at the end.
 */
import type { Codebook } from '../../codebook/schema.ts';
import type { Fold } from '../../model/fold.ts';
import type { Answer } from '../../model/response.ts';
import { itemCode } from '../../codebook/index-questions.ts';

export interface ItemSums {
  n: number;
  sums: number[];
  /** cross[i][j] = Σ x_i·x_j. */
  cross: number[][];
}

/** A respondent's value of a variable, or null when they have none. */
export type Variable = (answers: readonly Answer[]) => number | null;

/** Every variable's value for this respondent into `into` (emptied first); false, part-filled, when one has none. */
export function readCase(vars: readonly Variable[], answers: readonly Answer[], into: number[]): boolean {
  into.length = 0;
  for (const variable of vars) {
    const value = variable(answers);
    if (value === null) return false;
    into.push(value);
  }
  return true;
}

/** Per set of variables, the sums over the respondents who have all of them. */
export function completeCaseFold(sets: readonly (readonly Variable[])[]): Fold<ItemSums[]> {
  const values: number[] = [];
  return {
    create: () => sets.map((vars) => ({ n: 0, sums: vars.map(() => 0), cross: vars.map(() => vars.map(() => 0)) })),
    add(states, { answers }) {
      sets.forEach((vars, x) => {
        if (!readCase(vars, answers, values)) return;
        const state = states[x] as ItemSums;
        state.n++;
        values.forEach((a, i) => {
          state.sums[i] = (state.sums[i] ?? 0) + a;
          const row = state.cross[i] as number[];
          values.forEach((b, j) => (row[j] = (row[j] ?? 0) + a * b));
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

/** Each index's items as codes (a likert's 1..k, a rating's value), reverse items flipped as the index scores them. */
export function reliabilityFold(codebook: Codebook): Fold<ItemSums[]> {
  const fold = completeCaseFold(codebook.indexes.map((index) => index.items.map((id): Variable => itemCode(codebook, index, id))));
  return { ...fold, reads: { questions: questionsAt(codebook, codebook.indexes.flatMap((index) => index.items)) } };
}

/** Where these questions sit in a response. */
export function questionsAt(codebook: Codebook, ids: readonly string[]): number[] {
  return [...new Set(ids.map((id) => codebook.questions.findIndex((q) => q.id === id)))];
}

/** The sample covariance matrix (n − 1) of the variables: (Σ x_i x_j − Σ x_i Σ x_j / n) / (n − 1); null under two respondents. */
export function itemCovariance(sums: ItemSums): number[][] | null {
  const { n } = sums;
  if (n < 2) return null;
  return sums.cross.map((row, i) => row.map((c, j) => (c - ((sums.sums[i] ?? 0) * (sums.sums[j] ?? 0)) / n) / (n - 1)));
}

/** The correlation matrix of a covariance matrix; null when some variable does not vary. */
export function correlationOf(covariance: readonly (readonly number[])[]): number[][] | null {
  const sd = covariance.map((row, i) => Math.sqrt(row[i] ?? 0));
  if (sd.some((s) => !(s > 0))) return null;
  return covariance.map((row, i) => row.map((c, j) => c / ((sd[i] as number) * (sd[j] as number))));
}
