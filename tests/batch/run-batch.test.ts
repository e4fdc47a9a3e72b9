/**
 * The batch as a library, in this process: every survey analysed, its events told, unchanged surveys
 * skipped on the next run, a broken one failing alone, and the index written whole.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch, type BatchEvent } from '../../src/batch/run-batch.ts';
import { writeIndex } from '../../src/batch/write-index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-run-batch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('runBatch in this process', () => {
  const surveys = path.join(work, 'surveys');
  const out = path.join(work, 'out');
  cpSync(path.join(ROOT, 'surveys'), surveys, { recursive: true });
  mkdirSync(path.join(surveys, 'z-broken'));
  writeFileSync(path.join(surveys, 'z-broken', 'survey.yaml'), 'id: broken\n');

  it('analyses every survey, fails the broken one alone, tells each step, and writes the index and series', async () => {
    const events: BatchEvent[] = [];
    const result = await runBatch(surveys, { out, inProcess: true, onEvent: (e) => events.push(e) });
    expect(result.outcomes.map((o) => [path.basename(o.survey), o.status])).toEqual([
      ['kimi-2024', 'ok'],
      ['kimi-2024-06', 'ok'],
      ['z-broken', 'failed'],
    ]);
    expect(result.outcomes[2]?.error).toContain(path.join(surveys, 'z-broken', 'survey.yaml'));
    expect(result.entries.map((e) => e.id)).toEqual(['kimi-2024', 'kimi-2024-06']);
    expect(result.seriesError).toBeUndefined();
    expect(events.filter((e) => e.type === 'start').map((e) => (e.type === 'start' ? path.basename(e.survey) : ''))).toEqual(['kimi-2024', 'kimi-2024-06']);
    expect(events.some((e) => e.type === 'progress' && e.progress.stage === 'write')).toBe(true);
    const outcomes = events.flatMap((e) => (e.type === 'outcome' ? [[e.done, e.total]] : []));
    expect(outcomes).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    // The same bytes as the committed reports and index (tests/reports.test.ts holds those current).
    for (const file of ['index.md', 'index.html', 'kimi-2024/stats.json', 'series/kimi-users/series.json']) {
      expect(readFileSync(path.join(out, file)).equals(readFileSync(path.join(ROOT, 'reports', file))), file).toBe(true);
    }
    expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([]);
  }, 120_000);

  it('skips unchanged surveys on the next run and re-runs one whose export changed', async () => {
    const export06 = path.join(surveys, 'kimi-2024-06', 'responses.csv');
    writeFileSync(export06, Buffer.concat([readFileSync(export06), Buffer.from('\n')]));
    const result = await runBatch(surveys, { out, inProcess: true });
    expect(result.outcomes.map((o) => o.status)).toEqual(['skipped', 'ok', 'failed']);
  }, 120_000);

  it('makes a damaged report again (stats.json cut short, a file missing) instead of skipping it or stopping', async () => {
    const stats = path.join(out, 'kimi-2024', 'stats.json');
    writeFileSync(stats, readFileSync(stats, 'utf8').slice(0, 8192));
    rmSync(path.join(out, 'kimi-2024-06', 'report.html'));
    const result = await runBatch(surveys, { out, inProcess: true });
    expect(result.outcomes.map((o) => o.status)).toEqual(['ok', 'ok', 'failed']);
    expect(readFileSync(stats).equals(readFileSync(path.join(ROOT, 'reports', 'kimi-2024', 'stats.json')))).toBe(true);
    expect(existsSync(path.join(out, 'kimi-2024-06', 'report.html'))).toBe(true);
  }, 120_000);
});

describe('writeIndex', () => {
  it('leaves the previous index whole when the new one cannot be written, and says where', async () => {
    const out = mkdtempSync(path.join(work, 'index-'));
    writeFileSync(path.join(out, 'index.md'), 'previous\n');
    // A folder where the staging file would go: writing it fails before anything replaces the index.
    mkdirSync(path.join(out, `.index.md.tmp-${process.pid}`));
    await expect(writeIndex(out, [])).rejects.toThrow(`${path.join(out, 'index.md')}: cannot write the index here (EISDIR); pass --out a folder you can write to`);
    expect(readFileSync(path.join(out, 'index.md'), 'utf8')).toBe('previous\n');
    rmSync(path.join(out, `.index.md.tmp-${process.pid}`), { recursive: true });
    await writeIndex(out, []);
    expect(readFileSync(path.join(out, 'index.md'), 'utf8')).toContain('# Reports');
    expect(existsSync(path.join(out, 'index.html'))).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['index.html', 'index.md']);
  });
});
