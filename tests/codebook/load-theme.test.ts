/** `theme:` in the codebook and `stickiness.theme.json` beside the surveys: where it is found, which wins, what is refused. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../src/codebook/load-codebook.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { reportInputs } from '../../src/report/report-inputs.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-theme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CODEBOOK = 'id: t\ntitle: T\nsource: { file: data.csv }\nquestions:\n  - { id: q, column: q, type: single, options: [a, b] }\n';

function survey(parent: string, theme?: string): string {
  const dir = path.join(work, parent, 'survey');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'survey.yaml'), `${CODEBOOK}${theme ?? ''}`);
  return dir;
}

describe('the theme', () => {
  it('is read from stickiness.theme.json beside the surveys; the codebook’s keys win, its palette colour by colour', async () => {
    const dir = survey('beside', 'theme: { palette: { main: "#0b5fff" }, logo: Own }\n');
    writeFileSync(path.join(work, 'beside', 'stickiness.theme.json'), JSON.stringify({ font: 'Inter', palette: { main: '#111111', muted: '#cccccc' }, logo: 'File' }));
    const loaded = await loadCodebook(dir);
    expect(loaded.codebook.theme).toEqual({ font: 'Inter', palette: { main: '#0b5fff', muted: '#cccccc' }, logo: 'Own' });
    expect(loaded.theme?.file).toBe(path.join(work, 'beside', 'stickiness.theme.json'));
    // A changed theme file changes the report's inputs, so batch makes the report again.
    expect(reportInputs(loaded.text, 'x', loaded.theme?.text).themeSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(reportInputs(loaded.text, 'x', `${loaded.theme?.text ?? ''} `).themeSha256).not.toBe(reportInputs(loaded.text, 'x', loaded.theme?.text).themeSha256);
    expect(reportInputs(loaded.text, 'x')).not.toHaveProperty('themeSha256');
  });

  it('prefers a theme file in the survey’s own folder', async () => {
    const dir = survey('own');
    writeFileSync(path.join(work, 'own', 'stickiness.theme.json'), '{"logo": "Outer"}');
    writeFileSync(path.join(dir, 'stickiness.theme.json'), '\uFEFF{"logo": "Inner"}');
    expect((await loadCodebook(dir)).codebook.theme).toEqual({ logo: 'Inner' });
  });

  it('is absent without a file or key', async () => {
    expect((await loadCodebook(survey('none'))).codebook.theme).toBeUndefined();
  });

  it('refuses a bad theme file in one line naming the file, the key and the fix', async () => {
    const dir = survey('bad');
    const file = path.join(work, 'bad', 'stickiness.theme.json');
    writeFileSync(file, '{"palette": {"main": "blue"}}');
    await expect(loadCodebook(dir)).rejects.toThrow(`${file}: palette.main: must be a hex colour like #4c78a8 (docs/codebook.md, "theme")`);
    writeFileSync(file, '{"palete": {}}');
    await expect(loadCodebook(dir)).rejects.toThrow(/unknown key `palete` \(did you mean `palette`\?\)/);
    writeFileSync(file, '{"logo": ');
    await expect(loadCodebook(dir)).rejects.toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is not valid JSON \\(`));
    writeFileSync(file, `{"logo": "${'x'.repeat(70 * 1024)}"}`);
    await expect(loadCodebook(dir)).rejects.toThrow('a theme must be under 64 KiB');
  });

  it('refuses in the codebook a font name that could break out of the font list or the slides’ XML, and a colour that is not hex', () => {
    const issues = (theme: string): string[] => {
      const parsed = parseCodebook(`${CODEBOOK}theme: ${theme}\n`);
      return parsed.ok ? [] : parsed.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    const font = 'theme.font: must be a font family name: letters, digits, spaces, dots, dashes and underscores';
    expect(issues('{ font: \'Inter", serif; x: "\' }')).toEqual([font]);
    // pptxgenjs writes a font name into the slides' XML unescaped: `&` would break every slide.
    expect(issues('{ font: "Foo & Bar" }')).toEqual([font]);
    expect(issues('{ font: 思源黑体 }')).toEqual([]);
    expect(issues('{ palette: { main: "rgb(0,0,0)" } }')).toEqual(['theme.palette.main: must be a hex colour like #4c78a8']);
    expect(issues('{ font: Source Sans 3, palette: { highlight: "#e75" } }')).toEqual([]);
  });
});
