import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { reportHtml } from '../../src/report/report-html.ts';
import { escapeMarkdown } from '../../src/report/escape-markdown.ts';

const parsed = parseCodebook('id: t\ntitle: "T <b>"\nlanguage: en\nsource: { file: r.csv }\nquestions:\n  - { id: q, column: Q, type: text }\n');
if (!parsed.ok) throw new Error('codebook');
const codebook = parsed.value;

describe('reportHtml', () => {
  it('inlines chart SVGs in place of their images, with no network reference', () => {
    const html = reportHtml(codebook, '# Title\n\n![Retention](charts/retention.svg)\n', new Map([['charts/retention.svg', '<svg><text>ok</text></svg>']]));
    expect(html).toContain('<figure class="chart" role="img" aria-label="Retention"><svg><text>ok</text></svg></figure>');
    expect(html).not.toMatch(/<img|<script|https?:\/\//);
  });

  it('keeps a respondent\'s or a label\'s markup as text', () => {
    const hostile = '<script>alert(1)</script> <img src=x onerror=alert(2)> | **bold**';
    const html = reportHtml(codebook, `| option |\n|---|\n| ${escapeMarkdown(hostile)} |\n\n<iframe src="x"></iframe>\n`, new Map());
    expect(html).not.toMatch(/<script|<img|<iframe/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>T &lt;b&gt;</title>');
  });
});
