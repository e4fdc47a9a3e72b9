/**
 * Control characters in a codebook's text: refused with the path, as no chart (SVG), workbook or slide (XML 1.0)
 * can hold them; before, a title with U+0001 ended `analyze` in an internal error from the SVG renderer.
 */
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { chartText } from '../../src/render/chart-text.ts';

const codebook = (title: string, option: string): string => `id: t\ntitle: "${title}"\nsource: { file: data.csv }\nquestions:\n  - { id: q, column: q, type: single, options: [a, "${option}"] }\n`;
const issues = (text: string): string[] => {
  const parsed = parseCodebook(text);
  return parsed.ok ? [] : parsed.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};
const REFUSED = 'must not hold control characters (such as U+0001 or a form feed); remove them';

describe('control characters', () => {
  it('are refused in titles, labels and options, each with its path', () => {
    expect(issues(codebook('A\\u0001B', 'b\\fc'))).toEqual([`title: ${REFUSED}`, `questions.0.options.1: ${REFUSED}`]);
    expect(issues(codebook('A\\u001bB', 'b'))).toEqual([`title: ${REFUSED}`]);
  });

  it('leave tabs alone', () => {
    expect(issues(codebook('A\\tB', 'b'))).toEqual([]);
  });

  it('are dropped from chart text, whatever its source', () => {
    expect(chartText('a\u0001b\u000bc\u007f\uFFFEd')).toBe('abcd');
  });
});
