/**
 * A ClickHouse server of the tests' own: Debian's `clickhouse-server` (18.16 in bookworm) run in the
 * foreground on loopback, on free ports, with its data in a temporary folder and one user with a password;
 * stopped (SIGTERM) and removed by `stop`. Undefined where the package is not installed (`.ci/run` installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clickhouseDialect } from '../../src/engine/clickhouse-dialect.ts';

export interface TestServer {
  url: string;
  user: string;
  password: string;
  /** Runs SQL as the user (CREATE, INSERT …); its answer, or a thrown Error with the server's. */
  run(sql: string, body?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The server binary, if installed. */
export function clickhouseBinary(): string | undefined {
  for (const name of ['clickhouse-server', '/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server']) {
    if (spawnSync(name, ['--help'], { stdio: 'ignore' }).error === undefined) return name;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `maxMemory`: the server's limit per query, in bytes (a load of millions of rows needs more than the tests' 1 GB). */
export async function startClickhouse(maxMemory = 1_000_000_000): Promise<TestServer | undefined> {
  const binary = clickhouseBinary();
  if (binary === undefined) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'stickiness-clickhouse-'));
  const [http, tcp] = [await freePort(), await freePort()];
  const user = 'analyst';
  const password = 'pa$$ word';
  writeFileSync(
    path.join(dir, 'config.xml'),
    `<?xml version="1.0"?><yandex><logger><level>error</level><console>1</console></logger>
<http_port>${http}</http_port><tcp_port>${tcp}</tcp_port><listen_host>127.0.0.1</listen_host>
<path>${dir}/data/</path><tmp_path>${dir}/tmp/</tmp_path><mark_cache_size>5368709</mark_cache_size>
<users_config>users.xml</users_config><default_profile>default</default_profile><default_database>default</default_database></yandex>`,
  );
  writeFileSync(
    path.join(dir, 'users.xml'),
    `<?xml version="1.0"?><yandex><profiles><default><max_memory_usage>${maxMemory}</max_memory_usage></default></profiles>
<users><${user}><password>${password}</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></${user}></users>
<quotas><default></default></quotas></yandex>`,
  );
  const child: ChildProcess = spawn(binary, [`--config-file=${path.join(dir, 'config.xml')}`], { cwd: dir, stdio: 'ignore' });
  const url = `http://127.0.0.1:${http}`;
  const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const run = async (sql: string, body?: string): Promise<string> => {
    // The statement in the body, unless the body is an INSERT's data (then the statement goes in the URL).
    const address = body === undefined ? `${url}/` : `${url}/?query=${encodeURIComponent(sql)}`;
    const response = await fetch(address, { method: 'POST', body: body ?? sql, headers: { authorization: auth } });
    const text = await response.text();
    if (!response.ok) throw new Error(text);
    return text;
  };
  for (let tries = 0; ; tries++) {
    const ok = await fetch(`${url}/ping`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (tries > 300 || child.exitCode !== null) throw new Error(`clickhouse-server did not start (exit ${child.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    user,
    password,
    run,
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A table `name` of String columns named as `header`, with `row` (UInt64) numbering `rows` from 2 (a CSV's row numbers). */
export async function loadTable(server: TestServer, name: string, header: readonly string[], rows: readonly (readonly string[])[]): Promise<void> {
  await server.run(`CREATE TABLE ${name} (row UInt64, ${header.map((h) => `${clickhouseDialect.ident(h)} String`).join(', ')}) ENGINE = MergeTree ORDER BY row`);
  const escape = (cell: string): string => cell.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\0/g, '\\0');
  const tsv = rows.map((cells, i) => [String(i + 2), ...header.map((_, c) => escape(cells[c] ?? ''))].join('\t')).join('\n');
  await server.run(`INSERT INTO ${name} FORMAT TabSeparated`, `${tsv}\n`);
}
