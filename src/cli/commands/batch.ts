/**
 * `stickiness batch`: every `DIR/*\/survey.yaml` into `--out`, in parallel child processes (`--jobs`, default
 * the number of CPUs; each child analyses one survey after another), skipping surveys whose export, codebook
 * and tool are unchanged (`inputs.json` in the report folder) unless `--force`. A failing or crashing survey
 * is reported and never stops the others; the run ends with a summary table and writes `index.md` and
 * `index.html` over all reports.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { reportInputs, type ProgressEvent } from '../../analyze-survey.ts';
import { loadCodebook, type LoadedCodebook } from '../../codebook/load-codebook.ts';
import { resolveSourceFile } from '../../ingest/resolve-source-file.ts';
import { indexHtml, indexMarkdown, type IndexEntry } from '../../report/report-index.ts';
import type { Stats } from '../../report/stats-json.ts';
import { seriesWithWaves } from '../../stats/wave-changes.ts';
import { UserError } from '../../util/user-error.ts';
import { analysisChild, type AnalysisChild } from '../analysis-pool.ts';
import { UsageError } from '../usage-error.ts';

interface Outcome {
  survey: string;
  id: string;
  status: 'ok' | 'skipped' | 'failed';
  seconds: number;
  error?: string;
}

export interface BatchOptions {
  out: string;
  jobs?: string;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
  watch?: boolean;
}

export async function batchCommand(dir: string, options: BatchOptions): Promise<number> {
  if (options.jobs !== undefined && !/^[1-9]\d*$/.test(options.jobs)) throw new UsageError(`--jobs must be a positive whole number, not \`${options.jobs}\``);
  if (options.watch !== true) return runBatch(dir, options);
  return watchBatch(dir, options);
}

/** Quiet time after the last change before a run, and the interval a changed file's size must hold still. */
const DEBOUNCE_MS = 500;
const SETTLE_MS = 300;

/**
 * `--watch`: stays running and runs the batch again when an export or codebook changes or a survey folder
 * appears (debounced; it waits until the changed files stop growing, so a half-written export is not read).
 * Unchanged surveys are skipped as usual. Ends on Ctrl-C.
 */
async function watchBatch(dir: string, options: BatchOptions): Promise<number> {
  const { watch } = await import('node:fs');
  const again = { ...options, force: false };
  let code = 0;
  await new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let queued = false;
    const changed = new Set<string>();
    const trigger = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void go(), DEBOUNCE_MS);
    };
    const go = async (): Promise<void> => {
      if (running) {
        queued = true;
        return;
      }
      running = true;
      const files = [...changed];
      changed.clear();
      await settled(files.map((f) => path.join(dir, f)));
      code = await runBatch(dir, again).catch((error: unknown) => {
        process.stderr.write(`${messageOf(error)}\n`);
        return 1;
      });
      running = false;
      if (queued) {
        queued = false;
        trigger();
      }
    };
    const watcher = watch(dir, { recursive: true }, (_event, name) => {
      if (name === null || name.includes(`${path.sep}.`) || name.startsWith('.')) return;
      changed.add(String(name));
      trigger();
    });
    const stop = (): void => {
      watcher.close();
      if (timer !== undefined) clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // The first run starts once the watcher is up, so a change made while it runs is not missed.
    running = true;
    void runBatch(dir, options)
      .catch((error: unknown) => {
        process.stderr.write(`${messageOf(error)}\n`);
        return 1;
      })
      .then((first) => {
        code = first;
        running = false;
        process.stderr.write(`watching ${dir} for new or changed exports (Ctrl-C to stop)\n`);
        if (queued || changed.size > 0) {
          queued = false;
          trigger();
        }
      });
  });
  return code;
}

/** Waits until each file's size is the same twice in a row (a copy or an export still being written grows). */
async function settled(files: readonly string[]): Promise<void> {
  const sizes = async (): Promise<string> => JSON.stringify(await Promise.all(files.map(async (f) => (await stat(f).catch(() => undefined))?.size ?? -1)));
  let before = await sizes();
  for (;;) {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const now = await sizes();
    if (now === before) return;
    before = now;
  }
}

async function runBatch(dir: string, options: BatchOptions): Promise<number> {
  const jobs = options.jobs === undefined ? availableParallelism() : Number(options.jobs);
  const surveys = await discover(dir);
  // A child process starts as soon as there is a survey for it, and loads while the rest are checked. The
  // first also draws the series reports at the end. All are closed however the run ends.
  const children = Array.from({ length: Math.max(1, jobs) }, () => analysisChild());
  try {
    return await analyseAll(surveys, children, options);
  } finally {
    for (const child of children) child.close();
  }
}

