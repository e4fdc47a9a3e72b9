/** Folds of separate concerns as one: the state holds each fold's state under its name. */
import { splitOf, type Fold, type FoldSplit } from '../../model/fold.ts';
import type { Response } from '../../model/response.ts';

type States<F> = { [K in keyof F]: F[K] extends Fold<infer S> ? S : never };

export function combineFolds<F extends Record<string, Fold<unknown>>>(folds: F): Fold<States<F>> {
  const parts = Object.entries(folds);
  return {
    create: () => Object.fromEntries(parts.map(([name, fold]) => [name, fold.create()])) as States<F>,
    add(state, response: Response) {
      const states = state as Record<string, unknown>;
      for (const [name, fold] of parts) fold.add(states[name], response);
    },
    merge(into, from) {
      const a = into as Record<string, unknown>;
      const b = from as Record<string, unknown>;
      for (const [name, fold] of parts) fold.merge(a[name], b[name]);
    },
    split: () => {
      const joined = joinSplits(parts.map(([, fold]) => splitOf(fold)));
      return { parts: joined.parts, join: (states) => Object.fromEntries(joined.join(states).map((state, i) => [parts[i]?.[0], state])) as States<F> };
    },
  };
}

/** Folds of one kind side by side: the state is the list of their states. */
export function listFolds<S>(folds: readonly Fold<S>[]): Fold<S[]> {
  return {
    create: () => folds.map((fold) => fold.create()),
    add(states, response) {
      folds.forEach((fold, i) => fold.add(states[i] as S, response));
    },
    merge(into, from) {
      folds.forEach((fold, i) => fold.merge(into[i] as S, from[i] as S));
    },
    split: () => joinSplits(folds.map((fold) => splitOf(fold))),
  };
}

/** The parts of several splits one after another, joined back into the list of their states. */
export function joinSplits<S>(splits: readonly FoldSplit<S>[]): FoldSplit<S[]> {
  const ends: number[] = [];
  const parts = splits.flatMap((s) => {
    ends.push((ends[ends.length - 1] ?? 0) + s.parts.length);
    return s.parts;
  });
  return { parts, join: (states) => splits.map((s, i) => s.join(states.slice(i === 0 ? 0 : ends[i - 1], ends[i]))) };
}
