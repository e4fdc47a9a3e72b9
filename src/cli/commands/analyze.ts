import { analyzeSurvey, type ProgressEvent } from '../../analyze-survey.ts';
import { formatAccounting, formatFlag, formatMetricLine } from '../format-result.ts';
import { writeOut } from '../write.ts';
import { terminalProgress } from '../progress-line.ts';

export async function analyzeCommand(survey: string, options: { out: string; json?: boolean; quiet?: boolean }): Promise<number> {
  // Under `batch`, progress goes to the parent process as JSON lines on the IPC channel; on a terminal, to a
  // progress line on stderr.
  const terminal = process.send === undefined ? terminalProgress(options) : undefined;
  const onProgress = process.send === undefined ? terminal : (event: ProgressEvent): void => void process.send?.({ progress: event });
  // The line is erased however the run ends, so an error message starts on a clean line.
  const result = await analyzeSurvey(survey, { outDir: options.out, ...(onProgress === undefined ? {} : { onProgress }) }).finally(() => terminal?.({ stage: 'done' }));
  const { stats } = result;
  if (options.quiet === true) return 0;
  if (options.json === true) {
    const summary = { id: stats.survey.id, reportDir: result.reportDir, input: stats.input, metrics: stats.metrics, flags: stats.flags };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `${formatAccounting(stats.survey.id, result.validation)} -> ${result.reportDir}`,
    ...stats.metrics.map(formatMetricLine),
    ...stats.flags.map(formatFlag),
  ];
  writeOut(`${lines.join('\n')}\n`);
  return 0;
}