/** A survey whose report is to be made, with its codebook as loaded to check it. */
interface Pending {
  survey: string;
  id: string;
  codebook: LoadedCodebook;
}

/**
 * Loads every codebook in turn and yields the surveys to analyse; a broken codebook fails its survey alone,
 * a survey whose id an earlier one has fails, and an unchanged one is skipped (both recorded in `outcomes`).
 * The n-th survey to analyse starts the n-th child process, to load while the rest are checked.
 */
async function* surveysToAnalyse(surveys: readonly string[], children: readonly AnalysisChild[], outcomes: Outcome[], options: BatchOptions): AsyncGenerator<Pending> {
  const ids = new Map<string, string>();
  let pending = 0;
  for (const survey of surveys) {
    let loaded: LoadedCodebook;
    try {
      loaded = await loadCodebook(survey);
      const other = ids.get(loaded.codebook.id);
      if (other !== undefined) {
        throw new UserError(path.join(survey, 'survey.yaml'), `id \`${loaded.codebook.id}\` is also the id of ${other}; ids name report folders, so give each survey its own`);
      }
      ids.set(loaded.codebook.id, survey);
      if (options.force !== true && (await unchanged(loaded.text, await resolveSourceFile(loaded), path.join(options.out, loaded.codebook.id)))) {
        const outcome: Outcome = { survey, id: loaded.codebook.id, status: 'skipped', seconds: 0 };
        outcomes.push(outcome);
        report(options, outcome);
        continue;
      }
    } catch (error) {
      const outcome: Outcome = { survey, id: '', status: 'failed', seconds: 0, error: messageOf(error) };
      outcomes.push(outcome);
      report(options, outcome);
      continue;
    }
    children[pending++]?.start();
    yield { survey, id: loaded.codebook.id, codebook: loaded };
  }
}

/** Checks which surveys need analysing, analyses them in `children`, and writes the index and the series reports. */
async function analyseAll(surveys: readonly string[], children: readonly AnalysisChild[], options: BatchOptions): Promise<number> {
  const outcomes: Outcome[] = [];
  // Surveys are handed to the children as soon as they are checked: the first child starts on the first
  // survey while the parent still checks the others. Each child takes the next survey when it is done; the
  // generator answers one request at a time, so no survey is taken twice.
  const queue = surveysToAnalyse(surveys, children, outcomes, options);

  // On a terminal a status line shows what is running; piped or in CI there are only the plain result lines.
  const running = new Map<string, string>();
  const live = process.stdout.isTTY === true && options.json !== true && options.quiet !== true;
  const status = (): void => {
    const now = [...running].map(([survey, stage]) => `${path.basename(survey)} ${stage}`).join(', ');
    if (live) process.stdout.write(`\r\x1b[K${running.size === 0 ? '' : `(${outcomes.length} of ${surveys.length} done) ${now}`}`);
  };
  const worker = async (child: AnalysisChild): Promise<void> => {
    for (let item = await queue.next(); item.done !== true; item = await queue.next()) {
      const { survey } = item.value;
      running.set(survey, 'starting');
      status();
      const outcome = await analyzeInChild(child, item.value, options.out, (event) => {
        running.set(survey, event.stage === 'ingest' ? `reading (${event.rows.toLocaleString('en')} rows)` : event.stage === 'report' ? 'computing and drawing' : 'writing');
        status();
      });
      running.delete(survey);
      outcomes.push(outcome);
      if (live) process.stdout.write('\r\x1b[K');
      report(options, outcome);
      status();
    }
  };
  await Promise.all(children.map(worker));

  outcomes.sort((a, b) => (a.survey < b.survey ? -1 : a.survey > b.survey ? 1 : 0));
  const entries = await indexEntries(options.out, outcomes);
  await writeIndex(path.join(options.out, 'index.md'), indexMarkdown(entries));
  await writeIndex(path.join(options.out, 'index.html'), indexHtml(entries));
  // Series reports are drawn by a child process, where the renderers are loaded and warm.
  let seriesFailed: string | undefined;
  const drawer = children[0];
  if (drawer !== undefined && seriesWithWaves(entries.map((e) => e.stats)).length > 0) {
    const made = await drawer.analyze({ seriesOf: entries.map((e) => e.id), out: options.out }, () => undefined);
    if (!made.ok) seriesFailed = made.error;
  }
  if (options.json !== true && options.quiet !== true) process.stdout.write(summaryTable(outcomes, entries));
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (seriesFailed !== undefined) process.stderr.write(`failed series reports: ${seriesFailed}\n`);
  if (options.quiet !== true || failed.length > 0) process.stderr.write(`${outcomes.length - failed.length} of ${outcomes.length} surveys analysed or up to date${failed.length === 0 ? '' : `; failed: ${failed.map((f) => f.survey).join(', ')}`}\n`);
  return failed.length === 0 && seriesFailed === undefined ? 0 : 1;
}

