/**
 * Loads a Parquet file into a new table `responses` of a ClickHouse server (`npx tsx load-clickhouse.ts
 * <file.parquet> <url> <scratch.csv>`, the user and password in STICKINESS_CLICKHOUSE_USER / _PASSWORD): every
 * column as String, with a `row` column numbering the rows as the file's (the header is row 1). Run by the
 * bench in a process of its own, so that the memory of DuckDB's export and of the upload is not counted in
 * the bench's own process (whose children would report it as theirs: Linux counts a forked child's inherited
 * pages in its peak until exec).
 */
import { createReadStream, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { clickhouseDialect } from '../../src/engine/clickhouse-dialect.ts';

const [file, url, csv] = process.argv.slice(2);
if (file === undefined || url === undefined || csv === undefined) throw new Error('usage: load-clickhouse.ts <file.parquet> <url> <scratch.csv>');
const auth = `Basic ${Buffer.from(`${process.env['STICKINESS_CLICKHOUSE_USER'] ?? 'default'}:${process.env['STICKINESS_CLICKHOUSE_PASSWORD'] ?? ''}`).toString('base64')}`;
const post = async (query: string, body: string | ReadableStream<Uint8Array>): Promise<void> => {
  const response = await fetch(`${url}/?query=${encodeURIComponent(query)}`, { method: 'POST', body, headers: { authorization: auth }, duplex: 'half' } as RequestInit);
  if (!response.ok) throw new Error(`ClickHouse refused ${query.slice(0, 40)}: ${await response.text()}`);
};

const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB' });
const connection = await instance.connect();
const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
const names = described.getRowObjectsJS().map((row) => String(row['column_name']));
await connection.run(`COPY (SELECT file_row_number + 2 AS row, * EXCLUDE (file_row_number) FROM read_parquet('${file}', file_row_number = true)) TO '${csv}' (HEADER false)`);
connection.closeSync();
instance.closeSync();
await post(`CREATE TABLE responses (row UInt64, ${names.map((n) => `${clickhouseDialect.ident(n)} String`).join(', ')}) ENGINE = MergeTree ORDER BY row`, '');
await post('INSERT INTO responses FORMAT CSV', Readable.toWeb(createReadStream(csv)) as ReadableStream<Uint8Array>);
rmSync(csv, { force: true });
