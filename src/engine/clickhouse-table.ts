/**
 * A table on a ClickHouse server as an engine source (engine-ingest.ts), over its HTTP interface with plain
 * `fetch` (old servers, such as Debian's 18.16, answer it as new ones do). The user and password come from
 * STICKINESS_CLICKHOUSE_USER and STICKINESS_CLICKHOUSE_PASSWORD, never from the codebook; nothing of them
 * reaches a message or an output. Results come as TabSeparated text, read as they stream.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../util/user-error.ts';
import { clickhouseDialect } from './clickhouse-dialect.ts';
import type { EngineConnection } from './engine-ingest.ts';
import { col, ROW, viewSql } from './engine-plan.ts';

/** The alias of the table in the view. */
const SOURCE = 'sk_source_';

export interface ClickhouseSource {
  url: string;
  table: string;
  where?: string | undefined;
  row: string;
}

/** The table as an engine, and a fingerprint of its rows (their count and a sum of row hashes) for `input.sha256`. */
export async function clickhouseTable(source: ClickhouseSource, env: NodeJS.ProcessEnv = process.env): Promise<{ engine: EngineConnection; name: string; fingerprint(): Promise<string> }> {
  const name = `ClickHouse ${source.url.replace(/\/+$/, '')} table ${source.table}`;
  // One session for the whole reading: its temporary tables (the rows read whole) live as long as it.
  const session = `stickiness-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const run = (sql: string, each: (values: string[]) => unknown): Promise<void> => clickhouseQuery(source.url, name, sql, each, env, session);
  const [database, table] = source.table.includes('.') ? (source.table.split('.') as [string, string]) : [undefined, source.table];
  const quoted = database === undefined ? clickhouseDialect.ident(table) : `${clickhouseDialect.ident(database)}.${clickhouseDialect.ident(table)}`;
  const described: { name: string; type: string }[] = [];
  await run(`DESCRIBE TABLE ${quoted}`, ([column, type]) => described.push({ name: column ?? '', type: type ?? '' }));
  const rowColumn = described.find((c) => c.name === source.row);
  if (rowColumn === undefined) throw new UserError(name, `has no column \`${source.row}\` (source.row); name the column that numbers its rows`);
  const columns = described.filter((c) => c.name !== source.row);
  // The table under an alias, so that its columns are named through it: ClickHouse would otherwise take a
  // column named as one of the view's aliases for that alias.
  const relation = `${quoted} AS ${SOURCE}${source.where === undefined ? '' : ` WHERE ${source.where}`}`;
  const engine: EngineConnection = {
    dialect: clickhouseDialect,
    columns,
    view: viewSql(clickhouseDialect, relation, `toInt64(${SOURCE}.${clickhouseDialect.ident(source.row)})`, columns, SOURCE),
    query: run,
    // A read-only account may not make one: its queries then judge the rows each time.
    temporary: (table, sql) =>
      run(`CREATE TEMPORARY TABLE ${table} AS ${sql}`, () => undefined).then(
        () => true,
        (error: unknown) => {
          if (error instanceof UserError && /readonly|Cannot (create|execute)|Not enough privileges/i.test(error.message)) return false;
          throw error;
        },
      ),
  };
  return {
    engine,
    name,
    async fingerprint() {
      let found = '';
      const cells = columns.map((_, i) => col(i)).join(', ');
      await run(`SELECT count(*), sum(cityHash64(${ROW}, ${cells})) FROM ${engine.view}`, (values) => {
        found = values.join(':');
      });
      return createHash('sha256').update(`clickhouse:${found}`).digest('hex');
    },
  };
}

/** Runs `sql` on the server, each TabSeparated row to `each` (false stops); a failure is one line naming the server and what to do. */
async function clickhouseQuery(url: string, name: string, sql: string, each: (values: string[]) => unknown, env: NodeJS.ProcessEnv, session: string): Promise<void> {
  const user = env['STICKINESS_CLICKHOUSE_USER'] ?? 'default';
  const password = env['STICKINESS_CLICKHOUSE_PASSWORD'] ?? '';
  // An error found part-way through a result would otherwise arrive after a 200 and half the rows.
  const address = `${url.replace(/\/+$/, '')}/?wait_end_of_query=1&session_id=${encodeURIComponent(session)}`;
  const controller = new AbortController();
  const response = await fetch(address, {
    method: 'POST',
    body: `${sql} FORMAT TabSeparated`,
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
    signal: controller.signal,
  }).catch((error: unknown) => {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new UserError(name, `cannot reach the server (${cause}); check source.url and that ClickHouse is running`);
  });
  if (!response.ok) throw new UserError(name, serverProblem(response.status, await response.text()));
  if (response.body === null) return;
  // A cell's leading U+FEFF is part of it, not a byte-order mark of the answer.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let pending = '';
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = pending.split('\n');
      pending = done ? '' : (lines.pop() ?? '');
      for (const line of lines) {
        if (line === '' && done) continue;
        // Stopping early leaves the answer unread: the session is not used again (engine-ingest pages with LIMIT instead).
        if (each(line.split('\t').map(unescapeTsv)) === false) {
          controller.abort();
          return;
        }
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The server's error as what to fix: wrong credentials, a missing table or column, else its own first line. */
function serverProblem(status: number, body: string): string {
  const code = /Code: (\d+)/.exec(body)?.[1];
  const message = (/DB::Exception: (.*?)(?:, e\.what\(\)|$)/m.exec(body)?.[1] ?? body.split('\n')[0] ?? '').trim();
  if (status === 401 || status === 403 || code === '192' || code === '193' || code === '516') {
    return 'refused the user or password; set STICKINESS_CLICKHOUSE_USER and STICKINESS_CLICKHOUSE_PASSWORD to an account that may read the table';
  }
  if (code === '60' || code === '81') return `has no such table (${message}); check source.table`;
  if (code === '47') return `a column is missing (${message}); check source.where, source.row and the table's columns`;
  if (code === '62') return `could not read source.where (${message}); write it in ClickHouse's SQL`;
  return `answered HTTP ${status}${code === undefined ? '' : `, code ${code}`} (${message})`;
}

/** A TabSeparated field as it was: `\t`, `\n`, `\\` and the rest of ClickHouse's escapes undone. */
export function unescapeTsv(field: string): string {
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/gs, (_, c: string) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0', "'": "'", '\\': '\\' };