async function writeIndex(file: string, content: string): Promise<void> {
  await writeFile(file, content).catch((error: NodeJS.ErrnoException) => {
    throw error.code === undefined ? error : new UserError(file, `cannot write the index here (${error.code}); pass --out a folder you can write to`);
  });
}

async function discover(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new UserError(dir, 'no such folder; pass the folder that holds your survey folders (default: surveys)');
  });
  const surveys: string[] = [];
  for (const name of entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    if ((await stat(path.join(dir, name, 'survey.yaml')).catch(() => undefined))?.isFile() === true) surveys.push(path.join(dir, name));
  }
  if (surveys.length === 0) throw new UserError(dir, 'holds no survey folder (a folder with a survey.yaml)');
  return surveys;
}

/** Whether the report folder was made from exactly these inputs by this tool. */
async function unchanged(codebookText: string, exportFile: string, reportDir: string): Promise<boolean> {
  const recorded = await readFile(path.join(reportDir, 'inputs.json'), 'utf8').catch(() => undefined);
  if (recorded === undefined) return false;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(exportFile) as AsyncIterable<Buffer>) hash.update(chunk);
  return recorded === `${JSON.stringify(reportInputs(codebookText, hash.digest('hex')), null, 2)}\n`;
}

async function analyzeInChild(child: AnalysisChild, { survey, id, codebook }: Pending, out: string, onProgress: (event: ProgressEvent) => void): Promise<Outcome> {
  const started = process.hrtime.bigint();
  const outcome = await child.analyze({ survey, out, codebook }, onProgress);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return outcome.ok ? { survey, id, status: 'ok', seconds } : { survey, id, status: 'failed', seconds, error: outcome.error };
}

function report(options: { json?: boolean; quiet?: boolean }, outcome: Outcome): void {
  if (options.quiet === true && outcome.status !== 'failed') return;
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
    return;
  }
  if (outcome.status === 'failed') process.stderr.write(`failed ${outcome.survey}: ${(outcome.error ?? '').split('\n').join('\n       ')}\n`);
  else process.stdout.write(`${outcome.status.padEnd(7)} ${outcome.survey}${outcome.status === 'skipped' ? ' (unchanged; --force to re-run)' : ''}\n`);
}

async function indexEntries(out: string, outcomes: readonly Outcome[]): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') continue;
    const stats = JSON.parse(await readFile(path.join(out, outcome.id, 'stats.json'), 'utf8')) as Stats;
    entries.push({ id: outcome.id, stats, status: outcome.status, seconds: outcome.seconds });
  }
  return entries;
}

function summaryTable(outcomes: readonly Outcome[], entries: readonly IndexEntry[]): string {
  const rows = outcomes.map((o) => {
    const stats = entries.find((e) => e.id === o.id)?.stats;
    const headline = stats?.metrics.find((m) => m.kind !== 'distribution' && m.estimate !== null);
    const show = (v: number): string => (headline?.kind === 'mean' ? v.toFixed(2) : headline?.kind === 'nps' ? v.toFixed(1) : `${(v * 100).toFixed(1)}%`);
    const head = headline?.estimate === null || headline?.estimate === undefined ? '' : `${headline.id} ${show(headline.estimate)}${headline.ci === null ? '' : ` [${show(headline.ci[0])}, ${show(headline.ci[1])}]`}`;
    return [o.id || path.basename(o.survey), stats ? `${stats.input.rowsRead}/${stats.input.accepted}/${stats.input.quarantined}` : '', head, stats ? String(stats.flags.length) : '', o.status, `${o.seconds.toFixed(1)}s`];
  });
  const header = ['survey', 'read/accepted/quarantined', 'headline', 'flags', 'status', 'time'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return `\n${[line(header), ...rows.map(line)].join('\n')}\n`;
}

function messageOf(error: unknown): string {
  return error instanceof UserError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
}
