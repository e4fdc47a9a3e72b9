/**
 * The benchmark's inputs: the sample survey as it is, and exports written by `stickiness synth` from the
 * sample's codebook and profile, cached under .cache/bench/ (gitignored): one survey per large size, and a
 * folder of 100 small surveys for `batch`. Each generated survey has a stamp in .cache/bench/stamps/ that
 * records how it was made (synth arguments, sha256 of codebook, profile and generator); a survey whose stamp still
 * matches is reused, so only the first run pays for synthesising a million rows.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { runProcess } from './run-process.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built command (`npm run bench` builds it first). */
export const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
export const SAMPLE = join(ROOT, 'surveys', 'kimi-2024');
const CACHE = join(ROOT, '.cache', 'bench');
const STAMPS = join(CACHE, 'stamps');

/** A survey folder to analyse: its codebook id (names the report folder) and its export's size. */
export interface BenchSurvey {
  folder: string;
  id: string;
  /** Rows written by synth; undefined for the sample (stats.json says how many were read). */
  rows?: number;
  bytes: number;
}

/** The folder of small surveys for `batch`, with their totals. */
export interface BenchBatch {
  folder: string;
  surveys: number;
  rows: number;
  bytes: number;
}

/** The parts of a codebook the bench reads. */
const codebookHead = z.object({ id: z.string(), source: z.object({ file: z.string() }) });

function readCodebookHead(folder: string): z.infer<typeof codebookHead> {
  return codebookHead.parse(parse(readFileSync(join(folder, 'survey.yaml'), 'utf8')));
}

function exportBytes(folder: string): number {
  return statSync(join(folder, readCodebookHead(folder).source.file)).size;
}

export function sampleSurvey(): BenchSurvey {
  return { folder: SAMPLE, id: readCodebookHead(SAMPLE).id, bytes: exportBytes(SAMPLE) };
}

/** 100_000 → "100k", 1_000_000 → "1M". */
export function sizeName(rows: number): string {
  return rows >= 1_000_000 && rows % 1_000_000 === 0 ? `${rows / 1_000_000}M` : rows % 1000 === 0 ? `${rows / 1000}k` : String(rows);
}

/** The sample's codebook at `rows` rows, 1 in 100 of them faulty, as survey `bench-<size>` in `kimi-<size>/`. */
export async function sizedSurvey(rows: number, log: (line: string) => void): Promise<BenchSurvey> {
  const name = sizeName(rows);
  // Codebook ids are lower-case slugs: bench-1m.
  const folder = join(CACHE, `kimi-${name.toLowerCase()}`);
  const spec = { folder, id: `bench-${name.toLowerCase()}`, rows, faults: Math.floor(rows / 100), seed: 7 };
  if (!isFresh(spec)) {
    log(`synthesising ${name} rows into ${relative(ROOT, folder)} (once; a million rows take about a minute)`);
    await synthesize(spec);
  }
  return { folder, id: spec.id, rows, bytes: exportBytes(folder) };
}

/** 100 small surveys `batch100/s000..s099` (ids `small-000..099`) of 150..400 rows each, each its own seed. */
export async function smallSurveys(log: (line: string) => void): Promise<BenchBatch> {
  const folder = join(CACHE, 'batch100');
  const specs = Array.from({ length: 100 }, (_, i) => {
    const rows = 150 + ((i * 97) % 251);
    const number = String(i).padStart(3, '0');
    return { folder: join(folder, `s${number}`), id: `small-${number}`, rows, faults: Math.round(rows / 40), seed: 1000 + i };
  });
  const stale = specs.filter((spec) => !isFresh(spec));
  if (stale.length > 0) log(`synthesising ${stale.length} small surveys into ${relative(ROOT, folder)} (once)`);
  await inPool(stale, cpus().length, synthesize);
  return {
    folder,
    surveys: specs.length,
    rows: specs.reduce((total, spec) => total + spec.rows, 0),
    bytes: specs.reduce((total, spec) => total + exportBytes(spec.folder), 0),
  };
}

interface SynthSpec {
  folder: string;
  id: string;
  rows: number;
  faults: number;
  seed: number;
}

function synthArgs(spec: SynthSpec): string[] {
  return ['synth', relative(ROOT, spec.folder), '--rows', String(spec.rows), '--faults', String(spec.faults), '--seed', String(spec.seed), '--force'];
}

