/** The command line as a user meets it: exit codes 0/1/2 and one-line messages, never a stack trace. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import reference from '../reference/kimi-2024-reference.json' with { type: 'json' };
import { afterAll, describe, expect, it } from 'vitest';
import { builtBin } from '../built-package.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = builtBin();
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function sampleCopy(name: string): string {
  const dir = path.join(work, name);
  cpSync(path.join(ROOT, 'surveys/kimi-2024'), dir, { recursive: true });
  return dir;
}

const STACK = /\n\s+at /;

// Each case spawns the CLI, and analyze renders every chart to SVG and PNG: allow more than the default 5 s.
describe('stickiness CLI', { timeout: 60_000 }, () => {
  it('prints help with every command and exits 0', () => {
    const { status, stdout } = run('--help');
    expect(status).toBe(0);
    for (const command of ['analyze', 'tabs', 'drivers', 'validate', 'audit', 'batch', 'init', 'synth']) expect(stdout).toContain(command);
  });

  it('prints the version from package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run('--version')).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
  });

  it('suggests the near command for a typo and exits 2', () => {
    const { status, stderr } = run('analyse', 'x');
    expect(status).toBe(2);
    expect(stderr).toContain("unknown command 'analyse'");
    expect(stderr).toContain('analyze');
  });

  it('exits 2 for a missing argument and for a bad flag value', () => {
    expect(run('analyze').status).toBe(2);
    expect(run('batch', '--jobs', 'many')).toMatchObject({ status: 2, stderr: 'stickiness: --jobs must be a positive whole number, not `many`\n' });
  });

  it('stops analyze and validate with exit 1 when a codebook label misses a value in many rows, one line per value', () => {
    // MASS::survey as R writes it (tests/fixtures/mass-survey), with the label `Heavy` typed `Heavvy` and `Regul` as `Regular`.
    const dir = path.join(work, 'typo');
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(ROOT, 'tests/fixtures/mass-survey/survey-r.csv'), path.join(dir, 'survey-r.csv'));
    const codebook = ['id: typo', 'title: T', 'source: { file: survey-r.csv }', 'questions:', '  - { id: smoke, column: Smoke, type: single, options: [Never, Occas, Regular, Heavvy] }', 'metrics:', '  - { id: never, kind: proportion, question: smoke, success: [Never] }', ''];
    writeFileSync(path.join(dir, 'survey.yaml'), codebook.join('\n'));
    const file = path.join(dir, 'survey-r.csv');
    // table(survey$Smoke): Heavy 11, Regul 17 of 237 rows
    const expected = [
      `${file}: question \`smoke\` (column "Smoke"): "Regul" in 17 of 237 rows (7.2%) is not one of its options (no option is close); fix the label in questions[0].options, add it to \`missing:\` if it means no answer, or set \`quality.unknownValues: quarantine\` to quarantine these rows`,
      `${file}: question \`smoke\` (column "Smoke"): "Heavy" in 11 of 237 rows (4.6%) is not one of its options (did you mean \`Heavvy\`?); fix the label in questions[0].options, add it to \`missing:\` if it means no answer, or set \`quality.unknownValues: quarantine\` to quarantine these rows`,
    ];
    for (const args of [['analyze', dir, '--out', path.join(work, 'typo-out')], ['validate', dir]]) {
      const result = run(...args);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(`${expected.join('\n')}\n`);
    }
    expect(existsSync(path.join(work, 'typo-out', 'typo'))).toBe(false);
  });

  it('exits 1 with one line naming the file when the survey does not exist', () => {
    const { status, stderr } = run('analyze', 'nowhere');
    expect(status).toBe(1);
    expect(stderr).toBe('nowhere/survey.yaml: no such codebook; pass a survey folder holding survey.yaml, or the path of a survey.yaml\n');
  });

  it('exits 1 with file:line:column messages for a malformed survey.yaml, without a stack trace', () => {
    const dir = sampleCopy('bad-codebook');
    const file = path.join(dir, 'survey.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('kind: top-box, question: sat', 'kind: top-box, question: satt'));
    const { status, stderr } = run('analyze', dir, '--out', path.join(work, 'out'));
    expect(status).toBe(1);
    expect(stderr).toMatch(/^.*bad-codebook\/survey\.yaml:\d+:\d+: metrics\[\d+\]\.question: no question has id `satt` \(did you mean `sat`\?\)\n$/);
    expect(stderr).not.toMatch(STACK);
  });

  it('exits 1 with one line when --out cannot be written', () => {
    const blocker = path.join(work, 'a-file');
    writeFileSync(blocker, 'not a folder');
    expect(run('analyze', path.join(ROOT, 'surveys/kimi-2024'), '--out', blocker)).toMatchObject({
      status: 1,
      stderr: `${blocker}: cannot write the report here (ENOTDIR: not a directory); pass --out a folder you can write to\n`,
    });
  });

  it('exits 1 telling the user to save a GBK survey.yaml as UTF-8', () => {
    const dir = sampleCopy('gbk-codebook');
    const file = path.join(dir, 'survey.yaml');
    writeFileSync(file, iconv.encode(readFileSync(file, 'utf8'), 'gbk'));
    expect(run('analyze', dir)).toMatchObject({ status: 1, stderr: `${file}: is not UTF-8 text (it looks like GBK); save it as UTF-8 in your editor\n` });
  });

  it('exits 1 with one line when the export is missing', () => {
    const dir = sampleCopy('no-export');
    rmSync(path.join(dir, 'responses.csv'));
    const { status, stderr } = run('analyze', dir);
    expect(status).toBe(1);
    expect(stderr).toBe(`${path.join(dir, 'responses.csv')}: export not found; put the export next to survey.yaml or fix \`source.file\`\n`);
  });

  it('weights when the codebook says so, and says which option stops the weighting when one has no respondents', () => {
    const dir = sampleCopy('weighted');
    const file = path.join(dir, 'survey.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('method: none', 'method: rake\n  by: [industry, gender]'));
    const ok = run('analyze', dir, '--out', path.join(work, 'weighted-out'), '--json');
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as { metrics: { weighted: boolean }[] }).metrics.every((m) => m.weighted)).toBe(true);
    const report = readFileSync(path.join(work, 'weighted-out', 'kimi-2024', 'report.md'), 'utf8');
    expect(report).toContain('| 指标 | 估计值 | 95% 置信区间 | n | 有效样本量（区间所用） | Kish 有效样本量 | 未加权估计 |');
    expect(report).toMatch(/!\[条形图“留存与粘性”：每周至少使用一次 85\.9%（77\.0–91\.7%）[^\]]*\]\(charts\/retention\.svg\)/);
    expect(report).toMatch(/无法使用时非常失望.*: 置信区间/);
    // An age group nobody in the sample is in, but the population has.
    const unreachable = original
      .replace('options: [18岁以下, 18-24岁, 25-30岁, 31-40岁, 41岁及以上]', 'options: [18岁以下, 18-24岁, 25-30岁, 31-40岁, 41岁及以上, 65岁以上]')
      .replace('41岁及以上: 0.12 }', '41岁及以上: 0.10, 65岁以上: 0.02 }')
      .replace('method: none', 'method: rake\n  by: [industry, gender, age]');
    writeFileSync(file, unreachable);
    expect(run('analyze', dir, '--out', path.join(work, 'weighted-out'))).toMatchObject({
      status: 1,
      stderr: `${file}: weighting.by: no respondent answered \`65岁以上\` to \`age\`, which has a population share of 0.02; merge that option into another in the benchmark or weight on other questions\n`,
    });
  });

  it('tabs prints the banner table, writes it as .xlsx and .csv, and exits 2 for a table id that does not exist', () => {
    const dir = sampleCopy('tabs');
    const { status, stdout, stderr } = run('tabs', dir, '--out', path.join(work, 'tabs-out'));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('按行业交叉');
    expect(lines[1]).toBe('行业: A–G');
    expect(lines[3]).toMatch(/^ +总计 +金融 \(A\) +互联网\/IT \(B\) .* 其他 \(G\)$/);
    expect(stdout).toContain('样本量（未加权）');
    expect(stdout).toMatch(/-> .*tabs-out\/kimi-2024\/tables\/main\.xlsx, main\.csv\n$/);
    for (const file of ['main.xlsx', 'main.csv']) expect(existsSync(path.join(work, 'tabs-out/kimi-2024/tables', file))).toBe(true);
    expect(run('tabs', dir, '--out', path.join(work, 'tabs-out'), '--table', 'mian')).toMatchObject({ status: 2, stderr: 'stickiness: --table mian: no table has that id (did you mean `main`?); tables are: main\n' });
    const json = run('tabs', dir, '--out', path.join(work, 'tabs-out'), '--table', 'main', '--json');
    expect(json.status).toBe(0);
    const tables = JSON.parse(json.stdout) as { id: string; blocks: unknown[] }[];
    const stats = JSON.parse(readFileSync(path.join(work, 'tabs-out/kimi-2024/stats.json'), 'utf8')) as { tables: unknown[] };
    expect(tables).toEqual(stats.tables);
  });

  it('tabs exits 1 with one line when the survey has no table', () => {
    const dir = sampleCopy('no-tables');
    writeFileSync(path.join(dir, 'survey.yaml'), `${readFileSync(path.join(dir, 'survey.yaml'), 'utf8')}tables: []\n`);
    const { status, stderr } = run('tabs', dir, '--out', path.join(work, 'no-tables-out'));
    expect(status).toBe(1);
    expect(stderr).toMatch(/survey\.yaml: defines no table .*add `tables:` \(docs\/tables\.md\)\n$/);
    expect(stderr).not.toMatch(STACK);
  });

  it('drivers prints each analysis ranked by LMG, and exits 1 for a survey without drivers', () => {
    const dir = path.join(work, 'attitude');
    cpSync(path.join(ROOT, 'tests/fixtures/indexes/attitude'), dir, { recursive: true });
    const { status, stdout, stderr } = run('drivers', dir, '--out', path.join(work, 'drivers-out'));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('What drives the overall rating (linear regression; R² 0.733, n 30)');
    expect(lines[1]).toMatch(/^ {2}1\. complaints {2}LMG 50\.6% \[[\d.]+%, [\d.]+%\] {2}Johnson 49\.5% \[[\d.]+%, [\d.]+%\] {2}β 0\.671 {2}r 0\.83$/);
    expect(lines[6]).toMatch(/^ {2}6\. critical {4}LMG 0\.9% /);
    const bare = sampleCopy('no-drivers');
    const yaml = readFileSync(path.join(bare, 'survey.yaml'), 'utf8');
    writeFileSync(path.join(bare, 'survey.yaml'), yaml.replace(/\ndrivers:\n(?: {2}.*\n)+/, '\n'));
    const none = run('drivers', bare, '--out', path.join(work, 'drivers-out'));
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/survey\.yaml: defines no key-driver analysis; add `drivers:` \(docs\/codebook\.md, "drivers"\)\n$/);
  });

  it('validate prints the accounting and the reason for every rejected row', () => {
    const { status, stdout } = run('validate', path.join(ROOT, 'surveys/kimi-2024'));
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^kimi-2024: 160 rows read, 154 accepted, 6 quarantined \(attention-check 2, duplicate 1, invalid-nps 1, speeder 3\)/);
    expect(lines.filter((line) => line.startsWith('  row '))).toHaveLength(7);
    expect(stdout).toContain('  row 121: invalid-nps');
  });

  it('validate --json prints validation.json on stdout', () => {
    const { status, stdout } = run('validate', path.join(ROOT, 'surveys/kimi-2024'), '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ rowsRead: 160, accepted: 154, quarantined: 6 });
  });

  it('audit prints the sample against the benchmark and exits 0 even with flags', () => {
    const { status, stdout } = run('audit', path.join(ROOT, 'surveys/kimi-2024'));
    expect(status).toBe(0);
    const share = (reference.audit.industry.sample as Record<string, number>)['金融'] ?? Number.NaN;
    expect(stdout).toContain(`金融: sample ${(share * 100).toFixed(1)}% vs population 6.0%`);
    expect(stdout).toContain('critical not-representative');
  });

  it('escapes labels that reach the report through the weighting line, in report.md and report.html', () => {
    const dir = sampleCopy('inject');
    const file = path.join(dir, 'survey.yaml');
    const hostile = readFileSync(file, 'utf8')
      .replace('    label: 行业\n', '    label: "行业<script>alert(1)</script>[x](javascript:alert(1))"\n')
      .replace('method: none', 'method: rake\n  by: [industry, gender]');
    writeFileSync(file, hostile);
    expect(run('analyze', dir, '--out', path.join(work, 'inject-out')).status).toBe(0);
    const md = readFileSync(path.join(work, 'inject-out', 'kimi-2024', 'report.md'), 'utf8');
    const html = readFileSync(path.join(work, 'inject-out', 'kimi-2024', 'report.html'), 'utf8');
    expect(md).not.toContain('<script>');
    expect(html).not.toMatch(/<script|href="javascript:/);
  });

  it('audit refuses a survey where no response passed validation, with exit 1', () => {
    const dir = sampleCopy('all-quarantined');
    const file = path.join(dir, 'survey.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('minDurationSeconds: 30', 'minDurationSeconds: 100000'));
    const { status, stderr } = run('audit', dir);
    expect(status).toBe(1);
    expect(stderr).toContain('no response passed validation (160 read), so there is no sample to audit');
  });

  it('leaves the previous report whole when analyze is killed part-way, and no stray folders after the next run', async () => {
    const { spawn } = await import('node:child_process');
    const out = path.join(work, 'killed');
    const survey = path.join(ROOT, 'surveys/kimi-2024');
    expect(run('analyze', survey, '--out', out).status).toBe(0);
    const files = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();
    const before = files(path.join(out, 'kimi-2024'));
    // analyze takes about a second here: these moments fall in reading, drawing and writing.
    for (const delay of [150, 300, 450, 600, 750, 900]) {
      const child = spawn(process.execPath, [BIN, 'analyze', survey, '--out', out], { stdio: 'ignore' });
      const closed = new Promise((resolve) => child.on('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await closed;
      // Whatever moment it died at, a report is there, whole (the old one, or the new one, which is the same).
      const present = existsSync(path.join(out, 'kimi-2024')) ? path.join(out, 'kimi-2024') : (readdirSync(out).find((n) => n.startsWith('.kimi-2024.old-')) ?? '');
      expect(files(present.startsWith('/') ? present : path.join(out, present)), `killed after ${delay} ms`).toEqual(before);
    }
    expect(run('analyze', survey, '--out', out).status).toBe(0);
    expect(readdirSync(out)).toEqual(['kimi-2024']);
    expect(files(path.join(out, 'kimi-2024'))).toEqual(before);
  });

  it('ends quietly when its reader closes the pipe early (`| head`)', async () => {
    const { spawn } = await import('node:child_process');
    const dir = sampleCopy('epipe');
    // Every row quarantined: validate prints a line per row, far more than a pipe buffer holds.
    const file = path.join(dir, 'survey.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('minDurationSeconds: 30', 'minDurationSeconds: 100000'));
    writeFileSync(path.join(dir, 'responses.csv'), Buffer.concat(Array.from({ length: 40 }, (_, i) => {
      const bytes = readFileSync(path.join(ROOT, 'surveys/kimi-2024/responses.csv'));
      return i === 0 ? bytes : bytes.subarray(bytes.indexOf(10) + 1);
    })));
    const child = spawn(process.execPath, [BIN, 'validate', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });

  it('audit --json prints the whole audit object with its flags', () => {
    const { status, stdout } = run('audit', path.join(ROOT, 'surveys/kimi-2024'), '--json');
    expect(status).toBe(0);
    const audit = JSON.parse(stdout) as { variables: unknown[]; sensitivity: { basis: string }; flags: { code: string }[] };
    expect(audit.variables).toHaveLength(3);
    expect(audit.sensitivity.basis).toBe('benchmarks');
    expect(audit.flags.map((f) => f.code)).toContain('small-sample');
  });

  it('init drafts survey.yaml beside the export, refuses to overwrite it, and exits 1 for a missing export', () => {
    const dir = sampleCopy('init');
    rmSync(path.join(dir, 'survey.yaml'));
    const { status, stdout } = run('init', path.join(dir, 'responses.csv'));
    expect(status).toBe(0);
    // The sample's satisfaction, likelihood and experience scales are likert; 序号 (numbered, all different) is the respondent id.
    expect(stdout).toContain('18 questions (4 single, 10 likert, 1 rating, 1 nps, 1 multi, 1 text); respondent id: 序号; kept out of outputs: 来自IP');
    expect(existsSync(path.join(dir, 'survey.yaml'))).toBe(true);
    expect(run('init', path.join(dir, 'responses.csv')).status).toBe(1);
    expect(run('analyze', dir, '--out', path.join(work, 'init-out')).status).toBe(0);
    expect(run('init', path.join(dir, 'missing.csv'))).toMatchObject({ status: 1, stderr: `${path.join(dir, 'missing.csv')}: no such export file; pass the CSV, TSV, .xlsx, SPSS .sav or Parquet file your survey platform exported\n` });
  });
});
