/**
 * One piece of a batch's work, as a runner does it: a survey analysed into `out`, or the series reports over
 * the reports in `out`. Failures are outcomes with the one-line message the command line prints.
 */
import { analyzeSurvey, type ProgressEvent } from '../analyze-survey.ts';
import type { LoadedCodebook } from '../codebook/load-codebook.ts';
import { errorMessage } from '../util/error-message.ts';

/**
 * A survey to analyse into `out` (with its codebook as the batch loaded it to plan, which is plain JSON), or
 * the series reports over reports in `out` (by id, in order).
 */
export type AnalysisJob = { survey: string; out: string; codebook?: LoadedCodebook } | { seriesOf: string[]; out: string };

export type AnalysisOutcome = { ok: true } | { ok: false; error: string };

/** Where a batch's jobs run: this process, or a child process (analysis-pool.ts). */
export interface AnalysisRunner {
  /** Gets ready now (a child process loads the tool's modules while the caller still plans). */
  start(): void;
  analyze(job: AnalysisJob, onProgress: (event: ProgressEvent) => void): Promise<AnalysisOutcome>;
  close(): void;
}

export async function runAnalysisJob(job: AnalysisJob, onProgress: (event: ProgressEvent) => void): Promise<AnalysisOutcome> {
  try {
    if ('survey' in job) await analyzeSurvey(job.survey, { outDir: job.out, onProgress, ...(job.codebook === undefined ? {} : { codebook: job.codebook }) });
    // The renderers are loaded only when there are series to draw.
    else await (await import('./write-series-reports.ts')).writeSeriesReports(job.out, job.seriesOf);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: errorMessage(error).text };
  }
}

/** Runs jobs in this process, one at a time. */
export function inProcessRunner(): AnalysisRunner {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    start: () => undefined,
    analyze(job, onProgress) {
      const done = queue.then(() => runAnalysisJob(job, onProgress));
      queue = done;
      return done;
    },
    close: () => undefined,
  };
}
