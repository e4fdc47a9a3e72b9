/**
 * The benchmark's results as Markdown: one table row per measured run, notes, the machine, issue 8's targets
 * (each met or not), and any disagreement with the pandas peer or failed run.
 */

/** One measured run: medians over its repetitions. */
export interface BenchRow {
  run: string;
  rows: number;
  bytes: number;
  seconds: number;
  /** Peak resident set size in MB; null when not measured (batch: each survey runs in a child process). */
  peakRssMB: number | null;
  /** This run's time over the pandas peer's on the same input; null when there is no peer run to compare. */
  vsPandas: number | null;
}

export interface Target {
  goal: string;
  /** undefined: not measured in this run of the bench (with the reason in `detail`). */
  met: boolean | undefined;
  detail: string;
}

const MB = 1024 * 1024;

const integer = (value: number): string => Math.round(value).toLocaleString('en-US');
const decimal = (value: number, digits: number): string => value.toFixed(digits);
/** Sizes and rates: whole numbers from 100, one decimal from 1, two below (the sample's export is 0.03 MB). */
const amount = (value: number): string => decimal(value, value >= 100 ? 0 : value >= 1 ? 1 : 2);

export interface BenchReport {
  rows: readonly BenchRow[];
  /** Repetitions per run. */
  runs: number;
  notes: readonly string[];
  machine: string;
  /** Why a target whose runs are missing was not measured. */
  skipped: string;
  mismatches: readonly string[];
  failures: readonly string[];
}

export function formatReport(report: BenchReport): string {
  const { rows, mismatches, failures } = report;
  const list = (lines: readonly string[]): string[] => lines.map((line) => `- ${line.replaceAll('\n', '\n  ')}`);
  return [
    formatTable(rows),
    '',
    `Median of ${report.runs} run(s) each; wall time around the spawn, start-up included. Peak RSS: the process's maxRSS`,
    '(node: main and worker threads; pandas: ru_maxrss). Batch analyses each survey in a child process, not measured (-).',
    ...list(report.notes),
    '',
    `Machine: ${report.machine}`,
    '',
    'Targets (issue 8) and aims (issue 22):',
    formatTargets(judgeTargets((run) => rows.find((row) => row.run === run), report.skipped)),
    ...(mismatches.length === 0 ? [] : ['', `stats.json and the pandas peer disagree (${mismatches.length}):`, ...list(mismatches)]),
    ...(failures.length === 0 ? [] : ['', `Failed runs (${failures.length}):`, ...list(failures)]),
    '',
  ].join('\n');
}

export function formatTable(rows: readonly BenchRow[]): string {
  const lines = [
    '| run | rows | MB | median s | rows/s | MB/s | peak RSS MB | vs pandas |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((row) =>
      [
        row.run,
        integer(row.rows),
        amount(row.bytes / MB),
        decimal(row.seconds, 2),
        integer(row.rows / row.seconds),
        amount(row.bytes / MB / row.seconds),
        row.peakRssMB === null ? '-' : integer(row.peakRssMB),
        row.vsPandas === null ? '-' : `${decimal(row.vsPandas, 2)}×`,
      ].join(' | '),
    ).map((cells) => `| ${cells} |`),
  ];
  return lines.join('\n');
}

export function formatTargets(targets: readonly Target[]): string {
  return targets.map((t) => `- ${t.goal}: **${t.met === undefined ? 'not measured' : t.met ? 'met' : 'not met'}** (${t.detail})`).join('\n');
}

/**
 * Issue 8's targets and issue 22's aims, judged on the rows measured (named as in bench.ts). A target whose rows were not run is
 * not measured; `skipped` says why.
 */
export function judgeTargets(find: (run: string) => BenchRow | undefined, skipped: string): Target[] {
  const sample = find('analyze sample');
  const analyze100k = find('analyze 100k');
  const analyze1M = find('analyze 1M');
  const pandas1M = find('pandas 1M');
  const batch = find('batch 100 surveys');
  const leanRow = find('analyze lean 1M');
  const leanDuckdb = find('analyze lean 1M Parquet (DuckDB)');
  const leanPandas = find('pandas lean 1M');
  const rss100k = analyze100k?.peakRssMB ?? undefined;
  const rss1M = analyze1M?.peakRssMB ?? undefined;
  const target = (goal: string, measured: { met: boolean; detail: string } | undefined): Target =>
    measured === undefined ? { goal, met: undefined, detail: skipped } : { goal, ...measured };
  return [
    target('1M analyze ≤ 0.6× pandas', analyze1M && pandas1M && {
      met: analyze1M.seconds <= 0.6 * pandas1M.seconds,
      detail: `${decimal(analyze1M.seconds / pandas1M.seconds, 2)}×`,
    }),
    target('peak RSS of analyze at 1M ≤ 300 MB', rss1M === undefined ? undefined : { met: rss1M <= 300, detail: `${integer(rss1M)} MB` }),
    target('peak RSS at 1M within 1.3× of 100k', rss1M === undefined || rss100k === undefined ? undefined : {
      met: rss1M <= 1.3 * rss100k,
      detail: `${decimal(rss1M / rss100k, 2)}×: ${integer(rss1M)} MB vs ${integer(rss100k)} MB`,
    }),
    target('lean 1M analyze ≤ 0.4× pandas (issue 22, an aim)', leanRow && leanPandas && {
      met: leanRow.seconds <= 0.4 * leanPandas.seconds,
      detail: `${decimal(leanRow.seconds / leanPandas.seconds, 2)}×`,
    }),
    target('lean 1M Parquet through DuckDB ≤ 0.15× pandas (issue 22, an aim)', leanDuckdb && leanPandas && {
      met: leanDuckdb.seconds <= 0.15 * leanPandas.seconds,
      detail: `${decimal(leanDuckdb.seconds / leanPandas.seconds, 2)}×`,
    }),
    target('sample < 1 s', sample && { met: sample.seconds < 1, detail: `${decimal(sample.seconds, 2)} s` }),
    target('batch of 100 < 15 s', batch && { met: batch.seconds < 15, detail: `${decimal(batch.seconds, 2)} s` }),
  ];
}
