/**
 * Free text reaches a report only when the codebook opts in (`quotes` on a text question), and then masked
 * (e-mail addresses, phone numbers) and escaped (markup stays text in report.md and report.html).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileBytes } from '../../src/report/write-report-folder.ts';
import { buildReport } from '../../src/analyze-survey.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestFile } from '../../src/ingest/ingest-file.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-free-text-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const csv = [
  'id,use,note',
  '1,yes,"<script>alert(1)</script> mail me: li.lei@example.com"',
  '2,no,"# not a heading | <img src=x onerror=alert(2)> call 138 0013 8000"',
  '3,yes,',
  '4,yes,=HYPERLINK("http://evil.example")',
  '5,no,fifth answer',
  '6,maybe,quarantined row text',
].join('\n');

async function report(quotes: string): Promise<Map<string, string>> {
  const parsed = parseCodebook(`id: t
title: T
language: en
source: { file: r.csv }
respondent: { id: id }
questions:
  - { id: use, column: use, type: single, options: [yes, no] }
  - { id: note, column: note, type: text${quotes} }
metrics:
  - { id: used, kind: proportion, question: use, success: [yes] }
`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const file = path.join(work, 'r.csv');
  writeFileSync(file, csv);
  const built = await buildReport(parsed.value, await ingestFile(parsed.value, file, surveyFold(parsed.value)), file);
  // Every text file: validation.json and quarantine.csv come as UTF-8 bytes, the rest as strings.
  return new Map([...built.files].flatMap(([name, content]) => (/\.(png|pptx|xlsx)$/.test(name) ? [] : [[name, typeof content === 'string' ? content : Buffer.from(fileBytes(content)).toString('utf8')] as const])));
}

describe('free text in reports', () => {
  it('appears nowhere without `quotes`', async () => {
    for (const [name, content] of await report('')) {
      expect({ name, leaked: /alert|li\.lei|0013|HYPERLINK|fifth answer|quarantined row text/.test(content) }).toEqual({ name, leaked: false });
    }
  });

  it('with `quotes: 3`, the first three answers are quoted, masked and escaped', async () => {
    const files = await report(', quotes: 3');
    const markdown = files.get('report.md') ?? '';
    expect(markdown).toContain(
      [
        '## Free-text answers',
        '',
        'The first answers in the export, as many as the codebook asks (`quotes`); e-mail addresses and phone numbers are masked as [email] and [phone].',
        '',
        '### note',
        '',
        '3 shown of 4 who answered.',
        '',
        '| Row | Answer |',
        '|---:|---|',
        '| 2 | &lt;script&gt;alert(1)&lt;/script&gt; mail me: \\[email\\] |',
        '| 3 | \\# not a heading \\| &lt;img src=x onerror=alert(2)&gt; call \\[phone\\] |',
        '| 5 | \\=HYPERLINK("http\\[:\\]//evil.example") |',
        '',
      ].join('\n'),
    );
    expect(markdown).not.toContain('fifth answer');
    const html = files.get('report.html') ?? '';
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; mail me: [email]');
    expect(html).not.toMatch(/<script|<img|li\.lei|0013 8000/);
    for (const [name, content] of files) {
      expect({ name, leaked: /li\.lei|0013 8000|fifth answer|quarantined row text/.test(content) }).toEqual({ name, leaked: false });
    }
    // The quarantined row keeps its other cells; its free text is withheld like PII.
    expect(files.get('quarantine.csv')).toBe('\ufeffrow,id,use,reason\n7,6,maybe,invalid-option [use]: not an option of `use` (nor a code 1-2)\n');
  });
});
