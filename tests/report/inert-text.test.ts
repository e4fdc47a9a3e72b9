/**
 * Text from the data and the codebook stays inert in every output: no link made of a web or e-mail address,
 * no Markdown structure from a label's first characters, no bidirectional control reordering what follows,
 * no terminal control sequence. Expected text written by hand.
 */
import { describe, expect, it } from 'vitest';
import { fileBytes } from '../../src/report/write-report-folder.ts';
import { buildReport } from '../../src/analyze-survey.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { escapeMarkdown } from '../../src/report/escape-markdown.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';
import { printable } from '../../src/util/printable.ts';

const RLO = '\u202e';

describe('escapeMarkdown', () => {
  it('escapes a start that would open a block, wherever the text is placed', () => {
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('+ x')).toBe('\\+ x');
    expect(escapeMarkdown('1. not a numbered item')).toBe('1\\. not a numbered item');
    expect(escapeMarkdown('12) nor this')).toBe('12\\) nor this');
    expect(escapeMarkdown('> not a quote')).toBe('&gt; not a quote');
    expect(escapeMarkdown('18-24岁')).toBe('18-24岁');
  });

  it('defangs web and e-mail addresses and removes bidirectional controls', () => {
    expect(escapeMarkdown('see https://evil.example/a or www.evil.example, or mail a.b@evil.example')).toBe(
      'see https\\[:\\]//evil.example/a or www\\[.\\]evil.example, or mail a.b\\[@\\]evil.example',
    );
    expect(escapeMarkdown(`price ${RLO}321 yuan`)).toBe('price 321 yuan');
  });
});

describe('a report from hostile labels and answers', () => {
  it('has no link, no structure and no bidirectional control the text brought, in report.md, report.html and the charts', async () => {
    const parsed = parseCodebook(`id: t
title: "T ${RLO}123"
language: en
source: { file: r.csv, format: generic }
questions:
  - { id: ok, column: ok, type: single, options: ["yes", "no"] }
  - { id: note, column: note, type: text, quotes: 5 }
metrics:
  - { id: share, label: "- https://evil.example/a ${RLO}987", kind: proportion, question: ok, success: ["yes"] }
`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const rows = ['ok,note', 'yes,visit https://evil.example/b now', 'no,# heading? www.evil.example', `yes,${RLO}abc`];
    const ingestion = { ...ingestText(parsed.value, rows.join('\n'), surveyFold(parsed.value), { file: 'r.csv' }), encoding: 'utf-8', sha256: '' };
    const { files } = await buildReport(parsed.value, ingestion, 'r.csv');
    const markdown = String(files.get('report.md'));
    const html = String(files.get('report.html'));
    expect(markdown).not.toMatch(/https?:\/\/evil|www\.evil/);
    // The label and the answer start no list item or heading of their own.
    expect(markdown).toContain('| \\- https\\[:\\]//evil.example/a 987 |');
    expect(markdown).toContain('| \\# heading? www\\[.\\]evil.example |');
    expect(markdown).not.toMatch(/^(- https|# heading)/m);
    expect(html).not.toMatch(/<a\b/);
    expect(html).not.toMatch(/<h1>heading|<li>https/);
    for (const [name, content] of files) {
      if (!/\.(png|pptx|xlsx)$/.test(name)) expect((typeof content === 'string' ? content : Buffer.from(fileBytes(content)).toString('utf8')).includes(RLO), name).toBe(false);
    }
  }, 60_000);
});

describe('printable', () => {
  it('shows control characters as escapes and keeps line breaks', () => {
    expect(printable('a\u001b[2Jb\nc\td\u0007')).toBe('a\\x1b[2Jb\nc\td\\x07');
    expect(printable(`x${RLO}y`)).toBe('xy');
  });
});
