import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fileBytes, recoverReportFolder, writeReportFolder } from '../../src/report/write-report-folder.ts';
import { UserError } from '../../src/util/user-error.ts';
import { builtPackage } from '../built-package.ts';
import { listFiles } from '../list-files.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-write-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('writeReportFolder', () => {
  it('replaces the report whole and leaves no temporary folder', async () => {
    const out = path.join(work, 'a');
    await writeReportFolder(out, 'survey', new Map([['stats.json', '1'], ['charts/x.svg', '<svg/>']]));
    await writeReportFolder(out, 'survey', new Map([['stats.json', '2']]));
    expect(readdirSync(out)).toEqual(['survey']);
    expect(readdirSync(path.join(out, 'survey'))).toEqual(['stats.json']);
    expect(readFileSync(path.join(out, 'survey', 'stats.json'), 'utf8')).toBe('2');
  });

  it('writes a file given in pieces as the pieces joined, in UTF-8, however many megabytes', async () => {
    const out = path.join(work, 'pieces');
    const piece = (i: number): string => `${i},行「${'x'.repeat(i % 50)}」🙂\n`;
    const pieces = { pieces: () => Array.from({ length: 60_000 }, (_, i) => piece(i)) };
    await writeReportFolder(out, 'survey', new Map([['quarantine.csv', pieces]]));
    const expected = pieces.pieces().join('');
    expect(expected.length).toBeGreaterThan(2_000_000);
    expect(readFileSync(path.join(out, 'survey', 'quarantine.csv'), 'utf8')).toBe(expected);
    expect(Buffer.from(fileBytes(pieces)).equals(Buffer.from(expected, 'utf8'))).toBe(true);
  });

  it('says a piece that cannot be made is a bug, not the folder\'s fault, and leaves the previous report', async () => {
    const out = path.join(work, 'bad-pieces');
    await writeReportFolder(out, 'survey', new Map([['stats.json', 'old']]));
    const failing = {
      *pieces(): Generator<string> {
        yield 'a';
        throw Object.assign(new Error('invalid stored block lengths'), { code: 'Z_DATA_ERROR' });
      },
    };
    const error = await writeReportFolder(out, 'survey', new Map([['quarantine.csv', failing]])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UserError);
    expect((error as Error).message).toBe('making quarantine.csv: invalid stored block lengths');
    expect(readFileSync(path.join(out, 'survey', 'stats.json'), 'utf8')).toBe('old');
    expect(readdirSync(out)).toEqual(['survey']);
  });

  it('keeps the previous report as it was when writing the new one fails part-way', async () => {
    const out = path.join(work, 'b');
    await writeReportFolder(out, 'survey', new Map([['stats.json', 'old']]));
    // A file and a folder of one name: the second write fails after the first succeeded.
    await expect(writeReportFolder(out, 'survey', new Map([['x', 'file'], ['x/y', 'under a file']]))).rejects.toThrow(/cannot write the report here/);
    expect(readFileSync(path.join(out, 'survey', 'stats.json'), 'utf8')).toBe('old');
    expect(readdirSync(out)).toEqual(['survey']);
  });

  it('cleans up after a run killed mid-write, and puts back a report moved aside just before the swap', async () => {
    const out = path.join(work, 'c');
    mkdirSync(path.join(out, '.survey.tmp-999999'), { recursive: true });
    writeFileSync(path.join(out, '.survey.tmp-999999', 'stats.json'), 'half');
    mkdirSync(path.join(out, '.survey.old-999999'), { recursive: true });
    writeFileSync(path.join(out, '.survey.old-999999', 'stats.json'), 'previous');
    await writeReportFolder(out, 'other', new Map([['stats.json', 'unrelated']]));
    expect(existsSync(path.join(out, '.survey.tmp-999999'))).toBe(true);
    await writeReportFolder(out, 'survey', new Map([['stats.json', 'new']]));
    expect(readdirSync(out).sort()).toEqual(['other', 'survey']);
    expect(readFileSync(path.join(out, 'survey', 'stats.json'), 'utf8')).toBe('new');
  });
});

