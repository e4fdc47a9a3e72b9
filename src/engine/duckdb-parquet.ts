/**
 * A Parquet file as an engine source (engine-ingest.ts), in DuckDB embedded: two threads and its own memory
 * limit, spilling to a folder of its own under the system's temporary folder, removed when done.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../util/user-error.ts';
import { duckdbMessage, withDuckDB } from '../ingest/with-duckdb.ts';
import { parquetColumns, refusePatternPath } from '../ingest/stream-parquet-rows.ts';
import { duckdbDialect } from './duckdb-dialect.ts';
import type { EngineConnection } from './engine-ingest.ts';
import { viewSql } from './engine-plan.ts';

/** DuckDB's own memory for an aggregation (beyond it, it spills to `temp`), unless STICKINESS_DUCKDB_MEMORY says otherwise (e.g. `1GB`). */
const MEMORY = '256MB';

function memoryLimit(): string {
  const asked = process.env['STICKINESS_DUCKDB_MEMORY']?.trim();
  return asked !== undefined && /^\d+(\.\d+)?\s*[KMGT]i?B$/i.test(asked) ? asked : MEMORY;
}

/** Runs `use` on the file as an engine; undefined, without running it, for a file with a column named `file_row_number` (DuckDB's own name for the row numbers): such a file is read row by row. */
export async function withParquetEngine<T>(file: string, use: (engine: EngineConnection) => Promise<T>): Promise<T | undefined> {
  refusePatternPath(file);
  const temp = await mkdtemp(join(tmpdir(), 'stickiness-duckdb-')).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserError(file, `cannot make DuckDB's scratch folder in ${tmpdir()} (${code}); free space there, or point TMPDIR at a folder with room`);
  });
  try {
    const memory = memoryLimit();
    return await withDuckDB({ threads: 2, memory, temp }, async (connection) => {
      const columns = await parquetColumns(connection, file);
      if (columns.some((c) => c.name === 'file_row_number')) return undefined;
      const relation = `read_parquet(${duckdbDialect.string(file)}, file_row_number = true)`;
      // DuckDB's errors are about the file (an error of a query's `each`, the ingestor's, goes on as it is).
      const failed = (error: unknown): UserError =>
        /out of memory/i.test(duckdbMessage(error))
          ? new UserError(file, `DuckDB ran out of memory (${duckdbMessage(error)}); give it more with STICKINESS_DUCKDB_MEMORY (now ${memory}) or more room to spill in ${tmpdir()} (TMPDIR), or read the file row by row with \`source.engine: rows\``)
          : new UserError(file, `DuckDB could not read it (${duckdbMessage(error)})`);
      const engine: EngineConnection = {
        dialect: duckdbDialect,
        columns,
        // Row 1 is the header, as in a CSV export of the same table.
        view: viewSql(duckdbDialect, relation, 'file_row_number + 2', columns),
        async query(sql, each) {
          const result = await connection.stream(sql).catch((error: unknown) => {
            throw failed(error);
          });
          const chunks = result.yieldRows()[Symbol.asyncIterator]();
          for (;;) {
            const chunk = await chunks.next().catch((error: unknown) => {
              throw failed(error);
            });
            if (chunk.done === true) return;
            for (const values of chunk.value) if (each(values.map((value) => (value === null ? '' : String(value)))) === false) return;
          }
        },
        async temporary(name, sql) {
          await connection.run(`CREATE TEMP TABLE ${name} AS ${sql}`).catch((error: unknown) => {
            throw failed(error);
          });
          return true;
        },
      };
      return use(engine);
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
