// Preloaded by tests/bench/bench.ts (`node --import <this file> src/cli/bin.js ...`): when the process exits,
// appends its peak resident set size in KB to the file named by BENCH_PEAK_RSS_FILE. maxRSS is the process's,
// so it covers worker threads too (they share the process); child processes are not included.
import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_PEAK_RSS_FILE;
if (isMainThread && file !== undefined && file !== '') {
  process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
}
