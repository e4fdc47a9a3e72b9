/**
 * The ClickHouse engine (src/engine/clickhouse-table.ts) against reading the export file row by row: surveys
 * of this repository loaded into tables of a server started here (Debian's clickhouse-server; `.ci/run`
 * installs it), then analysed from the table. The file's own analysis is the oracle: the same counts,
 * quarantine and reasons, and stats.json equal but for `input` and the last bits of sums of fractions
 * (tests/engine/duckdb-engine.test.ts says why). Then what a user gets wrong: an unreachable server, a
 * missing table or column, a wrong password, each one line naming the server, exit 1.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSurvey } from '../../src/analyze-survey.ts';
import { loadCodebook } from '../../src/codebook/load-codebook.ts';
import { resolveSourceFile } from '../../src/ingest/resolve-source-file.ts';
import { streamRows } from '../../src/ingest/stream-rows.ts';
import { UserError } from '../../src/util/user-error.ts';
import { differences, surveyNumbers } from './engine-oracle.ts';
import { clickhouseBinary, loadTable, startClickhouse, type TestServer } from './clickhouse-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'dist/bundle/bin.js');
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-clickhouse-test-'));
const installed = clickhouseBinary() !== undefined;
// Where the package is missing, one skipped test says so (and why) instead of the comparisons.
if (!installed) it('skipped: clickhouse-server is not installed here (apt-get install clickhouse-server; .ci/run installs it)', (context) => context.skip());

const SURVEYS = ['surveys/kimi-2024', 'tests/fixtures/design/apistrat', 'tests/fixtures/indexes/attitude-weighted', 'tests/fixtures/jupyter-2020'];

let server: TestServer | undefined;
const env = { ...process.env };
beforeAll(async () => {
  server = await startClickhouse();
  if (server !== undefined) Object.assign(process.env, { STICKINESS_CLICKHOUSE_USER: server.user, STICKINESS_CLICKHOUSE_PASSWORD: server.password });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  for (const key of ['STICKINESS_CLICKHOUSE_USER', 'STICKINESS_CLICKHOUSE_PASSWORD']) if (env[key] === undefined) Reflect.deleteProperty(process.env, key);
  rmSync(work, { recursive: true, force: true });
});

/** A port nothing listens on (one just freed). */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 1));
    });
  });
}

/** The export's rows as the tool reads them: the header, then the records. */
async function exportRows(survey: string): Promise<string[][]> {
  const loaded = await loadCodebook(survey);
  const rows: string[][] = [];
  await streamRows(await resolveSourceFile(loaded), loaded.codebook.source.encoding, loaded.codebook.source.format, () => (cells) => rows.push(cells));
  return rows;
}

/** A copy of the survey whose source is `table` on the server (with `where`, and other keys set as given). */
function surveyOnServer(survey: string, name: string, source: Record<string, string>): string {
  const folder = path.join(work, name);
  cpSync(survey, folder, { recursive: true });
  const yaml = path.join(folder, 'survey.yaml');
  const document = parseDocument(readFileSync(yaml, 'utf8'));
  document.deleteIn(['source', 'file']);
  document.deleteIn(['source', 'encoding']);
  for (const [key, value] of Object.entries({ engine: 'clickhouse', url: server?.url ?? '', row: 'row', ...source })) document.setIn(['source', key], value);
  writeFileSync(yaml, document.toString());
  return folder;
}

