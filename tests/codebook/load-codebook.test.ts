/** Reading `survey.yaml` from disk: size bound, encoding, and a folder or a file path. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../src/codebook/load-codebook.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-load-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function survey(name: string, content: string | Uint8Array): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'survey.yaml'), content);
  return dir;
}

describe('loadCodebook', () => {
  it('refuses a codebook over 1 MiB without parsing it', async () => {
    const dir = survey('huge', `id: t\n# ${'x'.repeat(1024 * 1024)}\n`);
    // 6 + 2 + 1,048,576 + 1 bytes.
    await expect(loadCodebook(dir)).rejects.toThrow(`${path.join(dir, 'survey.yaml')}: is 1048585 bytes; a codebook must be under 1 MiB`);
  });

  it('says a GBK codebook is GBK', async () => {
    const dir = survey('gbk', iconv.encode('id: t\ntitle: 调研\n', 'gbk'));
    await expect(loadCodebook(dir)).rejects.toThrow('is not UTF-8 text (it looks like GBK); save it as UTF-8 in your editor');
  });

  it('names a missing codebook and what to pass instead', async () => {
    await expect(loadCodebook(path.join(work, 'nowhere'))).rejects.toThrow('no such codebook; pass a survey folder holding survey.yaml, or the path of a survey.yaml');
  });
});
