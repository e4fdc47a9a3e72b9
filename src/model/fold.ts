/**
 * A fold: how accepted responses are summarised as they stream past, into mergeable state. Ingestion feeds
 * one (it keeps no responses); the statistics define the survey's (stats/folds/survey-fold.ts). Folding the
 * responses one at a time, or folding parts apart and merging them in order, gives the same state.
 */
import type { Codebook } from '../codebook/schema.ts';
import type { Response } from './response.ts';

export interface Fold<S> {
  create(): S;
  add(state: S, response: Response): void;
  /** `into` += `from`, `from` holding the responses after those of `into`. */
  merge(into: S, from: S): void;
  /**
   * The URL of a module whose `createFold(codebook)` makes this same fold, so that worker threads can fold
   * parts of a large export (their states, plain data, come back by structured clone). Without it an export
   * is read on one thread.
   */
  module?: string;
  /** What it reads of a response, when that is less than everything. */
  reads?: FoldReads;
  /** The fold as parts reading less (see FoldSplit). */
  split?: () => FoldSplit<S>;
}

/** What a fold's `module` exports. */
export type FoldFactory<S> = (codebook: Codebook) => Fold<S>;

/**
 * What a fold (or a part of one) reads of a response, for engines that fold grouped answers instead of rows
 * (src/engine/): the answers at these indices, and the design weights, design key and channel when marked.
 * A part that reads nothing else gives the same state from each distinct combination of what it reads, added
 * as many times as respondents gave it, as from the responses one by one.
 */
export interface FoldReads {
  questions: readonly number[];
  weights?: boolean;
  design?: boolean;
  channel?: boolean;
  /** It keeps answers of the lowest rows (quotes): an engine gives it rows one by one, lowest first, until this many had an answer to its question. */
  firstRows?: number;
}

/** A fold as parts that each read little, and how their states make the fold's. */
export interface FoldSplit<S> {
  parts: { reads: FoldReads | 'all'; fold: Fold<unknown> }[];
  join(states: readonly unknown[]): S;
}

/** A fold's parts: its own split, else itself as one part reading what it says (`reads`), else everything. */
export function splitOf<S>(fold: Fold<S>): FoldSplit<S> {
  if (fold.split !== undefined) return fold.split();
  return { parts: [{ reads: fold.reads ?? 'all', fold: fold as Fold<unknown> }], join: (states) => states[0] as S };
}
