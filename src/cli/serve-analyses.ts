/**
 * The loop of a batch child process: each `{ survey, out }` message is analysed in turn, its progress and
 * then its outcome sent back. The process ends when the parent disconnects.
 */
import { analyzeSurvey } from '../analyze-survey.ts';
import { errorMessage } from './error-message.ts';

export interface AnalysisJob {
  survey: string;
  out: string;
}

export function serveAnalyses(): void {
  const send = (message: unknown): void => void process.send?.(message);
  let queue = Promise.resolve();
  process.on('message', (job: AnalysisJob) => {
    queue = queue.then(async () => {
      try {
        await analyzeSurvey(job.survey, { outDir: job.out, onProgress: (progress) => send({ progress }) });
        send({ done: true });
      } catch (error) {
        send({ done: false, error: errorMessage(error).text });
      }
    });
  });
  process.on('disconnect', () => void queue.then(() => process.exit(0)));
  // The renderers are loaded now, while the parent still prepares the first survey (analyze loads them itself).
  void Promise.all([import('../render/render-svg.ts'), import('../render/render-png.ts')]);
}
