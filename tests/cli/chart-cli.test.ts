/** `stickiness chart`: one chart in each format, to stdout or a file, from a current report or a new one. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtBin } from '../built-package.ts';
import { htmlSnippet } from '../../src/cli/commands/chart.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = builtBin();
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-chart-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const survey = path.join(work, 'kimi');
cpSync(path.join(ROOT, 'surveys/kimi-2024'), survey, { recursive: true });
const out = path.join(work, 'reports');

function run(...args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, 'chart', ...args], { cwd: work });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

// Each case spawns the CLI; the first renders the whole report.
describe('stickiness chart', { timeout: 60_000 }, () => {
  it('makes the report when there is none, then prints the chart as SVG, the same bytes as the report’s', () => {
    const { status, stdout, stderr } = run(survey, 'retention', '--out', out);
    expect(status, stderr).toBe(0);
    expect(stdout.equals(readFileSync(path.join(out, 'kimi-2024/charts/retention.svg')))).toBe(true);
  });

  it('uses a report whose inputs are unchanged as it is, and makes it again when the codebook changes', () => {
    const stats = path.join(out, 'kimi-2024/stats.json');
    const before = statSync(stats).mtimeMs;
    expect(run(survey, 'nps-nps', '--format', 'vl.json', '--out', out).status).toBe(0);
    expect(statSync(stats).mtimeMs).toBe(before);
    writeFileSync(path.join(survey, 'survey.yaml'), `${readFileSync(path.join(survey, 'survey.yaml'), 'utf8')}\n# edited\n`);
    expect(run(survey, 'nps-nps', '--format', 'vl.json', '--out', out).status).toBe(0);
    expect(statSync(stats).mtimeMs).toBeGreaterThan(before);
  });

  it('writes PNG, the Vega-Lite spec and an HTML snippet with the alt text to --output', () => {
    const png = path.join(work, 'nps.png');
    expect(run(survey, 'nps-nps', '--format', 'png', '--output', png, '--out', out).status).toBe(0);
    expect(readFileSync(png).equals(readFileSync(path.join(out, 'kimi-2024/charts/nps-nps.png')))).toBe(true);
    const spec = JSON.parse(run(survey, 'nps-nps', '--format', 'vl.json', '--out', out).stdout.toString('utf8')) as { description: string; $schema: string };
    expect(spec.$schema).toContain('vega-lite');
    const html = run(survey, 'nps-nps', '--format', 'html', '--out', out).stdout.toString('utf8');
    expect(html.startsWith(`<figure class="stickiness-chart" role="img" aria-label="${spec.description}">\n<svg aria-hidden="true" `)).toBe(true);
    expect(html.trimEnd().endsWith('</svg>\n</figure>')).toBe(true);
  });

  it('names the charts there are for a wrong name, and the formats for a wrong format; exit 2', () => {
    const wrong = run(survey, 'retenton', '--out', out);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^stickiness: no chart `retenton` in .* \(did you mean `retention`\?\); the charts are: accounting, .*nps-nps.*\n$/);
    expect(run(survey, 'retention', '--format', 'jpeg', '--out', out)).toMatchObject({ status: 2, stderr: 'stickiness: --format jpeg: use one of svg, png, vl.json, html (did you mean `png`?)\n' });
    const missing = run(path.join(work, 'nowhere'), 'retention', '--out', out);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no such codebook');
  });
});

describe('stickiness chart where it cannot write', { timeout: 60_000 }, () => {
  it('says a full disk in one line and exits 1, with no stack trace', async () => {
    const { openSync, closeSync } = await import('node:fs');
    const full = openSync('/dev/full', 'w');
    const result = spawnSync(process.execPath, [BIN, 'chart', survey, 'retention', '--out', out], { stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    expect(result.status).toBe(1);
    expect(result.stderr.toString('utf8')).toBe('stickiness: cannot write the output (ENOSPC); make room on the disk it goes to, or send it elsewhere\n');
  });

  it('refuses a report folder under /proc at once (node’s recursive mkdir loops there for ever)', () => {
    const result = spawnSync(process.execPath, [BIN, 'analyze', survey, '--out', '/proc/forbidden/reports'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('/proc/forbidden/reports: cannot write the report here (ENOENT: no such file or directory); pass --out a folder you can write to\n');
  });
});

describe('the HTML snippet', () => {
  it('escapes the alt text and hides the SVG’s own labels from screen readers', () => {
    const html = htmlSnippet('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>', { description: 'a "b" <c> & d' });
    expect(html).toBe('<figure class="stickiness-chart" role="img" aria-label="a &quot;b&quot; &lt;c&gt; &amp; d">\n<svg aria-hidden="true" xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>\n</figure>\n');
  });
});
