/**
 * `npm run bench` (issue 8; not part of `npm test`): how fast and how lean `stickiness` is, against the plain
 * pandas way of computing the same numbers (tests/bench/pandas_peer.py), and whether both agree.
 *
 *   npx tsx tests/bench/bench.ts [--runs N] [--quick]
 *
 * Runs, each `--runs` times (default 3), reporting the median: analyze on the 160-row sample; analyze and the
 * pandas peer at 100k and 1M synthetic rows; the lean shape at 1M (bench-inputs.ts `leanSurveys`) as CSV, with
 * its pandas peer, and as Parquet through DuckDB; batch over 100 small surveys; once each, 10M rows as Parquet
 * through DuckDB and on ClickHouse. `--quick`: the sample and 100k only; `--engines`: the 10M runs only;
 * `--lean`: the lean shape only.
 * Times are wall clock around the spawn, start-up included. Peak RSS of node runs comes from
 * tests/bench/report-peak-rss.mjs, preloaded with `--import`. Prints a Markdown table and issue 8's targets on
 * stdout (progress on stderr); exits 1 when a run fails or analyze's stats.json and the peer disagree.
 *
 * Every run writes into its own folder under one temporary folder, removed only after the last run. On a
 * file system without a journal (ext4 mounted so, as on the machine the README's table comes from), creating
 * a file skips over every inode freed in the last 60 to 300 seconds, reading each one's dtime: removing a
 * batch run's 5,700 files before the next run made that run's file creation cost 0.5–0.9 ms a file instead
 * of about 0.01, a second or more of system time that the tool itself does not cause.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BIN, clickhouseSurvey, leanSurveys, parquetSurvey, ROOT, sampleSurvey, sizedSurvey, sizeName, smallSurveys, type BenchBatch, type BenchSurvey } from './bench-inputs.ts';
import { formatReport, type BenchRow } from './bench-report.ts';
import { compareWithPeer, peerJson, statsJson, TOLERANCE, type PeerJson, type StatsJson } from './compare-with-peer.ts';
import { median, runProcess } from './run-process.ts';

const PEAK_RSS_MODULE = pathToFileURL(join(ROOT, 'tests', 'bench', 'report-peak-rss.mjs')).href;
const PEER = join(ROOT, 'tests', 'bench', 'pandas_peer.py');
const PYTHONS = ['python3', '/usr/bin/python3'];
const INSTALL_HINT = 'sudo apt-get install python3-pandas python3-scipy python3-yaml';
const USAGE = 'usage: npx tsx tests/bench/bench.ts [--runs N] [--quick | --engines | --lean]';

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

/** The folder every run's output goes under (see the top of this file); made by main. */
let outputs = '';
const freshOutput = (): string => mkdtempSync(join(outputs, 'run-'));

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options === 'help' || options === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return options === 'help' ? 0 : 2;
  }
  outputs = mkdtempSync(join(tmpdir(), 'stickiness-bench-'));
  try {
    return await measureAll(options);
  } finally {
    rmSync(outputs, { recursive: true, force: true });
  }
}

