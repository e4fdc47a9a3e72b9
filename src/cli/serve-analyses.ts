/**
 * The loop of a batch child process: each `{ survey, out }` message is analysed in turn, its progress and
 * then its outcome sent back; a `{ seriesOf, out }` message draws the series reports at the end. The
 * renderers are loaded with this module, while the parent still prepares the first survey. The process
 * ends when the parent disconnects.
 */
import { analyzeSurvey } from '../analyze-survey.ts';
import type { LoadedCodebook } from '../codebook/load-codebook.ts';
import { writeSeriesReports } from '../report/write-series-reports.ts';
import { errorMessage } from './error-message.ts';

/**
 * A survey to analyse into `out` (with its codebook as the parent loaded it, which is plain JSON), or the
 * series reports over reports in `out` (by id, in order).
 */
export type AnalysisJob = { survey: string; out: string; codebook?: LoadedCodebook } | { seriesOf: string[]; out: string };

export function serveAnalyses(): void {
  const send = (message: unknown): void => void process.send?.(message);
  let queue = Promise.resolve();
  process.on('message', (job: AnalysisJob) => {
    queue = queue.then(async () => {
      try {
        if ('survey' in job) {
          await analyzeSurvey(job.survey, { outDir: job.out, onProgress: (progress) => send({ progress }), ...(job.codebook === undefined ? {} : { codebook: job.codebook }) });
        } else {
          await writeSeriesReports(job.out, job.seriesOf);
        }
        send({ done: true });
      } catch (error) {
        send({ done: false, error: errorMessage(error).text });
      }
    });
  });
  process.on('disconnect', () => void queue.then(() => process.exit(0)));
}