describe.skipIf(!installed)('the ClickHouse engine gives the numbers of the export file', { timeout: 180_000 }, () => {
  for (const [i, survey] of SURVEYS.entries()) {
    it(survey, async () => {
      const rows = await exportRows(path.join(ROOT, survey));
      await loadTable(server as TestServer, `t${i}`, rows[0] ?? [], rows.slice(1));
      const file = await surveyNumbers(path.join(ROOT, survey));
      const table = await surveyNumbers(surveyOnServer(path.join(ROOT, survey), `s${i}`, { table: `t${i}` }));
      const { rowsRead, accepted, quarantined, filtered } = file.stats.input;
      expect(table.stats.input).toMatchObject({ file: `clickhouse:t${i}`, encoding: 'clickhouse', rowsRead, accepted, quarantined, filtered });
      expect(table.validation.rejections).toEqual(file.validation.rejections);
      expect(table.validation.byRule).toEqual(file.validation.byRule);
      expect(table.quarantineCsv).toBe(file.quarantineCsv);
      const found = differences({ ...table.stats, input: null }, { ...file.stats, input: null }, 1e-12);
      expect(found.far).toEqual([]);
    });
  }

  it('reads the rows `where` picks from a table of several surveys', async () => {
    const a = await exportRows(path.join(ROOT, 'surveys/kimi-2024'));
    const header = a[0] ?? [];
    // Two surveys in one table, told apart by a `wave` column (March's rows first, numbered as in its file;
    // the other its rows reversed, so that reading them too would change every figure).
    await loadTable(server as TestServer, 'waves', [...header, 'wave'], [...a.slice(1).map((r) => [...r, 'march']), ...a.slice(1).reverse().slice(0, 40).map((r) => [...r, 'june'])]);
    const march = await surveyNumbers(surveyOnServer(path.join(ROOT, 'surveys/kimi-2024'), 'march', { table: 'waves', where: "wave = 'march'" }));
    const file = await surveyNumbers(path.join(ROOT, 'surveys/kimi-2024'));
    expect(march.stats['metrics']).toEqual(file.stats['metrics']);
    expect(march.validation.rejections).toEqual(file.validation.rejections);
  });

  it('reads a table whose columns are named as the SQL names its own (r, c0, c1): they cannot be taken for one another', async () => {
    // Found by an attack: ClickHouse let an alias of the view stand for a column of the table of the same name.
    await (server as TestServer).run('CREATE TABLE clash (r UInt64, c1 String, c0 String) ENGINE = MergeTree ORDER BY r');
    await (server as TestServer).run('INSERT INTO clash FORMAT TabSeparated', '2\tx\t5\n3\ty\t7\n4\tzz\t9\n');
    const folder = path.join(work, 'clash');
    mkdirSync(folder, { recursive: true });
    const source = `{ engine: clickhouse, url: "${(server as TestServer).url}", table: clash, row: r }`;
    writeFileSync(
      path.join(folder, 'survey.yaml'),
      `id: clash\ntitle: clash\nsource: ${source}\nquestions:\n  - { id: q, column: c1, type: single, options: [x, y] }\n  - { id: n, column: c0, type: numeric }\nquality: { unknownValues: quarantine }\nmetrics:\n  - { id: avg, kind: mean, question: n }\n`,
    );
    const numbers = await surveyNumbers(folder);
    // By hand: rows 2 and 3 answer x and y; row 4's `zz` is no option of q.
    expect(numbers.stats.input).toMatchObject({ rowsRead: 3, accepted: 2, quarantined: 1 });
    expect(numbers.validation.rejections).toEqual([{ row: 4, reasons: [expect.objectContaining({ rule: 'invalid-option', column: 'c1' })] }]);
    // The mean of c0 over the accepted rows: (5 + 7) / 2.
    expect(numbers.stats['metrics']).toEqual([expect.objectContaining({ id: 'avg', estimate: 6, n: 2 })]);
  });

  it('says in one line what is wrong with the server, the table, a column or the password; exit 1', async () => {
    const survey = path.join(ROOT, 'surveys/kimi-2024');
    const rows = await exportRows(survey);
    await loadTable(server as TestServer, 'e0', rows[0] ?? [], rows.slice(1));
    const failure = async (name: string, source: Record<string, string>, password?: string): Promise<string> => {
      const saved = process.env['STICKINESS_CLICKHOUSE_PASSWORD'];
      if (password !== undefined) process.env['STICKINESS_CLICKHOUSE_PASSWORD'] = password;
      try {
        const error = await analyzeSurvey(surveyOnServer(survey, name, source), { outDir: path.join(work, `${name}-out`) }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UserError);
        const message = (error as UserError).message;
        // One line; a codebook naming several columns the table lacks gets one line per column, as for a file.
        if (name !== 'narrow') expect(message).not.toContain('\n');
        expect(message).not.toContain((server as TestServer).password);
        return message;
      } finally {
        process.env['STICKINESS_CLICKHOUSE_PASSWORD'] = saved;
      }
    };
    const closed = await closedPort();
    expect(await failure('down', { table: 'e0', url: `http://127.0.0.1:${closed}` })).toMatch(new RegExp(`^ClickHouse http://127\\.0\\.0\\.1:${closed} table e0: cannot reach the server \\(.*ECONNREFUSED.*\\); check source\\.url and that ClickHouse is running$`));
    expect(await failure('no-table', { table: 'nope' })).toMatch(/table nope: has no such table \(.*nope.*\); check source\.table$/);
    expect(await failure('no-row', { table: 'e0', row: 'line' })).toMatch(/table e0: has no column `line` \(source\.row\); name the column that numbers its rows$/);
    expect(await failure('bad-where', { table: 'e0', where: 'no_such_column = 1' })).toMatch(/table e0: a column is missing \(.*no_such_column.*\); check source\.where, source\.row and the table's columns$/);
    expect(await failure('password', { table: 'e0' }, 'wrong')).toMatch(/table e0: refused the user or password; set STICKINESS_CLICKHOUSE_USER and STICKINESS_CLICKHOUSE_PASSWORD/);
    // A codebook column the table lacks: the export's message, naming the column among the table's.
    await (server as TestServer).run('CREATE TABLE narrow (row UInt64, `序号` String) ENGINE = MergeTree ORDER BY row');
    const narrow = (await failure('narrow', { table: 'narrow' })).split('\n');
    expect(narrow.length).toBeGreaterThan(1);
    for (const line of narrow) expect(line).toMatch(/^ClickHouse http:\S+ table narrow: \S+: no column `.+` in the table's columns; nearest: /);
    // The command: one line on stderr, exit 1.
    const down = surveyOnServer(survey, 'down-cli', { table: 'e0', url: `http://127.0.0.1:${closed}` });
    const result = spawnSync(process.execPath, [BIN, 'analyze', down, '--out', path.join(work, 'down-cli-out')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('cannot reach the server');
  });
});
