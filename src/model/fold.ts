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
}

/** What a fold's `module` exports. */
export type FoldFactory<S> = (codebook: Codebook) => Fold<S>;
