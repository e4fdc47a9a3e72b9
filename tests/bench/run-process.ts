/**
 * Runs a command to completion and times it from spawn to exit (start-up included), for tests/bench/bench.ts.
 * A non-zero exit throws with the end of the command's stderr. Dirty pages are flushed (`sync`) before the
 * clock starts, so the previous run's writes are not paid by this one.
 */
import { execFileSync, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface Finished {
  /** Wall-clock seconds from spawn to exit. */
  seconds: number;
  stdout: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Stderr kept for the error message of a failed run. */
const STDERR_TAIL = 4000;

export function runProcess(command: string, args: readonly string[], options: RunOptions): Promise<Finished> {
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // No `sync` on this system: time as it is.
  }
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) resolve({ seconds, stdout: Buffer.concat(stdout).toString('utf8') });
      else reject(new Error(`\`${[command, ...args].join(' ')}\` exited with ${signal ?? code}:\n${stderr.trim()}`));
    });
  });
}

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const high = sorted[middle];
  if (high === undefined) throw new Error('median of an empty list');
  return sorted.length % 2 === 1 ? high : (high + (sorted[middle - 1] ?? high)) / 2;
}
