/**
 * A batch: every survey folder of `dir` into `out`. Surveys are checked one after another and planned
 * (`planSurvey`: run, skip or fail); each one to run is handed to the next free runner as soon as it is
 * planned (child processes by default, each analysing one survey after another). A failing or crashing
 * survey fails alone. At the end the index over all reports is written and the series reports drawn.
 * Progress and outcomes are told through `onEvent`; nothing is printed.
 */
import { availableParallelism } from 'node:os';
import type { ProgressEvent } from '../analyze-survey.ts';
import type { LoadedCodebook } from '../codebook/load-codebook.ts';
import { seriesWithWaves } from '../stats/wave-changes.ts';
import { inProcessRunner, type AnalysisRunner } from './analysis-job.ts';
import { analysisChild } from './analysis-pool.ts';
import { checkSurvey, discoverSurveys } from './check-survey.ts';
import { planSurvey, type PlanState } from './plan-batch.ts';
import { indexEntries, writeIndex, type IndexEntry } from './write-index.ts';

export interface BatchOptions {
  /** Where report folders go. */
  out: string;
  /** Surveys analysed at once (default: the number of CPUs); each in its own child process. */
  jobs?: number;
  /** Re-run every survey, also those whose inputs are unchanged. */
  force?: boolean;
  /** Analyse in this process, one survey after another, instead of in child processes. */
  inProcess?: boolean;
  onEvent?: (event: BatchEvent) => void;
}

export interface Outcome {
  survey: string;
  /** The survey's id; empty when its codebook could not be read. */
  id: string;
  status: 'ok' | 'skipped' | 'failed';
  seconds: number;
  error?: string;
}

export type BatchEvent =
  /** A survey is handed to a runner; `total` surveys are in the batch. */
  | { type: 'start'; survey: string; total: number }
  /** A running survey reached a stage. */
  | { type: 'progress'; survey: string; progress: ProgressEvent }
  /** A survey is done with (analysed, skipped or failed); `done` of `total` are. */
  | { type: 'outcome'; outcome: Outcome; done: number; total: number };

export interface BatchResult {
  /** Every survey's outcome, in folder order. */
  outcomes: Outcome[];
  /** The index's entries: every survey with a report. */
  entries: IndexEntry[];
  /** Why the series reports could not be drawn, when they could not. */
  seriesError?: string;
}

export async function runBatch(dir: string, options: BatchOptions): Promise<BatchResult> {
  const surveys = await discoverSurveys(dir);
  const jobs = Math.max(1, options.inProcess === true ? 1 : (options.jobs ?? availableParallelism()));
  const runners: AnalysisRunner[] = Array.from({ length: jobs }, () => (options.inProcess === true ? inProcessRunner() : analysisChild()));
  try {
    return await analyseAll(surveys, runners, options);
  } finally {
    for (const runner of runners) runner.close();
  }
}

/** A survey to analyse, with its codebook as loaded to plan it. */
interface Pending {
  survey: string;
  id: string;
  codebook: LoadedCodebook;
}

async function analyseAll(surveys: readonly string[], runners: readonly AnalysisRunner[], options: BatchOptions): Promise<BatchResult> {
  const outcomes: Outcome[] = [];
  const tell = options.onEvent ?? ((): void => undefined);
  const record = (outcome: Outcome): void => {
    outcomes.push(outcome);
    tell({ type: 'outcome', outcome, done: outcomes.length, total: surveys.length });
  };
  // Each runner takes the next survey when it is done; the generator answers one request at a time, so no
  // survey is taken twice, and the first runner starts while the rest are still being checked.
  const queue = surveysToAnalyse(surveys, runners, record, options);
  const work = async (runner: AnalysisRunner): Promise<void> => {
    for (let item = await queue.next(); item.done !== true; item = await queue.next()) {
      const { survey, id, codebook } = item.value;
      tell({ type: 'start', survey, total: surveys.length });
      const started = process.hrtime.bigint();
      const outcome = await runner.analyze({ survey, out: options.out, codebook }, (progress) => tell({ type: 'progress', survey, progress }));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      record(outcome.ok ? { survey, id, status: 'ok', seconds } : { survey, id, status: 'failed', seconds, error: outcome.error });
    }
  };
  await Promise.all(runners.map(work));

  outcomes.sort((a, b) => (a.survey < b.survey ? -1 : a.survey > b.survey ? 1 : 0));
  const entries = await indexEntries(options.out, outcomes);
  await writeIndex(options.out, entries);
  // Series reports are drawn by the first runner, where the renderers are loaded and warm.
  const drawer = runners[0];
  if (drawer !== undefined && seriesWithWaves(entries.map((e) => e.stats)).length > 0) {
    const made = await drawer.analyze({ seriesOf: entries.map((e) => e.id), out: options.out }, () => undefined);
    if (!made.ok) return { outcomes, entries, seriesError: made.error };
  }
  return { outcomes, entries };
}

/**
 * Checks and plans every survey in turn, yielding those to run; skipped and failed ones are recorded. The
 * n-th survey to run starts the n-th runner, to load while the rest are checked.
 */
async function* surveysToAnalyse(surveys: readonly string[], runners: readonly AnalysisRunner[], record: (outcome: Outcome) => void, options: BatchOptions): AsyncGenerator<Pending> {
  const state: PlanState = new Map();
  let started = 0;
  for (const survey of surveys) {
    const planned = planSurvey(await checkSurvey(survey, options.out, options.force === true), state, options.force === true);
    if (planned.action === 'skip') record({ survey, id: planned.id, status: 'skipped', seconds: 0 });
    else if (planned.action === 'fail') record({ survey, id: '', status: 'failed', seconds: 0, error: planned.error });
    else {
      runners[started++]?.start();
      yield { survey, id: planned.id, codebook: planned.codebook };
    }
  }
}