/**
 * Runs writing one report from several processes: each a script importing the built package's
 * writeReportFolder (tests/built-package.ts), held at its stages by `pause`.
 */
describe('writeReportFolder across processes', () => {
  const FILES = ['stats.json', 'validation.json', 'quarantine.csv', 'report.md', 'charts/a.svg', 'charts/b.png'];

  /** A script writing report `id` into `out` as writer `name`, pausing as `pause` says; it prints `paused` when held for good. */
  function writer(out: string, name: string, pause: 'random' | 'hold-after-moving-aside'): ChildProcess {
    const module = pathToFileURL(path.join(builtPackage(), 'dist', 'report', 'write-report-folder.js')).href;
    const script = `
      const { writeReportFolder } = await import(${JSON.stringify(module)});
      const files = new Map(${JSON.stringify(FILES)}.map((f) => [f, ${JSON.stringify(name)} + ' ' + f]));
      const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
      const pause = ${JSON.stringify(pause)} === 'random'
        ? () => sleep(Math.floor(Math.random() * 25))
        : async (stage) => { if (stage === 'moved-aside') { process.stdout.write('paused\\n'); await sleep(1e9); } };
      await writeReportFolder(${JSON.stringify(out)}, 'survey', files, { pause });`;
    return spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  }

  const finished = (child: ChildProcess): Promise<{ code: number | null; stderr: string }> =>
    new Promise((resolve) => {
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('close', (code) => resolve({ code, stderr }));
    });

  /** The report folder's files and which writer wrote each. */
  function contents(dir: string): Map<string, string> {
    return new Map(listFiles(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
  }

  it('takes turns: every run exits 0 and the report is always one run\'s, whole, with nothing left beside it', async () => {
    const out = mkdtempSync(path.join(work, 'race-'));
    for (let round = 0; round < 12; round++) {
      const runs = ['a', 'b', 'c'].map((name) => finished(writer(out, `${name}${round}`, 'random')));
      for (const { code, stderr } of await Promise.all(runs)) expect(code, stderr).toBe(0);
      const report = contents(path.join(out, 'survey'));
      expect([...report.keys()].sort()).toEqual([...FILES].sort());
      const writers = new Set([...report.values()].map((text) => text.split(' ')[0]));
      expect(writers.size, `round ${round}: files from ${[...writers].join(', ')}`).toBe(1);
      expect(readdirSync(out)).toEqual(['survey']);
    }
  }, 120_000);

  it('after a run is killed between moving the old report aside and putting the new one in place, the next run finds the old one and replaces it', async () => {
    const out = mkdtempSync(path.join(work, 'killed-'));
    await writeReportFolder(out, 'survey', new Map(FILES.map((f) => [f, `old ${f}`])));
    const child = writer(out, 'killed', 'hold-after-moving-aside');
    const closed = finished(child);
    await new Promise<void>((resolve) => child.stdout?.on('data', () => resolve()));
    // Held between the two renames: the old report moved aside, the new one staged, the lock held.
    expect(readdirSync(out).sort()).toEqual(['.survey.lock', `.survey.old-${child.pid}`, `.survey.tmp-${child.pid}`]);
    child.kill('SIGKILL');
    await closed;
    // Recovery (any later write, or batch planning) puts the old report back and breaks the dead run's lock.
    await recoverReportFolder(out, 'survey');
    expect(contents(path.join(out, 'survey')).get('stats.json')).toBe('old stats.json');
    await writeReportFolder(out, 'survey', new Map(FILES.map((f) => [f, `new ${f}`])));
    expect(contents(path.join(out, 'survey')).get('stats.json')).toBe('new stats.json');
    expect(readdirSync(out)).toEqual(['survey']);
  }, 60_000);

  it('never removes the staging folder of a run that is still alive', async () => {
    const out = mkdtempSync(path.join(work, 'alive-'));
    mkdirSync(path.join(out, `.survey.tmp-${process.pid}`));
    mkdirSync(path.join(out, '.survey.tmp-999999999'));
    await recoverReportFolder(out, 'survey');
    expect(readdirSync(out)).toEqual([`.survey.tmp-${process.pid}`]);
  });
});
