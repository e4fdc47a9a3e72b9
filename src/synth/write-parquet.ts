/**
 * A synthetic table → a Parquet file, every column text, written by DuckDB from the table as UTF-8 CSV (a
 * temporary file beside the target, removed after), so the Parquet reader sees exactly the cells a CSV
 * export of the table holds.
 */
import { rm, writeFile } from 'node:fs/promises';
import { withDuckDB } from '../ingest/with-duckdb.ts';
import Papa from 'papaparse';
import type { SynthTable } from './synthesize-rows.ts';

export async function writeParquetExport(table: SynthTable, out: string): Promise<void> {
  const csv = `${out}.tmp-${process.pid}.csv`;
  await writeFile(csv, `${Papa.unparse([table.header, ...table.extraHeaderRows, ...table.rows], { newline: '\n', delimiter: ',' })}\n`, 'utf8');
  try {
    await withDuckDB({ threads: 2, memory: '256MB' }, async (connection) => {
      // Every cell as text, in the table's own dialect (nothing left to DuckDB's guess but the row count).
      const read = "read_csv($1, header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')";
      await connection.run(`COPY (SELECT * FROM ${read}) TO '${out.replace(/'/g, "''")}' (FORMAT parquet)`, [csv]);
    });
  } finally {
    await rm(csv, { force: true });
  }
}
