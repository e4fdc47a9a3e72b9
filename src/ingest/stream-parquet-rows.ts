/**
 * Streams the rows of a Parquet file as rows of text cells, as a CSV export would give them: a header row of
 * column names (row 1), then one row per record (rows 2…), read by DuckDB embedded (`@duckdb/node-api`) in
 * chunks of about 2,048 rows, so a file of any size is never held whole. A cell reads as DuckDB writes its
 * value as text (engine/duckdb-dialect.ts, the engines' own rule): numbers without a trailing `.0` (a code
 * stored as a double, as pandas stores an integer column with gaps, still matches its option), a FLOAT as its
 * shortest decimal (`0.1`), dates as `2024-03-15`, booleans as `true`/`false`, a null as an empty cell (no
 * answer).
 */
import { UserError } from '../util/user-error.ts';
import { fileSha256 } from './file-sha256.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdbMessage, withDuckDB } from './with-duckdb.ts';
import { duckdbDialect } from '../engine/duckdb-dialect.ts';
import type { StreamedFile } from './stream-csv-rows.ts';

/** Refuses a path DuckDB would read as a pattern of file names: it would read other files too. */
export function refusePatternPath(file: string): void {
  if (/[*?[\]{}]/.test(file)) throw new UserError(file, 'a Parquet export’s path may not hold * ? [ ] { } (DuckDB reads them as a pattern of file names); rename the file or its folder');
}

/** A Parquet file's columns with DuckDB's type names; a file DuckDB cannot read is one line naming it. */
export async function parquetColumns(connection: DuckDBConnection, file: string): Promise<{ name: string; type: string }[]> {
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${duckdbDialect.string(file)})`).catch((error: unknown) => {
    throw new UserError(file, `is not a Parquet file DuckDB can read (${duckdbMessage(error)}); export the survey to Parquet again, or as CSV`);
  });
  return described.getRowObjectsJS().map((row) => ({ name: String(row['column_name']), type: String(row['column_type']) }));
}

export async function streamParquetRows(file: string, push: (cells: string[], row: number) => void): Promise<StreamedFile> {
  refusePatternPath(file);
  // One thread beside ours, and a bounded memory of DuckDB's own.
  await withDuckDB({ threads: 1, memory: '128MB' }, async (connection) => {
    // DuckDB's errors are about the file; an error of `push` (the ingestor's) goes on as it is.
    const unreadable = (error: unknown, row: number): UserError =>
      new UserError(file, `${row <= 1 ? 'is not a Parquet file DuckDB can read' : `could not be read past row ${row}`} (${duckdbMessage(error)}); export the survey to Parquet again, or as CSV`);
    // Every cell as text written by DuckDB, as the engines read it (engine/duckdb-dialect.ts), so both paths see the same cells.
    const relation = `read_parquet(${duckdbDialect.string(file)})`;
    const columns = await parquetColumns(connection, file);
    const select = columns.map(({ name, type }) => duckdbDialect.text(duckdbDialect.ident(name), type)).join(', ');
    const result = await connection.stream(`SELECT ${select} FROM ${relation}`).catch((error: unknown) => {
      throw unreadable(error, 1);
    });
    push(columns.map((c) => c.name), 1);
    let row = 1;
    const chunks = result.yieldRows()[Symbol.asyncIterator]();
    for (;;) {
      const chunk = await chunks.next().catch((error: unknown) => {
        throw unreadable(error, row);
      });
      if (chunk.done === true) break;
      for (const values of chunk.value) {
        row++;
        push(values.map((value) => (value === null ? '' : String(value))), row);
      }
    }
  });
  return { encoding: 'parquet', sha256: await fileSha256(file) };
}
