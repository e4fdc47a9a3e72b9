/**
 * DuckDB embedded, for one job: an in-memory database with `threads` and `memory` (its own limit) that fetches
 * nothing from the network (no extension is installed or loaded behind our back), closed when `use` ends.
 * `temp`: the folder it spills to.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export async function withDuckDB<T>(limits: { threads: number; memory: string; temp?: string }, use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(limits.threads),
    memory_limit: limits.memory,
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    // Where it spills what does not fit in `memory` (else a `.tmp` folder in the working directory).
    ...(limits.temp === undefined ? {} : { temp_directory: limits.temp }),
  });
  const connection = await instance.connect();
  try {
    return await use(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** DuckDB's message without the query it quotes on its next lines. */
export function duckdbMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