async function measureAll({ runs, quick, engines, lean }: { runs: number; quick: boolean; engines: boolean; lean: boolean }): Promise<number> {
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const python = findPython();
  if (python === undefined) {
    const skip = `no python with pandas, numpy, scipy and yaml (tried ${PYTHONS.join(', ')}): the pandas peer is skipped; install it with \`${INSTALL_HINT}\``;
    log(skip);
    notes.push(skip);
  }
  const mismatches: string[] = [];
  // A run that fails is reported with the others' results, not instead of them.
  const failures: string[] = [];
  const attempt = async <T>(run: string, measure: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await measure();
    } catch (error) {
      log(`${run} failed`);
      failures.push(`${run}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };

  const sample = sampleSurvey();
  const only = engines || lean;
  const sampleRun = only ? undefined : await attempt('analyze sample', () => timeAnalyze(sample, runs));
  if (sampleRun !== undefined) rows.push(analyzeRow('analyze sample', sample, sampleRun, null));

  for (const size of only ? [] : quick ? [100_000] : [100_000, 1_000_000]) {
    const name = sizeName(size);
    const survey = await attempt(`synth ${name}`, () => sizedSurvey(size, log));
    if (survey === undefined) continue;
    const analyzed = await attempt(`analyze ${name}`, () => timeAnalyze(survey, runs));
    const peer = python === undefined ? undefined : await attempt(`pandas ${name}`, () => timePeer(python.command, survey, runs));
    if (analyzed !== undefined) rows.push(analyzeRow(`analyze ${name}`, survey, analyzed, peer?.seconds ?? null));
    if (peer === undefined) continue;
    rows.push({ run: `pandas ${name}`, rows: size, bytes: survey.bytes, seconds: peer.seconds, peakRssMB: peer.peakRssMB, vsPandas: null });
    notes.push(`pandas ${name}: ${peer.ownSeconds.toFixed(2)} s by the script's own clock (imports included)`);
    if (analyzed === undefined) continue;
    const agreement = compareWithPeer(analyzed.stats, peer.output);
    notes.push(`agreement at ${name}: ${agreement.compared} numbers compared, ${agreement.mismatches.length} outside ${TOLERANCE}`);
    mismatches.push(...agreement.mismatches.map((line) => `${name}: ${line}`));
  }

  if (!quick && !engines) {
    // Issue 22's second shape: the lean codebook at 1M rows, as CSV against pandas, and as Parquet through DuckDB.
    const shapes = await attempt('synth lean 1M', () => leanSurveys(1_000_000, log));
    const peer = shapes === undefined || python === undefined ? undefined : await attempt('pandas lean 1M', () => timePeer(python.command, shapes.csv, runs));
    for (const [run, survey] of shapes === undefined ? [] : ([['analyze lean 1M', shapes.csv], ['analyze lean 1M Parquet (DuckDB)', shapes.parquet]] as const)) {
      const analyzed = await attempt(run, () => timeAnalyze(survey, runs));
      if (analyzed === undefined) continue;
      rows.push(analyzeRow(run, survey, analyzed, peer?.seconds ?? null));
      if (peer === undefined) continue;
      const agreement = compareWithPeer(analyzed.stats, peer.output);
      notes.push(`agreement of ${run} with pandas: ${agreement.compared} numbers compared, ${agreement.mismatches.length} outside ${TOLERANCE}`);
      mismatches.push(...agreement.mismatches.map((line) => `${run}: ${line}`));
    }
    if (shapes !== undefined && peer !== undefined) {
      rows.push({ run: 'pandas lean 1M', rows: 1_000_000, bytes: shapes.csv.bytes, seconds: peer.seconds, peakRssMB: peer.peakRssMB, vsPandas: null });
      notes.push(`pandas lean 1M: ${peer.ownSeconds.toFixed(2)} s by the script's own clock (imports included)`);
    }
  }
  if (!quick && !lean) {
    // Issue 22: ten million rows as Parquet through DuckDB embedded, and the same rows on a ClickHouse server.
    const parquet = await attempt('synth 10M Parquet', () => parquetSurvey(10_000_000, log));
    const viaDuckdb = parquet === undefined ? undefined : await attempt('analyze 10M Parquet (DuckDB)', () => timeAnalyze(parquet, 1));
    if (parquet !== undefined && viaDuckdb !== undefined) rows.push(analyzeRow('analyze 10M Parquet (DuckDB)', parquet, viaDuckdb, null));
    const server = parquet === undefined ? undefined : await attempt('load 10M into ClickHouse', () => clickhouseSurvey(parquet, log));
    if (server === undefined) notes.push('ClickHouse: skipped (clickhouse-server is not installed, or the load failed)');
    else {
      try {
        const viaServer = await attempt('analyze 10M (ClickHouse)', () => timeAnalyze(server.survey, 1, server.env));
        if (viaServer !== undefined) {
          rows.push({ ...analyzeRow('analyze 10M (ClickHouse)', server.survey, viaServer, null), bytes: 0 });
          if (viaDuckdb !== undefined) notes.push(`10M: DuckDB and ClickHouse accepted ${viaDuckdb.stats.input.accepted} and ${viaServer.stats.input.accepted} rows`);
        }
      } finally {
        await server.stop();
      }
    }
  }
  if (!quick && !only) {
    const batch = await attempt('synth batch', () => smallSurveys(log));
    const seconds = batch === undefined ? undefined : await attempt('batch 100 surveys', () => timeBatch(batch, runs));
    if (batch !== undefined && seconds !== undefined) rows.push({ run: 'batch 100 surveys', rows: batch.rows, bytes: batch.bytes, seconds, peakRssMB: null, vsPandas: null });
  }

  const reasons = [quick ? 'not run with --quick' : '', engines ? 'only the engines run with --engines' : '', lean ? 'only the lean shape runs with --lean' : '', python === undefined ? 'the pandas peer was skipped' : '', failures.length > 0 ? 'a run failed' : ''];
  const skipped = reasons.filter((reason) => reason !== '').join(', or ');
  const machine = `${describeMachine()}; ${python === undefined ? 'pandas peer skipped' : python.versions}; ${new Date().toISOString().slice(0, 10)}`;
  process.stdout.write(formatReport({ rows, runs, notes, machine, skipped, mismatches, failures }));
  return mismatches.length > 0 || failures.length > 0 ? 1 : 0;
}

/** The options, 'help' for --help, undefined when they make no sense. */
function parseOptions(argv: string[]): { runs: number; quick: boolean; engines: boolean; lean: boolean } | 'help' | undefined {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        runs: { type: 'string', default: '3' },
        quick: { type: 'boolean', default: false },
        engines: { type: 'boolean', default: false },
        lean: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    if (values.help) return 'help';
    const runs = Number(values.runs);
    const chosen = [values.quick, values.engines, values.lean].filter(Boolean).length;
    return Number.isInteger(runs) && runs >= 1 && chosen <= 1 ? { runs, quick: values.quick, engines: values.engines, lean: values.lean } : undefined;
  } catch {
    return undefined;
  }
}

