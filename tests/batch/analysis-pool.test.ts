/**
 * Batch children analyse one survey after another, and a child that dies fails only the survey it was on. Run
 * on the built package (tests/built-package.ts): the children load its compiled modules.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type * as AnalysisPoolModule from '../../src/batch/analysis-pool.ts';
import { builtModule } from '../built-package.ts';

const { analysisChild } = await builtModule<typeof AnalysisPoolModule>('batch/analysis-pool.js');

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-pool-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('analysisChild', () => {
  it('analyses surveys one after another in the same process', async () => {
    const child = analysisChild();
    try {
      const stages: string[] = [];
      expect(await child.analyze({ survey: path.join(ROOT, 'surveys/kimi-2024'), out: work }, (event) => stages.push(event.stage))).toEqual({ ok: true });
      const pid = child.pid();
      expect(await child.analyze({ survey: path.join(ROOT, 'surveys/kimi-2024-06'), out: work }, () => undefined)).toEqual({ ok: true });
      expect(child.pid()).toBe(pid);
      expect(stages).toEqual(expect.arrayContaining(['ingest', 'report', 'write', 'done']));
      expect(existsSync(path.join(work, 'kimi-2024', 'report.html'))).toBe(true);
      expect(existsSync(path.join(work, 'kimi-2024-06', 'report.html'))).toBe(true);
      // Bad input is an outcome with the CLI's one-line message, and the child lives on.
      const missing = await child.analyze({ survey: path.join(work, 'no-such-survey'), out: work }, () => undefined);
      expect(missing).toMatchObject({ ok: false, error: expect.stringContaining('no-such-survey') });
      expect(child.pid()).toBe(pid);
    } finally {
      child.close();
    }
  }, 60_000);

  it('replaces a child that died between surveys', async () => {
    const child = analysisChild();
    try {
      expect(await child.analyze({ survey: path.join(ROOT, 'surveys/kimi-2024'), out: path.join(work, 'idle') }, () => undefined)).toEqual({ ok: true });
      const pid = child.pid() as number;
      process.kill(pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await child.analyze({ survey: path.join(ROOT, 'surveys/kimi-2024'), out: path.join(work, 'idle') }, () => undefined)).toEqual({ ok: true });
      expect(child.pid()).not.toBe(pid);
    } finally {
      child.close();
    }
  }, 60_000);

  it('fails the survey whose child dies, and starts a fresh child for the next', async () => {
    const child = analysisChild();
    try {
      const running = child.analyze({ survey: path.join(ROOT, 'surveys/kimi-2024'), out: path.join(work, 'killed') }, () => undefined);
      const pid = child.pid();
      expect(pid).toBeDefined();
      process.kill(pid as number, 'SIGKILL');
      expect(await running).toEqual({ ok: false, error: 'stopped by SIGKILL' });
      expect(await child.analyze({ survey: path.join(ROOT, 'surveys/kimi-2024'), out: path.join(work, 'after') }, () => undefined)).toEqual({ ok: true });
      expect(child.pid()).not.toBe(pid);
    } finally {
      child.close();
    }
  }, 60_000);
});
