/**
 * `stickiness batch`: runs the batch library (src/batch/) and prints what happens: a status line on a
 * terminal, one line per survey, a summary table at the end; `--watch` runs again on every change.
 */
import path from 'node:path';
import { runBatch, type BatchEvent, type BatchResult, type Outcome } from '../../batch/run-batch.ts';
import { failureText } from '../../batch/check-survey.ts';
import { watchSurveys } from '../../batch/watch-surveys.ts';
import { kindOf } from '../../stats/kinds/index.ts';
import { UsageError } from '../../util/usage-error.ts';
import { writeErr, writeOut } from '../write.ts';
import { clearOnSignal, fitColumns, progressLine, progressText, showsProgress, stageClock } from '../progress-line.ts';
import { fixed } from '../../util/fixed.ts';

export interface BatchCliOptions {
  out: string;
  jobs?: string;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
  watch?: boolean;
}

export async function batchCommand(dir: string, options: BatchCliOptions): Promise<number> {
  if (options.jobs !== undefined && !/^[1-9]\d*$/.test(options.jobs)) throw new UsageError(`--jobs must be a positive whole number, not \`${options.jobs}\``);
  if (options.watch !== true) return runAndPrint(dir, options);
  let code = 0;
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  await watchSurveys(
    dir,
    async (first) => {
      code = await runAndPrint(dir, first ? options : { ...options, force: false }).catch((error: unknown) => {
        writeErr(`${failureText(error)}\n`);
        return 1;
      });
    },
    stop.signal,
    () => writeErr(`watching ${dir} for new or changed exports (Ctrl-C to stop)\n`),
  );
  return code;
}

async function runAndPrint(dir: string, options: BatchCliOptions): Promise<number> {
  // On a terminal a progress line on stderr shows what is running; piped or in CI there are only the plain
  // result lines. With stdout piped (`| cat`) its lines reach the terminal late, after a redrawn progress line:
  // the line is shown only when both go to the terminal.
  const line = progressLine(process.stderr, showsProgress(process.stderr, options) && process.stdout.isTTY === true);
  const release = clearOnSignal(line, options.watch !== true);
  const running = new Map<string, { text: string; clock: ReturnType<typeof stageClock> }>();
  let done = 0;
  let total = 0;
  const status = (force: boolean): void => {
    if (running.size === 0) return line.clear();
    const now = [...running].map(([survey, { text }]) => `${shortName(path.basename(survey))}: ${text}`).join('; ');
    line.show(`${total === 0 ? '' : `${done} of ${total} done · `}${now}`, force);
  };
  const onEvent = (event: BatchEvent): void => {
    if (event.type === 'start') {
      running.set(event.survey, { text: 'starting', clock: stageClock() });
      ({ total } = event);
    } else if (event.type === 'progress') {
      const entry = running.get(event.survey);
      if (entry === undefined || event.progress.stage === 'done') return;
      const at = Date.now();
      const { since } = entry.clock.tick(event.progress, at);
      entry.text = progressText(event.progress, at - since);
      return status(at === since);
    } else {
      running.delete(event.outcome.survey);
      ({ done, total } = event);
      line.clear();
      printOutcome(options, event.outcome);
    }
    status(true);
  };
  const result = await runBatch(dir, {
    out: options.out,
    ...(options.jobs === undefined ? {} : { jobs: Number(options.jobs) }),
    ...(options.force === true ? { force: true } : {}),
    onEvent,
  });
  release();
  const { outcomes, seriesError } = result;
  if (options.json !== true && options.quiet !== true) writeOut(summaryTable(result));
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (seriesError !== undefined) writeErr(`failed series reports: ${seriesError}\n`);
  if (options.quiet !== true || failed.length > 0) {
    writeErr(`${outcomes.length - failed.length} of ${outcomes.length} surveys analysed or up to date${failed.length === 0 ? '' : `; failed: ${failed.map((f) => f.survey).join(', ')}`}\n`);
  }
  return failed.length === 0 && seriesError === undefined ? 0 : 1;
}

/** A survey's folder name on the progress line: at most 24 columns, so several running surveys fit. */
function shortName(name: string): string {
  const cut = fitColumns(name, 23);
  return cut === name ? name : `${cut}…`;
}

function printOutcome(options: BatchCliOptions, outcome: Outcome): void {
  if (options.quiet === true && outcome.status !== 'failed') return;
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
    return;
  }
  if (outcome.status === 'failed') writeErr(`failed ${outcome.survey}: ${(outcome.error ?? '').split('\n').join('\n       ')}\n`);
  else writeOut(`${outcome.status.padEnd(7)} ${outcome.survey}${outcome.status === 'skipped' ? ' (unchanged; --force to re-run)' : ''}\n`);
}

function summaryTable({ outcomes, entries }: BatchResult): string {
  const rows = outcomes.map((o) => {
    const stats = entries.find((e) => e.id === o.id)?.stats;
    const headline = stats?.metrics.find((m) => kindOf(m.kind).headline && m.estimate !== null);
    const show = (v: number): string => (headline === undefined ? '' : kindOf(headline.kind).format(v));
    const head = headline?.estimate === null || headline?.estimate === undefined ? '' : `${headline.id} ${show(headline.estimate)}${headline.ci === null ? '' : ` [${show(headline.ci[0])}, ${show(headline.ci[1])}]`}`;
    return [o.id || path.basename(o.survey), stats ? `${stats.input.rowsRead}/${stats.input.accepted}/${stats.input.quarantined}` : '', head, stats ? String(stats.flags.length) : '', o.status, `${fixed(o.seconds, 1)}s`];
  });
  const header = ['survey', 'read/accepted/quarantined', 'headline', 'flags', 'status', 'time'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return `\n${[line(header), ...rows.map(line)].join('\n')}\n`;
}
