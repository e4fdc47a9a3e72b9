import { analyzeSurvey, type ProgressEvent } from '../../analyze-survey.ts';
import { formatAccounting, formatFlag, formatMetricLine } from '../format-result.ts';
import { writeOut } from '../write.ts';

export async function analyzeCommand(survey: string, options: { out: string; json?: boolean }): Promise<number> {
  // Under `batch`, progress goes to the parent process as JSON lines on the IPC channel.
  const onProgress = process.send === undefined ? undefined : (event: ProgressEvent): void => void process.send?.({ progress: event });
  const result = await analyzeSurvey(survey, { outDir: options.out, ...(onProgress === undefined ? {} : { onProgress }) });
  const { stats } = result;
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