/** The first of PYTHONS that imports everything the peer needs, with its versions; undefined when none does. */
function findPython(): { command: string; versions: string } | undefined {
  const probe = 'import sys, pandas, numpy, scipy, yaml; print(f"Python {sys.version.split()[0]}, pandas {pandas.__version__}, numpy {numpy.__version__}, scipy {scipy.__version__}")';
  for (const command of PYTHONS) {
    const result = spawnSync(command, ['-c', probe], { encoding: 'utf8' });
    if (result.status === 0) return { command, versions: result.stdout.trim() };
  }
  return undefined;
}

function analyzeRow(run: string, survey: BenchSurvey, measured: { seconds: number; peakRssMB: number; stats: StatsJson }, pandasSeconds: number | null): BenchRow {
  return {
    run,
    rows: survey.rows ?? measured.stats.input.rowsRead,
    bytes: survey.bytes,
    seconds: measured.seconds,
    peakRssMB: measured.peakRssMB,
    vsPandas: pandasSeconds === null ? null : measured.seconds / pandasSeconds,
  };
}

/** `stickiness analyze` into a fresh folder each run; the stats.json of the last run. */
async function timeAnalyze(survey: BenchSurvey, runs: number, env: Record<string, string> = {}): Promise<{ seconds: number; peakRssMB: number; stats: StatsJson }> {
  const seconds: number[] = [];
  const peaks: number[] = [];
  let stats: StatsJson | undefined;
  for (let i = 0; i < runs; i++) {
    log(`analyze ${survey.id} (${i + 1}/${runs})`);
    const out = freshOutput();
    const rssFile = join(out, 'peak-rss.txt');
    const run = await runProcess(process.execPath, ['--import', PEAK_RSS_MODULE, BIN, 'analyze', survey.folder, '--out', out], {
      cwd: ROOT,
      env: { ...process.env, ...env, BENCH_PEAK_RSS_FILE: rssFile },
    });
    seconds.push(run.seconds);
    peaks.push(peakRssMB(rssFile));
    stats = statsJson.parse(JSON.parse(readFileSync(join(out, survey.id, 'stats.json'), 'utf8')));
  }
  if (stats === undefined) throw new Error('no analyze run');
  return { seconds: median(seconds), peakRssMB: median(peaks), stats };
}

/** The peak RSS report-peak-rss.mjs wrote, in MB (from KB). */
function peakRssMB(file: string): number {
  const reported = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').map(Number);
  if (reported.length === 0 || reported.some((kb) => !Number.isFinite(kb))) throw new Error(`${file} does not hold the peak RSS`);
  return Math.max(...reported) / 1024;
}

/** The pandas peer; its output of the last run. */
async function timePeer(python: string, survey: BenchSurvey, runs: number): Promise<{ seconds: number; peakRssMB: number; ownSeconds: number; output: PeerJson }> {
  const seconds: number[] = [];
  const outputs: PeerJson[] = [];
  for (let i = 0; i < runs; i++) {
    log(`pandas peer on ${survey.id} (${i + 1}/${runs})`);
    const run = await runProcess(python, [PEER, survey.folder], { cwd: ROOT });
    seconds.push(run.seconds);
    outputs.push(peerJson.parse(JSON.parse(run.stdout)));
  }
  const output = outputs[outputs.length - 1];
  if (output === undefined) throw new Error('no pandas run');
  return {
    seconds: median(seconds),
    peakRssMB: median(outputs.map((o) => o.peakRssMB)),
    ownSeconds: median(outputs.map((o) => o.seconds)),
    output,
  };
}

/** `stickiness batch --force` over the small surveys into a fresh folder each run. */
async function timeBatch(batch: BenchBatch, runs: number): Promise<number> {
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    log(`batch of ${batch.surveys} surveys (${i + 1}/${runs})`);
    seconds.push((await runProcess(process.execPath, [BIN, 'batch', batch.folder, '--out', freshOutput(), '--force', '--quiet'], { cwd: ROOT })).seconds);
  }
  return median(seconds);
}

function describeMachine(): string {
  const cores = cpus();
  return `${cores[0]?.model.trim() ?? 'unknown CPU'} × ${cores.length}, ${Math.round(totalmem() / 1024 ** 3)} GB RAM, ${type()} ${release()}, Node ${process.version}`;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