/** What the stamp of a generated survey holds: everything its export depends on that the bench controls. */
function stampOf(spec: SynthSpec): string {
  const sha256 = (file: string): string => createHash('sha256').update(readFileSync(join(SAMPLE, file))).digest('hex');
  // The generator's source too: a change in how rows are drawn (issue 17's fault values) makes other exports.
  const synth = createHash('sha256').update(readFileSync(join(ROOT, 'src', 'synth', 'synthesize-rows.ts'))).digest('hex');
  return `${JSON.stringify({ id: spec.id, args: synthArgs(spec), codebook: sha256('survey.yaml'), profile: sha256('synth-profile.yaml'), synth }, null, 2)}\n`;
}

function stampFile(spec: SynthSpec): string {
  return join(STAMPS, `${relative(CACHE, spec.folder).replaceAll('/', '__')}.json`);
}

function isFresh(spec: SynthSpec): boolean {
  const file = stampFile(spec);
  const made = ['survey.yaml', 'synth-profile.yaml', readCodebookHead(SAMPLE).source.file].every((name) => existsSync(join(spec.folder, name)));
  return made && existsSync(file) && readFileSync(file, 'utf8') === stampOf(spec);
}

/** Copies the sample's codebook (with the survey's own id) and profile into the folder, then runs synth there. */
async function synthesize(spec: SynthSpec): Promise<void> {
  rmSync(stampFile(spec), { force: true });
  rmSync(spec.folder, { recursive: true, force: true });
  mkdirSync(spec.folder, { recursive: true });
  const codebook = readFileSync(join(SAMPLE, 'survey.yaml'), 'utf8');
  if (!/^id: .*$/m.test(codebook)) throw new Error(`${join(SAMPLE, 'survey.yaml')} has no top-level \`id:\` line to replace`);
  writeFileSync(join(spec.folder, 'survey.yaml'), codebook.replace(/^id: .*$/m, `id: ${spec.id}`));
  copyFileSync(join(SAMPLE, 'synth-profile.yaml'), join(spec.folder, 'synth-profile.yaml'));
  await runProcess(process.execPath, [BIN, ...synthArgs(spec)], { cwd: ROOT });
  mkdirSync(STAMPS, { recursive: true });
  writeFileSync(stampFile(spec), stampOf(spec));
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/**
 * The sample's codebook over a Parquet export of `rows` rows (a multiple of a million): a million synthetic
 * rows written by `synth --out F.parquet` (1 in 100 faulty), then repeated by DuckDB with each copy's
 * respondent number and IP (the duplicate key) made its own, so the copies are not duplicates of each other.
 */
export async function parquetSurvey(rows: number, log: (line: string) => void): Promise<BenchSurvey> {
  const million = 1_000_000;
  const name = sizeName(rows);
  const base = { folder: join(CACHE, 'kimi-parquet-1m'), id: 'bench-parquet-1m', rows: million, faults: million / 100, seed: 7 };
  const folder = join(CACHE, `kimi-parquet-${name.toLowerCase()}`);
  const spec = { folder, id: `bench-parquet-${name.toLowerCase()}`, rows, faults: rows / 100, seed: 7 };
  const parquet = (f: string): string => join(f, 'responses.parquet');
  const fresh = (s: SynthSpec): boolean => existsSync(parquet(s.folder)) && existsSync(stampFile(s)) && readFileSync(stampFile(s), 'utf8') === stampOf(s);
  const codebookFor = (s: SynthSpec): void => {
    mkdirSync(s.folder, { recursive: true });
    const codebook = readFileSync(join(SAMPLE, 'survey.yaml'), 'utf8').replace(/^id: .*$/m, `id: ${s.id}`).replace(/file: responses\.csv/, 'file: responses.parquet');
    writeFileSync(join(s.folder, 'survey.yaml'), codebook);
    copyFileSync(join(SAMPLE, 'synth-profile.yaml'), join(s.folder, 'synth-profile.yaml'));
  };
  if (!fresh(base)) {
    log(`synthesising 1M rows as Parquet into ${relative(ROOT, base.folder)} (once; about two minutes)`);
    rmSync(base.folder, { recursive: true, force: true });
    codebookFor(base);
    await runProcess(process.execPath, [BIN, 'synth', relative(ROOT, base.folder), '--rows', String(million), '--faults', String(base.faults), '--seed', '7', '--out', relative(ROOT, parquet(base.folder)), '--force'], { cwd: ROOT });
    mkdirSync(STAMPS, { recursive: true });
    writeFileSync(stampFile(base), stampOf(base));
  }
  if (rows === million) return { folder: base.folder, id: base.id, rows, bytes: statSync(parquet(base.folder)).size };
  if (!fresh(spec)) {
    log(`repeating them to ${name} rows into ${relative(ROOT, folder)} (once)`);
    rmSync(folder, { recursive: true, force: true });
    codebookFor(spec);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB' });
    const connection = await instance.connect();
    const copies = rows / million;
    const copy = `CASE WHEN t.i = 0 THEN "来自IP" ELSE "来自IP" || '#' || t.i END AS "来自IP", CAST(CAST("序号" AS BIGINT) + t.i * ${million} AS VARCHAR) AS "序号"`;
    await connection.run(`COPY (SELECT * EXCLUDE (file_row_number, i) REPLACE (${copy}) FROM read_parquet('${parquet(base.folder)}', file_row_number = true), range(${copies}) AS t(i) ORDER BY t.i, file_row_number) TO '${parquet(folder)}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    mkdirSync(STAMPS, { recursive: true });
    writeFileSync(stampFile(spec), stampOf(spec));
  }
  return { folder, id: spec.id, rows, bytes: statSync(parquet(folder)).size };
}

/**
 * The same rows in a table `responses` of a ClickHouse server of the bench's own (tests/engine/clickhouse-server.ts),
 * with a `row` column numbering them as the file's rows; a survey folder whose codebook reads it. The server
 * is stopped by the caller (`stop`).
 */
export async function clickhouseSurvey(survey: BenchSurvey, log: (line: string) => void): Promise<{ survey: BenchSurvey; env: Record<string, string>; stop: () => Promise<void> } | undefined> {
  const { startClickhouse } = await import('../engine/clickhouse-server.ts');
  const server = await startClickhouse(8_000_000_000);
  if (server === undefined) return undefined;
  try {
    log(`loading ${survey.rows ?? 0} rows into ClickHouse (${server.url})`);
    const credentials = { STICKINESS_CLICKHOUSE_USER: server.user, STICKINESS_CLICKHOUSE_PASSWORD: server.password };
    await runProcess(process.execPath, ['--import', 'tsx', join(ROOT, 'tests', 'bench', 'load-clickhouse.ts'), join(survey.folder, 'responses.parquet'), server.url, join(CACHE, 'clickhouse-load.csv')], {
      cwd: ROOT,
      env: { ...process.env, ...credentials },
    });
    const folder = join(CACHE, 'kimi-clickhouse');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const codebook = readFileSync(join(survey.folder, 'survey.yaml'), 'utf8')
      .replace(/^id: .*$/m, 'id: bench-clickhouse')
      .replace(/\n\s+file: responses\.parquet/, `\n  engine: clickhouse\n  url: ${server.url}\n  table: responses\n  row: row`);
    writeFileSync(join(folder, 'survey.yaml'), codebook);
    return {
      survey: { folder, id: 'bench-clickhouse', rows: survey.rows ?? 0, bytes: survey.bytes },
      env: credentials,
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * The second shape (issue 22): a lean codebook over the sample's export columns, with only what a typical
 * stickiness survey asks of the tool: a free-text question, a duplicate key on the IP column, a multi-select,
 * an attention check, two benchmarks (industry, gender) and a breakdown by the multi-select; no index, grid,
 * drivers or other questions. `rows` synthetic rows (1 in 100 faulty) as a GBK CSV in `lean-<size>/`, and the
 * same rows as Parquet in `lean-parquet-<size>/` (read by DuckDB).
 */
export async function leanSurveys(rows: number, log: (line: string) => void): Promise<{ csv: BenchSurvey; parquet: BenchSurvey }> {
  const name = sizeName(rows).toLowerCase();
  const csv = { folder: join(CACHE, `lean-${name}`), id: `bench-lean-${name}`, rows, faults: rows / 100, seed: 11 };
  const parquet = { folder: join(CACHE, `lean-parquet-${name}`), id: `bench-lean-parquet-${name}`, rows, faults: rows / 100, seed: 11 };
  for (const [spec, file] of [[csv, 'responses.csv'], [parquet, 'responses.parquet']] as const) {
    const fresh = existsSync(join(spec.folder, file)) && existsSync(stampFile(spec)) && readFileSync(stampFile(spec), 'utf8') === leanStamp(spec);
    if (fresh) continue;
    log(`synthesising ${sizeName(rows)} rows of the lean shape into ${relative(ROOT, spec.folder)} (once)`);
    rmSync(stampFile(spec), { force: true });
    rmSync(spec.folder, { recursive: true, force: true });
    mkdirSync(spec.folder, { recursive: true });
    writeFileSync(join(spec.folder, 'survey.yaml'), leanCodebook(spec.id, file));
    writeFileSync(join(spec.folder, 'synth-profile.yaml'), leanProfile());
    const out = file === 'responses.csv' ? [] : ['--out', relative(ROOT, join(spec.folder, file))];
    await runProcess(process.execPath, [BIN, 'synth', relative(ROOT, spec.folder), '--rows', String(spec.rows), '--faults', String(spec.faults), '--seed', String(spec.seed), ...out, '--force'], { cwd: ROOT });
    mkdirSync(STAMPS, { recursive: true });
    writeFileSync(stampFile(spec), leanStamp(spec));
  }
  const bytes = (spec: SynthSpec, file: string): number => statSync(join(spec.folder, file)).size;
  return {
    csv: { folder: csv.folder, id: csv.id, rows, bytes: bytes(csv, 'responses.csv') },
    parquet: { folder: parquet.folder, id: parquet.id, rows, bytes: bytes(parquet, 'responses.parquet') },
  };
}

/** The questions of the lean shape, by id. */
const LEAN_QUESTIONS = ['tenure', 'freq', 'sat', 'nps', 'scenarios', 'industry', 'gender', 'attn', 'feedback'];

/** The sample's codebook cut down to the lean shape, as survey `id` reading `file`. */
function leanCodebook(id: string, file: string): string {
  const sample = parse(readFileSync(join(SAMPLE, 'survey.yaml'), 'utf8')) as Record<string, unknown> & { questions: { id: string }[]; metrics: { id: string }[]; benchmarks: { question: string }[] };
  // Not in the sample's series either: `batch` would put the two shapes in one trend.
  const rest = Object.fromEntries(Object.entries(sample).filter(([key]) => !['indexes', 'drivers', 'series'].includes(key)));
  const lean = {
    ...rest,
    id,
    title: 'Kimi Chat 用户粘性调研（精简形状，合成样本）',
    source: { ...(sample['source'] as object), file },
    questions: sample.questions.filter((q) => LEAN_QUESTIONS.includes(q.id)),
    metrics: sample.metrics.filter((m) => ['weekly_active', 'csat', 'nps', 'scenario_mix'].includes(m.id)),
    breakdowns: [{ by: 'scenarios', metrics: ['weekly_active', 'csat', 'nps'] }],
    benchmarks: sample.benchmarks.filter((b) => ['industry', 'gender'].includes(b.question)),
  };
  return stringify(lean);
}

/** The sample's synth profile for the lean shape's questions only. */
function leanProfile(): string {
  const profile = parse(readFileSync(join(SAMPLE, 'synth-profile.yaml'), 'utf8')) as Record<string, unknown> & { questions: Record<string, unknown>; linked?: { question: string; with: Record<string, unknown> }[] };
  const kept = (id: string): boolean => LEAN_QUESTIONS.includes(id);
  const linked = (profile.linked ?? []).filter((link) => kept(link.question) && Object.keys(link.with).every(kept));
  return stringify({ ...profile, questions: Object.fromEntries(Object.entries(profile.questions).filter(([id]) => kept(id))), linked });
}

function leanStamp(spec: SynthSpec): string {
  const synth = createHash('sha256').update(readFileSync(join(ROOT, 'src', 'synth', 'synthesize-rows.ts'))).digest('hex');
  const made = createHash('sha256').update(leanCodebook(spec.id, 'x') + leanProfile()).digest('hex');
  return `${JSON.stringify({ id: spec.id, args: synthArgs(spec), lean: made, synth }, null, 2)}\n`;
}
