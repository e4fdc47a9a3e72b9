/**
 * The DuckDB engine (src/engine/) against reading row by row: surveys of this repository (the first sample,
 * with its faults and quality rules; the Jupyter 2020 survey, with multi-selects over columns and free text;
 * a stratified design) written to Parquet, then their numbers made both ways (engine-oracle.ts; the
 * ClickHouse test covers the index battery). The rows read row by row (`engine: rows`) are the oracle; they are the CSV's own
 * cells, parsed by the tool's CSV reader and written to Parquet by DuckDB.
 *
 * Counts, the quarantine and every reason are identical. Sums of fractional values (index scores, weights,
 * decimal answers) are added in another order by the engine than row by row, so a statistic made from them
 * may differ in its last bits: numbers are compared to a relative 1e-12 (absolute under 1), and the test also counts how many
 * differ at all (docs/engines.md says which).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { parseDocument } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../src/codebook/load-codebook.ts';
import { resolveSourceFile } from '../../src/ingest/resolve-source-file.ts';
import { streamRows } from '../../src/ingest/stream-rows.ts';
import { withDuckDB } from '../../src/ingest/with-duckdb.ts';
import { differences, surveyNumbers } from './engine-oracle.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-engine-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SURVEYS = [
  'surveys/kimi-2024',
  'tests/fixtures/jupyter-2020',
  'tests/fixtures/design/apistrat',
];

/**
 * Surveys whose sums are all of whole numbers. The others: the first sample's audit re-weights a mean of an
 * index (scores in fifths) and 2 numbers differ in their last bits; the designs' fractional weights make
 * 148–238 numbers differ so (measured 2026-12-04).
 */
const WHOLE = new Set(['tests/fixtures/jupyter-2020']);

/** The survey's export as the tool reads it (decoded, parsed), written to Parquet by DuckDB with every column as text. */
async function surveyAsParquet(survey: string, name: string): Promise<string> {
  const folder = path.join(work, name);
  cpSync(survey, folder, { recursive: true });
  const loaded = await loadCodebook(folder);
  const source = await resolveSourceFile(loaded);
  const rows: string[][] = [];
  await streamRows(source, loaded.codebook.source.encoding, loaded.codebook.source.format, () => (cells) => rows.push(cells));
  const csv = path.join(work, `${name}.csv`);
  writeFileSync(csv, `${Papa.unparse(rows, { newline: '\n' })}\n`);
  // The Jupyter export's 291 columns need more than DuckDB's default share of memory to be parsed.
  await withDuckDB({ threads: 1, memory: '2GB' }, async (connection) => {
    const read = "read_csv($1, header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')";
    await connection.run(`COPY (SELECT * FROM ${read}) TO '${path.join(folder, 'export.parquet')}' (FORMAT parquet)`, [csv]);
  });
  const yaml = path.join(folder, 'survey.yaml');
  const file = path.basename(loaded.codebook.source.file);
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(`file: ${file}`, 'file: export.parquet'));
  return folder;
}

/** The codebook of `folder` reading its Parquet export with `engine`. */
function withEngine(folder: string, engine: 'rows' | 'duckdb'): string {
  const target = `${folder}-${engine}`;
  cpSync(folder, target, { recursive: true });
  const yaml = path.join(target, 'survey.yaml');
  const document = parseDocument(readFileSync(yaml, 'utf8'));
  document.setIn(['source', 'engine'], engine);
  writeFileSync(yaml, document.toString());
  return target;
}

describe('the DuckDB engine gives the numbers of reading row by row', { timeout: 120_000 }, () => {
  for (const [i, survey] of SURVEYS.entries()) {
    it(survey, async () => {
      const folder = await surveyAsParquet(path.join(ROOT, survey), `s${i}`);
      const rows = await surveyNumbers(withEngine(folder, 'rows'));
      const engine = await surveyNumbers(withEngine(folder, 'duckdb'));
      expect(engine.stats.input).toEqual(rows.stats.input);
      expect(engine.validation).toEqual(rows.validation);
      expect(engine.quarantineCsv).toBe(rows.quarantineCsv);
      const found = differences(engine.stats, rows.stats, 1e-12);
      expect(found.far).toEqual([]);
      // Where every sum is of whole numbers (no fractional weight, score or answer), nothing may differ at all.
      if (WHOLE.has(survey)) expect(found.lastBits).toEqual([]);
    });
  }
});

/**
 * Hostile files (found by an attack on the first version): each written by DuckDB from SQL, analysed row by
 * row and by the engine; both must agree on every count, reason and number. The oracle is the row path.
 */
