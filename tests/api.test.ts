/** The library entry as an embedding job meets it: `import { ... } from 'stickiness'` in plain Node. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const out = mkdtempSync(path.join(tmpdir(), 'stickiness-api-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("import from 'stickiness'", () => {
  it('analyses a survey and exposes the pipeline pieces', () => {
    const script = `
      const s = await import('stickiness');
      const result = await s.analyzeSurvey('surveys/kimi-2024', { outDir: ${JSON.stringify(out)} });
      const parsed = s.parseCodebook('id: x\\ntitle: X\\nsource: { file: a.csv }\\nquestions:\\n  - { id: q, column: Q, type: text }\\n');
      console.log(JSON.stringify({ accepted: result.stats.input.accepted, parsed: parsed.ok, kinds: typeof s.ingestFile + typeof s.finishStats + typeof s.runAudit }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ accepted: 154, parsed: true, kinds: 'functionfunctionfunction' });
  }, 60_000);
});
