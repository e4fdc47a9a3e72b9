/** `source.file` cannot reach outside the survey folder: not by `..`, not by an absolute path, not by a link. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { resolveSourceFile } from '../../src/ingest/resolve-source-file.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-traversal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const survey = path.join(work, 'survey');
mkdirSync(path.join(survey, 'data'), { recursive: true });
writeFileSync(path.join(work, 'secret.csv'), 'a\n1\n');
writeFileSync(path.join(survey, 'data', 'inside.csv'), 'a\n1\n');
symlinkSync(path.join(work, 'secret.csv'), path.join(survey, 'link-out.csv'));
symlinkSync(work, path.join(survey, 'dir-out'));
symlinkSync(path.join(survey, 'data', 'inside.csv'), path.join(survey, 'link-in.csv'));

function resolve(file: string): Promise<string> {
  const parsed = parseCodebook(`id: t\ntitle: T\nsource: { file: ${JSON.stringify(file)} }\nquestions:\n  - { id: a, column: a, type: text }\n`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return resolveSourceFile({ codebook: parsed.value, file: path.join(survey, 'survey.yaml'), dir: survey, text: '' });
}

describe('source.file stays in the survey folder', () => {
  it.each(['../secret.csv', 'data/../../secret.csv', '..\\secret.csv'])('refuses %s', async (file) => {
    await expect(resolve(file)).rejects.toThrow(`${path.join(survey, 'survey.yaml')}: source.file: \`${file}\` must be a path inside the survey folder (no absolute paths, no ..)`);
  });

  it('refuses an absolute path, even to a file that exists', async () => {
    const absolute = path.join(work, 'secret.csv');
    await expect(resolve(absolute)).rejects.toThrow(`source.file: \`${absolute}\` must be a path inside the survey folder`);
  });

  it('refuses a link to a file outside, and a file reached through a linked folder', async () => {
    await expect(resolve('link-out.csv')).rejects.toThrow(`${path.join(survey, 'link-out.csv')}: is a link to a file outside the survey folder; copy the export into the folder instead`);
    await expect(resolve('dir-out/secret.csv')).rejects.toThrow('is a link to a file outside the survey folder');
  });

  it('accepts a file in a subfolder and a link that stays inside', async () => {
    await expect(resolve('data/inside.csv')).resolves.toBe(path.join(survey, 'data', 'inside.csv'));
    await expect(resolve('link-in.csv')).resolves.toBe(path.join(survey, 'link-in.csv'));
  });

  it('a survey id cannot name a folder outside reports/: it must be a slug', () => {
    for (const id of ['../evil', '/tmp/x', 'a/b', '..']) {
      const parsed = parseCodebook(`id: ${JSON.stringify(id)}\ntitle: T\nsource: { file: r.csv }\nquestions:\n  - { id: a, column: a, type: text }\n`);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.issues[0]?.message).toBe('must be a slug: lower-case letters, digits and single dashes');
    }
  });
});