describe('the DuckDB engine agrees with reading row by row on hostile files', { timeout: 60_000 }, () => {
  const cases: { name: string; sql: string; codebook: string }[] = [
    {
      // node-api hands text over without a leading U+FEFF: a listed value must still match its cell.
      name: 'bom',
      sql: "SELECT * FROM (VALUES ('done','a'),('done','b'),('done',chr(65279)||'zzz'),(chr(65279)||'partial','a'),('done','a')) t(status,q)",
      codebook: 'filter: { question: status, in: [done] }\nquestions:\n  - { id: status, column: status, type: single, options: [done, partial] }\n  - { id: q, column: q, type: single, options: [a, b] }\n',
    },
    {
      // Keys equal only once normalised (fullwidth letters, a tab, a non-breaking space), either first.
      name: 'dupfw',
      sql: "SELECT key, q FROM (VALUES (1,'ABC','a'),(2,chr(65313)||chr(65314)||chr(65315),'b'),(3,'x y','a'),(4,'x'||chr(9)||'y','b'),(5,'p'||chr(160)||'q','a'),(6,'p q','b'),(7,'DEF','a'),(8,'  DEF ','b')) t(i,key,q) ORDER BY i",
      codebook: 'questions:\n  - { id: q, column: q, type: single, options: [a, b] }\nquality:\n  duplicateKeys: [key]\n',
    },
    {
      // A FLOAT reads as its shortest decimal on both paths (0.3, within `max: 0.3`, not 0.30000001192092896).
      name: 'float',
      sql: "SELECT * FROM (VALUES (0.1::FLOAT, 1e-7::DOUBLE), (0.3::FLOAT, 2.5::DOUBLE), (0.2::FLOAT, 'inf'::DOUBLE), (NULL::FLOAT, NULL::DOUBLE)) t(share, tiny)",
      codebook: 'questions:\n  - { id: share, column: share, type: numeric, min: 0, max: 0.3 }\n  - { id: tiny, column: tiny, type: numeric }\n',
    },
    {
      // DuckDB's own name for row numbers as a column: read row by row.
      name: 'frn',
      sql: "SELECT i AS file_row_number, CASE WHEN i % 2 = 0 THEN 'a' ELSE 'c' END AS q FROM range(5) t(i)",
      codebook: 'questions:\n  - { id: q, column: q, type: single, options: [a, b] }\nquality: { unknownValues: quarantine }\n',
    },
    {
      // A Qualtrics export saved as Parquet: its question-text and ImportId rows are headers, not responses.
      name: 'qualtrics',
      sql: `SELECT * FROM (VALUES ('Why?','Age'), ('{"ImportId":"QID2_TEXT"}','{"ImportId":"QID3"}'), ('great','30'), ('meh','40')) t(Q2, Q3)`,
      codebook: 'questions:\n  - { id: why, column: Q2, type: text }\n  - { id: age, column: Age, type: numeric }\n',
    },
  ];
  for (const { name, sql, codebook } of cases) {
    it(name, async () => {
      const folder = path.join(work, `hostile-${name}`);
      mkdirSync(folder, { recursive: true });
      await withDuckDB({ threads: 1, memory: '256MB' }, async (connection) => {
        await connection.run(`COPY (${sql}) TO '${path.join(folder, 'x.parquet')}' (FORMAT parquet)`);
      });
      const format = name === 'qualtrics' ? 'qualtrics' : 'generic';
      writeFileSync(path.join(folder, 'survey.yaml'), `id: ${name}\ntitle: ${name}\nsource: { file: x.parquet, format: ${format} }\n${codebook}`);
      const rows = await surveyNumbers(withEngine(folder, 'rows'));
      const engine = await surveyNumbers(withEngine(folder, 'duckdb'));
      expect(engine.validation).toEqual(rows.validation);
      expect(engine.quarantineCsv).toBe(rows.quarantineCsv);
      expect(differences(engine.stats, rows.stats, 1e-12).far).toEqual([]);
      // And what the row path found, in numbers: the faults these files hold.
      const expected: Record<string, { accepted: number; quarantined: number; filtered: number }> = {
        bom: { accepted: 3, quarantined: 1, filtered: 1 },
        dupfw: { accepted: 4, quarantined: 4, filtered: 0 },
        // The row of nulls is blank: no response. `inf` is no number.
        float: { accepted: 2, quarantined: 1, filtered: 0 },
        frn: { accepted: 3, quarantined: 2, filtered: 0 },
        qualtrics: { accepted: 2, quarantined: 0, filtered: 0 },
      };
      expect(engine.stats.input).toMatchObject(expected[name] ?? {});
    });
  }
});
