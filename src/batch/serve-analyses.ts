/**
 * The loop of a batch child process: each job message is run in turn, its progress and then its outcome
 * sent back. The renderers are loaded with this module, while the parent still plans the first survey. The
 * process ends when the parent disconnects.
 */
import { runAnalysisJob, type AnalysisJob } from './analysis-job.ts';

export function serveAnalyses(): void {
  const send = (message: unknown): void => void process.send?.(message);
  let queue = Promise.resolve();
  process.on('message', (job: AnalysisJob) => {
    queue = queue.then(async () => {
      const outcome = await runAnalysisJob(job, (progress) => send({ progress }));
      send(outcome.ok ? { done: true } : { done: false, error: outcome.error });
    });
  });
  process.on('disconnect', () => void queue.then(() => process.exit(0)));
}
