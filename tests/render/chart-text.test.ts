/**
 * Text cannot stretch a chart or the codebook: a label over 500 characters is a codebook error with its path,
 * and a chart cuts any text at 200 characters (a 100,000-character label made a PNG 1.6 million pixels wide).
 */
import { describe, expect, it } from 'vitest';
import { formatCodebookIssue, parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { chartText, MAX_CHART_TEXT, SUBTITLE_WIDTH, subtitleLines } from '../../src/render/chart-text.ts';
import { estimateTextWidth } from '../../src/render/text-width.ts';
import { chartSpecs } from '../../src/render/chart-specs.ts';
import { renderSvg } from '../../src/render/render-svg.ts';
import type { MetricResult } from '../../src/model/metric-result.ts';

const codebook = (label: string): string => `id: t
title: T
source: { file: r.csv }
questions:
  - { id: q, column: Q, type: single, options: [${JSON.stringify(label)}, other] }
metrics:
  - { id: m, label: ${JSON.stringify(label)}, kind: proportion, question: q, success: [other] }
`;

describe('long text', () => {
  it('is a codebook error, with its path, past 500 characters', () => {
    const result = parseCodebook(codebook('x'.repeat(100_000)));
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.issues.map((issue) => formatCodebookIssue('survey.yaml', issue));
    expect(lines).toEqual([
      'survey.yaml:5:49: questions[0].options[0]: must be at most 500 characters (reports and charts show it whole); shorten it',
      'survey.yaml:7:21: metrics[0].label: must be at most 500 characters (reports and charts show it whole); shorten it',
    ]);
  });

  it('is cut in a chart at 200 characters, ending with an ellipsis, and the chart stays narrow', async () => {
    const label = '很长的标签'.repeat(100);
    const parsed = parseCodebook(codebook(label));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const metric: MetricResult = { id: 'm', kind: 'proportion', section: 'other', label, question: 'q', estimate: 0.5, ci: [0.4, 0.6], level: 0.95, method: 'wilson', n: 100, nEffective: 100, weighted: false, count: 50 };
    const [chart] = chartSpecs(parsed.value, [metric]);
    // Every drawn text; the description is the alt text, read rather than drawn, and holds the label whole.
    const { description, ...drawn } = chart?.spec ?? {};
    expect(description).toContain(label);
    const texts = JSON.stringify(drawn).match(/"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(Math.max(...texts.map((t) => JSON.parse(t).length as number))).toBeLessThanOrEqual(MAX_CHART_TEXT);
    const svg = await renderSvg(chart?.spec ?? {});
    expect(Number(/width="(\d+)"/.exec(svg)?.[1])).toBeLessThan(4000);
    expect(chartText('a'.repeat(300))).toBe(`${'a'.repeat(MAX_CHART_TEXT - 1)}…`);
    expect(chartText(`${'a'.repeat(MAX_CHART_TEXT - 2)}😀😀`)).toBe(`${'a'.repeat(MAX_CHART_TEXT - 2)}…`);
  }, 30_000);
});

describe('subtitleLines', () => {
  it('keeps a subtitle that fits on one line as it is', () => {
    expect(subtitleLines('n = 154; unweighted')).toBe('n = 154; unweighted');
  });

  it('wraps a long subtitle at its separators into lines that fit, instead of cutting it (issue 21: "(raked to …")', () => {
    const long = `n = 4,200; error bars are 95% confidence intervals; weighted (rake: ${'a long benchmark name, '.repeat(4)}region; effective n 3,100); data: A survey with a long title, 2024-03-15 – 2024-03-22`;
    const lines = subtitleLines(long);
    expect(Array.isArray(lines)).toBe(true);
    for (const line of lines) expect(estimateTextWidth(line, 11)).toBeLessThanOrEqual(SUBTITLE_WIDTH);
    // Nothing is lost but the separators and spaces at the breaks.
    expect((lines as string[]).join(' ').replace(/[;,]?\s+/g, ' ')).toBe(long.replace(/[;,]?\s+/g, ' '));
    // A separator inside brackets is no place to break: `(rake: …; effective n 3,100)` stays whole on its line.
    expect((lines as string[]).some((line) => line.includes('region; effective n 3,100)'))).toBe(true);
    const zh = subtitleLines('n = 154；误差线为 95% 置信区间；未加权；数据：Kimi Chat 用户粘性调研（2024年3月，合成样本），2024-03-15 – 2024-03-22');
    expect(zh).toEqual(['n = 154；误差线为 95% 置信区间；未加权', '数据：Kimi Chat 用户粘性调研（2024年3月，合成样本），2024-03-15 – 2024-03-22']);
  });
});
