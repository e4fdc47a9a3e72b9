/**
 * Progress on long runs (issue 23): the words of a progress line, how it is throttled and erased, and the
 * commands seen through a pseudo-terminal (util-linux `script`), piped, with --quiet and with --json.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtBin } from '../built-package.ts';
import { clearOnSignal, duration, fitColumns, progressLine, progressText, showsProgress, stageClock } from '../../src/cli/progress-line.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = builtBin();
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-progress-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('progressText', () => {
  it('says the stage, rows read, the share of bytes, the rate and the time left', () => {
    // 400,000 rows in 5 s is 80,000 rows/s; 40% of the bytes in 5 s leaves 7.5 s at that pace (5 × 0.6 / 0.4).
    expect(progressText({ stage: 'ingest', rows: 400_000, bytes: 40, size: 100 }, 5000)).toBe('reading 400,000 rows · 40% · 80,000 rows/s · about 8 s left');
    expect(progressText({ stage: 'bins', rows: 10_000, bytes: 1, size: 4 }, 2000)).toBe('finding histogram bins 10,000 rows · 25% · 5,000 rows/s · about 6 s left');
  });

  it('gives no rate or time left before a second has passed, and no percent for a workbook', () => {
    expect(progressText({ stage: 'ingest', rows: 0, bytes: 0, size: 100 }, 0)).toBe('reading 0 rows · 0%');
    expect(progressText({ stage: 'ingest', rows: 20_000 }, 4000)).toBe('reading 20,000 rows · 5,000 rows/s');
    expect(progressText({ stage: 'report' }, 10)).toBe('computing and drawing');
    expect(progressText({ stage: 'write' }, 10)).toBe('writing the report');
  });

  it('reads durations as people do', () => {
    expect(duration(0.2)).toBe('1 s');
    expect(duration(59.4)).toBe('59 s');
    expect(duration(185)).toBe('3 min 05 s');
    expect(duration(3720)).toBe('1 h 02 min');
  });
});

describe('progressLine', () => {
  const fake = (columns?: number) => {
    const written: string[] = [];
    return { written, stream: { isTTY: true, ...(columns === undefined ? {} : { columns }), write: (text: string) => written.push(text) } };
  };

  it('rewrites the line in place a few times a second, and erases it at the end', () => {
    const { written, stream } = fake(80);
    let now = 0;
    const line = progressLine(stream, true, () => now);
    line.show('one');
    now = 50;
    line.show('skipped: too soon');
    line.show('forced', true);
    now = 300;
    line.show('two');
    line.clear();
    line.clear();
    expect(written).toEqual(['\r\x1b[Kone', '\r\x1b[Kforced', '\r\x1b[Ktwo', '\r\x1b[K']);
  });

  it('cuts the line to the terminal width and shows control characters as text', () => {
    const { written, stream } = fake(30);
    progressLine(stream, true, () => 0).show(`a\x1b[2Jb ${'x'.repeat(100)}`);
    // 29 characters: `a`, the escape shown as the four characters `\x1b`, `[2Jb `, then 19 of the x's.
    expect(written[0]).toBe(`\r\x1b[Ka\\x1b[2Jb ${'x'.repeat(19)}`);
    expect([...(written[0] ?? '')].length).toBe('\r\x1b[K'.length + 29);
  });

  it('counts a wide character as two columns, and keeps the line one row', () => {
    expect(fitColumns('调研abc', 5)).toBe('调研a');
    expect(fitColumns('e\u0301te', 3)).toBe('e\u0301te');
    const { written, stream } = fake(12);
    progressLine(stream, true, () => 0).show('a\tb\nc 调研问卷二零二四');
    // 11 columns: `a b c ` (6) and two wide characters (4); a third would make 12.
    expect(written[0]).toBe('\r\x1b[Ka b c 调研');
  });

  it('restarts its clock on a new stage and when reading starts over', () => {
    const clock = stageClock();
    expect(clock.tick({ stage: 'ingest', rows: 0 }, 100).since).toBe(100);
    expect(clock.tick({ stage: 'ingest', rows: 80_000 }, 900).since).toBe(100);
    // Two threads gave up and one reads the file again from its start.
    expect(clock.tick({ stage: 'ingest', rows: 10_000 }, 1000).since).toBe(1000);
    expect(clock.tick({ stage: 'report' }, 1200).since).toBe(1200);
  });

  it('is erased when the run is interrupted', () => {
    const { written, stream } = fake(80);
    const line = progressLine(stream, true, () => 0);
    line.show('reading 10,000 rows', true);
    const before = process.listenerCount('SIGINT');
    const release = clearOnSignal(line, false);
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    process.emit('SIGINT', 'SIGINT');
    expect(written.at(-1)).toBe('\r\x1b[K');
    release();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('writes nothing when disabled', () => {
    const { written, stream } = fake();
    const line = progressLine(stream, false);
    line.show('x', true);
    line.clear();
    expect(written).toEqual([]);
  });

  it('is shown only on a terminal, without --quiet or --json, and not on a dumb terminal', () => {
    const tty = { isTTY: true, write: () => true };
    expect(showsProgress(tty, {}, {})).toBe(true);
    expect(showsProgress({ write: () => true }, {}, {})).toBe(false);
    expect(showsProgress(tty, { quiet: true }, {})).toBe(false);
    expect(showsProgress(tty, { json: true }, {})).toBe(false);
    expect(showsProgress(tty, {}, { TERM: 'dumb' })).toBe(false);
  });
});

/** What a progress line starts with: a carriage return and erase-line (ESC [ K). */
const LINE = '\r\u001b\\[K';
const line = (pattern: string): RegExp => new RegExp(`${LINE}${pattern}`);

