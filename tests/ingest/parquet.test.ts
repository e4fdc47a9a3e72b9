/**
 * Parquet exports, read by DuckDB embedded: the sample's Wenjuanxing export written to Parquet (every column
 * as text, and again with its numbers as doubles, as pandas writes an integer column with gaps) gives the same
 * stats.json as the CSV, apart from `input`'s file, hash and encoding; the same rows are quarantined with the
 * same reasons; `synth`'s Parquet output reads back as the sample; a file that is not Parquet, or whose path
 * DuckDB would read as a pattern, is one line.
 * The Parquet files are written by DuckDB itself (COPY … TO … (FORMAT parquet)), not by this project's code.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeSurvey } from '../../src/analyze-survey.ts';
import { UserError } from '../../src/util/user-error.ts';
import { loadCodebook } from '../../src/codebook/load-codebook.ts';
import { loadProfile } from '../../src/synth/load-profile.ts';
import { synthesizeRows } from '../../src/synth/synthesize-rows.ts';
import { writeParquetExport } from '../../src/synth/write-parquet.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-parquet-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The sample's GBK export as UTF-8 CSV, written by DuckDB to Parquet with `select` over its columns. */
async function toParquet(target: string, select: string): Promise<void> {
  const csv = path.join(work, 'responses-utf8.csv');
  writeFileSync(csv, new TextDecoder('gb18030').decode(readFileSync(path.join(ROOT, 'surveys/kimi-2024/responses.csv'))));
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    await connection.run(`COPY (SELECT ${select} FROM read_csv('${csv}', all_varchar = true, header = true)) TO '${target}' (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * The sample survey reading `file` instead of its CSV, row by row (`engine: rows`): the reader itself is
 * tested here; tests/engine/ compares the DuckDB engine, the default for Parquet, with it.
 */
function surveyReading(name: string, file: string): string {
  const folder = path.join(work, name);
  cpSync(path.join(ROOT, 'surveys/kimi-2024'), folder, { recursive: true });
  const yaml = path.join(folder, 'survey.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('file: responses.csv', `file: ${file}\n  engine: rows`));
  return folder;
}

describe('Parquet exports', { timeout: 60_000 }, async () => {
  const csv = await analyzeSurvey(path.join(ROOT, 'surveys/kimi-2024'), { outDir: path.join(work, 'csv') });
  const strip = (json: string): unknown => ({ ...(JSON.parse(json) as Record<string, unknown>), input: null });

  it('gives the CSV export\'s stats.json from its columns written as text', async () => {
    const folder = surveyReading('text', 'responses.parquet');
    await toParquet(path.join(folder, 'responses.parquet'), '*');
    const parquet = await analyzeSurvey(folder, { outDir: path.join(work, 'text-out') });
    expect(strip(String(parquet.files.get('stats.json')))).toEqual(strip(String(csv.files.get('stats.json'))));
    expect(parquet.stats.input).toMatchObject({ file: 'responses.parquet', encoding: 'parquet', rowsRead: 160, accepted: 154, quarantined: 6 });
    // The same rows quarantined, with the same reasons (rows numbered as the CSV's: the header is row 1).
    expect(parquet.validation.rejections).toEqual(csv.validation.rejections);
  });

  it('reads numbers stored as doubles, with nulls, as the CSV\'s cells (9, not 9.0; null as no answer)', async () => {
    const folder = surveyReading('typed', 'typed.parquet');
    const header = readFileSync(path.join(ROOT, 'surveys/kimi-2024/responses.csv'));
    const columns = new TextDecoder('gb18030').decode(header).split(/\r?\n/, 1)[0]?.split(',') ?? [];
    // The NPS score (question 5, 0-10) and the active days (question 2.1, 0-7) as DOUBLE; an empty cell becomes null.
    const typed = columns.filter((c) => c.startsWith('5、') || c.startsWith('2.1、'));
    expect(typed).toHaveLength(2);
    const select = columns.map((c) => (typed.includes(c) ? `TRY_CAST(NULLIF("${c}", '') AS DOUBLE) AS "${c}"` : `"${c}"`)).join(', ');
    await toParquet(path.join(folder, 'typed.parquet'), select);
    const parquet = await analyzeSurvey(folder, { outDir: path.join(work, 'typed-out') });
    // Every metric as from the CSV (the quarantine too: a cell such as `abc` in a number column becomes null, so
    // only the rules that read those two columns may differ, and the sample has no such cell).
    expect(parquet.stats.metrics).toEqual(csv.stats.metrics);
    expect(parquet.validation.byRule).toEqual(csv.validation.byRule);
  });

  it('reads what `synth --out x.parquet` writes: the sample rebuilt as Parquet gives the sample\'s stats.json', async () => {
    const folder = surveyReading('synth', 'synth.parquet');
    const loaded = await loadCodebook(folder);
    const table = synthesizeRows(loaded.codebook, await loadProfile(loaded.dir), { rows: 160, faults: 6, seed: 2024 });
    await writeParquetExport(table, path.join(folder, 'synth.parquet'));
    const parquet = await analyzeSurvey(folder, { outDir: path.join(work, 'synth-out') });
    expect(strip(String(parquet.files.get('stats.json')))).toEqual(strip(String(csv.files.get('stats.json'))));
    expect(parquet.validation.byRule).toEqual(csv.validation.byRule);
  });

  it('stops with one line naming the file when it is not Parquet, or when its name is a pattern', async () => {
    const folder = surveyReading('not-parquet', 'fake.parquet');
    cpSync(path.join(ROOT, 'surveys/kimi-2024/responses.csv'), path.join(folder, 'fake.parquet'));
    const error = await analyzeSurvey(folder, { outDir: path.join(work, 'not-out') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(String((error as UserError).message)).toMatch(/is not a Parquet file DuckDB can read \(Invalid Input Error: No magic bytes found at end of file .*\); export the survey to Parquet again, or as CSV$/);
    expect(String((error as UserError).message)).not.toContain('\n');
    const pattern = surveyReading('pattern', 'wave[1].parquet');
    cpSync(path.join(work, 'text/responses.parquet'), path.join(pattern, 'wave[1].parquet'));
    const refused = await analyzeSurvey(pattern, { outDir: path.join(work, 'pattern-out') }).catch((e: unknown) => e);
    expect(String((refused as UserError).message)).toContain('may not hold * ? [ ] { }');
  });
});
