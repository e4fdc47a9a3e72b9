/** `stickiness batch` as a user meets it: every survey of a folder, the index, series reports, watching. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtBin } from '../built-package.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = builtBin();
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-batch-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const STACK = /\n\s+at /;

// Each case spawns the CLI, which analyses surveys in child processes and renders their charts: allow a minute.
describe('stickiness batch', { timeout: 60_000 }, () => {
  it('batch --watch re-analyses a changed export and a new survey folder, and stops on Ctrl-C', async () => {
    const { spawn } = await import('node:child_process');
    const dir = path.join(work, 'watched');
    const out = path.join(work, 'watched-out');
    cpSync(path.join(ROOT, 'surveys/kimi-2024'), path.join(dir, 'wave1'), { recursive: true });
    const child = spawn(process.execPath, [BIN, 'batch', dir, '--out', out, '--watch', '--jobs', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const seen = async (pattern: RegExp, from: number): Promise<void> => {
      while (!pattern.test(stdout.slice(from))) await new Promise((r) => setTimeout(r, 100));
    };
    await seen(/ok\s+\S*wave1/, 0);
    let mark = stdout.length;
    const exportFile = path.join(dir, 'wave1', 'responses.csv');
    writeFileSync(exportFile, Buffer.concat([readFileSync(exportFile), Buffer.from('\r\n')]));
    await seen(/ok\s+\S*wave1/, mark);
    mark = stdout.length;
    cpSync(path.join(ROOT, 'surveys/kimi-2024-06'), path.join(dir, 'wave2'), { recursive: true });
    await seen(/ok\s+\S*wave2/, mark);
    expect(stdout.slice(mark)).toMatch(/skipped\s+\S*wave1/);
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(existsSync(path.join(out, 'kimi-2024-06', 'report.html'))).toBe(true);
  });

  it('batch analyses the good surveys, reports the broken one and exits 1', () => {
    const dir = path.join(work, 'batch');
    cpSync(path.join(ROOT, 'surveys/kimi-2024'), path.join(dir, 'a-good'), { recursive: true });
    cpSync(path.join(ROOT, 'surveys/kimi-2024'), path.join(dir, 'b-broken'), { recursive: true });
    cpSync(path.join(ROOT, 'surveys/kimi-2024'), path.join(dir, 'c-good'), { recursive: true });
    cpSync(path.join(ROOT, 'surveys/kimi-2024'), path.join(dir, 'd-same-id'), { recursive: true });
    writeFileSync(path.join(dir, 'b-broken/survey.yaml'), 'id: [\n');
    for (const name of ['a-good', 'c-good']) {
      const file = path.join(dir, name, 'survey.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('id: kimi-2024', name === 'a-good' ? 'id: kimi-2024' : `id: ${name}`));
    }
    const out = path.join(work, 'batch-out');
    const { status, stdout, stderr } = run('batch', dir, '--out', out, '--jobs', '2');
    expect(status).toBe(1);
    expect(stdout).toContain(`ok      ${path.join(dir, 'a-good')}`);
    expect(stdout).toContain(`ok      ${path.join(dir, 'c-good')}`);
    expect(stdout).toMatch(/c-good\s+160\/154\/6\s+weekly_active/);
    expect(stderr).toContain(`failed ${path.join(dir, 'b-broken')}: `);
    expect(stderr).toContain(`failed ${path.join(dir, 'd-same-id')}: ${path.join(dir, 'd-same-id', 'survey.yaml')}: id \`kimi-2024\` is also the id of ${path.join(dir, 'a-good')}`);
    expect(stderr).toContain('2 of 4 surveys analysed or up to date; failed: ');
    expect(stderr).not.toMatch(STACK);
    expect(existsSync(path.join(out, 'kimi-2024/stats.json'))).toBe(true);
    expect(existsSync(path.join(out, 'c-good/report.md'))).toBe(true);
    const index = readFileSync(path.join(out, 'index.md'), 'utf8');
    expect(index).toContain('[HTML](c-good/report.html)');
    expect(index).toContain('[HTML](kimi-2024/report.html)');

    // A second run skips what did not change; a changed export or --force runs again.
    const again = run('batch', dir, '--out', out);
    expect(again.stdout).toContain(`skipped ${path.join(dir, 'a-good')} (unchanged; --force to re-run)`);
    expect(again.stdout).toContain(`skipped ${path.join(dir, 'c-good')}`);
    writeFileSync(path.join(dir, 'c-good', 'responses.csv'), Buffer.concat([readFileSync(path.join(dir, 'c-good', 'responses.csv')), Buffer.from('\r\n')]));
    const changed = run('batch', dir, '--out', out);
    expect(changed.stdout).toContain(`ok      ${path.join(dir, 'c-good')}`);
    expect(changed.stdout).toContain(`skipped ${path.join(dir, 'a-good')}`);
    expect(run('batch', dir, '--out', out, '--force').stdout).toContain(`ok      ${path.join(dir, 'a-good')}`);
  });

  it('batch draws the series report in a child, and says so in one line when it cannot be written', () => {
    const dir = path.join(work, 'waves');
    cpSync(path.join(ROOT, 'surveys/kimi-2024'), path.join(dir, 'march'), { recursive: true });
    cpSync(path.join(ROOT, 'surveys/kimi-2024-06'), path.join(dir, 'june'), { recursive: true });
    const out = path.join(work, 'waves-out');
    expect(run('batch', dir, '--out', out).status).toBe(0);
    expect(readFileSync(path.join(out, 'series/kimi-users/series.json'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'reports/series/kimi-users/series.json'), 'utf8'));
    expect(existsSync(path.join(out, 'series/kimi-users/charts/trend-weekly_active.png'))).toBe(true);

    rmSync(path.join(out, 'series'), { recursive: true });
    writeFileSync(path.join(out, 'series'), 'a file where the series folder goes');
    const { status, stdout, stderr } = run('batch', dir, '--out', out);
    expect(status).toBe(1);
    expect(stdout).toContain(`skipped ${path.join(dir, 'june')}`);
    expect(stderr).toMatch(/^failed series reports: .*series.*; pass --out a folder you can write to$/m);
    expect(stderr).not.toMatch(STACK);
  });

  it('batch exits 1 with one line, its child processes closed, when the index cannot be written', () => {
    const dir = path.join(work, 'no-index');
    cpSync(path.join(ROOT, 'surveys/kimi-2024'), path.join(dir, 'march'), { recursive: true });
    const out = path.join(work, 'no-index-out');
    mkdirSync(path.join(out, 'index.md'), { recursive: true });
    // A child left running would keep the command from ending: the timeout would stop it with a signal.
    const result = spawnSync(process.execPath, [BIN, 'batch', dir, '--out', out, '--jobs', '2'], { cwd: work, encoding: 'utf8', timeout: 60_000 });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`${path.join(out, 'index.md')}: cannot write the index here (EISDIR); pass --out a folder you can write to`);
  });
});