/** Runs the CLI with stdin, stdout and stderr on a pseudo-terminal; what the terminal got, as one text. */
function onTerminal(args: readonly string[]): { status: number | null; text: string } {
  const command = [process.execPath, BIN, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: work, encoding: 'utf8', env: { ...process.env, TERM: 'xterm' }, timeout: 120_000 });
  return { status: result.status, text: result.stdout };
}

describe('progress of the commands', { timeout: 180_000 }, () => {
  const survey = path.join(work, 'kimi');
  cpSync(path.join(ROOT, 'surveys/kimi-2024'), survey, { recursive: true });
  // 12,000 rows: enough for a count after the first 10,000.
  const synth = spawnSync(process.execPath, [BIN, 'synth', survey, '--rows', '12000', '--seed', '5', '--force'], { encoding: 'utf8' });
  const out = path.join(work, 'reports');

  it('analyze shows each stage with rows and the share read on a terminal, and erases it before its summary', () => {
    expect(synth.status, synth.stderr).toBe(0);
    const { status, text } = onTerminal(['analyze', survey, '--out', out]);
    expect(status, text).toBe(0);
    expect(text).toContain('\r\x1b[Kreading 0 rows');
    // Rows and the share of bytes read (which rows a throttled line shows depends on the machine's pace).
    expect(text).toMatch(line('reading [\\d,]+ rows · \\d+%'));
    expect(text).toContain('\r\x1b[Kcomputing and drawing');
    expect(text).toContain('\r\x1b[Kwriting the report');
    // Erased, then the summary on a clean line.
    expect(text).toMatch(line('kimi-2024: 12000 rows read'));
  });

  it('validate shows its reading on a terminal', () => {
    const { status, text } = onTerminal(['validate', survey]);
    expect(status, text).toBe(0);
    expect(text).toMatch(line('reading [\\d,]+ rows · \\d+%'));
    expect(text).toMatch(line('kimi-2024: 12000 rows read'));
  });

  it('batch shows each running survey and the overall count', () => {
    const { status, text } = onTerminal(['batch', work, '--out', path.join(work, 'batch-out'), '--jobs', '1']);
    expect(status, text).toBe(0);
    expect(text).toMatch(line('0 of 1 done · kimi: reading [\\d,]+ rows · \\d+%'));
    expect(text).toMatch(line('ok {6}'));
  });

  it('batch shows no line when its stdout is piped, so its result lines are not glued to one', () => {
    const command = `'${process.execPath}' '${BIN}' batch '${work}' --out '${path.join(work, 'batch-piped')}' --force | cat`;
    const result = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: work, encoding: 'utf8', env: { ...process.env, TERM: 'xterm' }, timeout: 120_000 });
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).not.toContain('\x1b[K');
    expect(result.stdout).toMatch(/^ok {6}\S*kimi\r?$/m);
  });

  it('shows nothing with --quiet or --json on a terminal, and nothing when piped', () => {
    const quiet = onTerminal(['validate', survey, '--quiet']);
    expect(quiet.status, quiet.text).toBe(0);
    expect(quiet.text).toBe('');
    const json = onTerminal(['validate', survey, '--json']);
    expect(json.status).toBe(0);
    expect(json.text).not.toContain('\x1b');
    expect((JSON.parse(json.text) as { rowsRead: number }).rowsRead).toBe(12000);
    const piped = spawnSync(process.execPath, [BIN, 'analyze', survey, '--out', out], { encoding: 'utf8', env: { ...process.env, TERM: 'xterm' } });
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).not.toContain('\x1b');
    expect(piped.stdout).toMatch(/^kimi-2024: 12000 rows read/);
  });
});
