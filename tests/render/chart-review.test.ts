/**
 * What a review of every chart type on four surveys found (issue 21), each held here: titles cut at the
 * image's edge, room kept for labels drawn cut, a subtitle's effective n that was the whole survey's, a
 * design dropped once there were weights, forest labels that lost their n, groups faded or left out without a
 * word, audit charts of a weighted survey not saying the sample is unweighted, a curve's band called error
 * bars, quadrant labels on top of each other, and a driver that goes with a lower outcome placed as if a high
 * mean were good.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analyze-survey.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestBytes } from '../../src/ingest/ingest-text.ts';
import { straightQuotes, titleLines, TITLE_WIDTH } from '../../src/render/chart-text.ts';
import { forestChart } from '../../src/render/forest-chart.ts';
import { quadrantChart } from '../../src/render/quadrant-chart.ts';
import { estimateTextWidth, vegaTextWidth } from '../../src/render/text-width.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const bytes = readFileSync(new URL('../reference/weighting-data.csv', import.meta.url));
const yaml = readFileSync(new URL('../fixtures/weighting/survey.yaml', import.meta.url), 'utf8');

async function charts(text: string): Promise<Map<string, { title: { text: unknown; subtitle: unknown }; layer?: unknown[] }>> {
  const parsed = parseCodebook(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const built = await buildReport(parsed.value, ingestBytes(parsed.value, bytes, surveyFold(parsed.value), { file: 'weighting-data.csv' }), 'weighting-data.csv');
  const { stats, files } = built;
  const specs = new Map([...built.files].filter(([name]) => name.endsWith('.vl.json')).map(([name, text]) => [name.slice('charts/'.length, -'.vl.json'.length), JSON.parse(String(text))]));
  return Object.assign(specs, { stats, markdown: String(files.get('report.md')) });
}

const flat = (subtitle: unknown): string => (Array.isArray(subtitle) ? subtitle.join(' / ') : String(subtitle));

describe('chart text measures', () => {
  it('measure bold text wider and a text with a limit no wider than its limit', () => {
    const regular = estimateTextWidth('Importance and performance', 14);
    expect(vegaTextWidth({ fontSize: 14, fontWeight: 'bold' }, 'Importance and performance')).toBeCloseTo(regular * 1.12, 10);
    expect(vegaTextWidth({ fontSize: 14, fontWeight: 600 }, 'Importance and performance')).toBeCloseTo(regular * 1.12, 10);
    expect(vegaTextWidth({ fontSize: 11, limit: 50 }, 'a label far longer than fifty pixels')).toBe(50);
    expect(vegaTextWidth({ fontSize: 11 }, 'short')).toBe(estimateTextWidth('short', 11));
  });

  it('set curly quotes straight in English charts, whose font draws them full-width (“Can’ t”)', () => {
    expect(straightQuotes({ title: { text: '10c. Can’t see “my” variables', subtitle: ['‘a’'] } })).toEqual({ title: { text: '10c. Can\'t see "my" variables', subtitle: ["'a'"] } });
  });

  it('wrap a long title into lines that fit, Latin at spaces and CJK anywhere', () => {
    const long = 'Pain: data too big for memory by Machine-learning and statistical tasks performed in notebooks over the past year (select all that apply)';
    const lines = titleLines(long) as string[];
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(estimateTextWidth(line, 14 * 1.12)).toBeLessThanOrEqual(TITLE_WIDTH);
    expect(lines.join(' ')).toBe(long);
    const zh = titleLines('满意（满意+非常满意）按你在工作中最常用 Kimi 完成的任务类型与所在行业和公司规模以及使用时长分组的比较结果');
    expect(Array.isArray(zh)).toBe(true);
    expect((zh as string[]).join('')).toBe('满意（满意+非常满意）按你在工作中最常用 Kimi 完成的任务类型与所在行业和公司规模以及使用时长分组的比较结果');
    expect(titleLines('Weekly use')).toBe('Weekly use');
  });
});

describe('forest plots and importance maps', () => {
  it('cut a long group name before its n, so the n always shows', () => {
    const group = 'Daily - moderate usage; less than 3 hours per day on average across all my notebooks';
    const spec = forestChart([{ group, estimate: 0.4, low: 0.3, high: 0.5, n: 123, small: false, significant: false }], 0.4, { title: 't', subtitle: 's', axisTitle: 'a', percent: true, differs: 'd', same: 's' });
    const label = ((spec.layer as { data: { values: { label: string }[] } }[])[0]?.data.values[0]?.label) ?? '';
    expect(label.endsWith('… (n=123)')).toBe(true);
    expect(estimateTextWidth(label, 11)).toBeLessThanOrEqual(260);
  });

  it('move a point label a line up or down when both its sides are taken', () => {
    // Three points in a row 2 pixels apart: the middle one's label can go neither right nor left.
    const points = [0.40, 0.405, 0.41].map((performance, i) => ({ label: `driver ${i}`, importance: 0.2, performance, mean: '' }));
    const spec = quadrantChart([...points, { label: 'far', importance: 0.6, performance: 0.9, mean: '' }], { title: 't', subtitle: 's', importanceTitle: 'i', performanceTitle: 'p', quadrants: { fixFirst: 'F', keepUp: 'K', lowPriority: 'L', overkill: 'O' } });
    const placed = (spec.layer as { mark: { type: string; dy?: number }; data?: { values: { label?: string; dy?: number }[] } }[])
      .filter((l) => l.mark.type === 'text' && l.data?.values.some((v) => v.label?.startsWith('driver')))
      .flatMap((l) => l.data?.values.map((v) => v.dy) ?? []);
    expect(placed.some((dy) => dy !== 0)).toBe(true);
  });

  it('keep a point label inside the plot: a point at the left edge whose right is taken moves a line instead of going left', () => {
    // The axis runs 0–75% over 420 pixels: `edge` sits on its start, `next` 11 pixels to the right, its dot
    // (7 pixels round) in the way of a label on the right; on the left the label would leave the plot.
    const points = [
      { label: 'edge', importance: 0.2, performance: 0, mean: '' },
      { label: 'next', importance: 0.2, performance: 0.02, mean: '' },
      { label: 'far', importance: 0.6, performance: 0.7, mean: '' },
    ];
    const spec = quadrantChart(points, { title: 't', subtitle: 's', importanceTitle: 'i', performanceTitle: 'p', quadrants: { fixFirst: 'F', keepUp: 'K', lowPriority: 'L', overkill: 'O' } });
    const edge = (spec.layer as { data?: { values: { label?: string; side?: string; dy?: number }[] } }[]).flatMap((l) => l.data?.values ?? []).find((v) => v.label === 'edge' && v.side !== undefined);
    expect(edge?.side).toBe('right');
    expect(edge?.dy).not.toBe(0);
  });
});

describe('captions of a weighted survey (R survey’s rake on tests/reference/weighting-data.csv)', async () => {
  // The breakdown by industry (finance 189, tech 134, other 77 rows) with floors that fade every group and hide `other`.
  // And a quantiles metric of the days a week used.
  const specs = await charts(
    yaml
      .replace('  - { by: industry, metrics: [active] }', '  - { by: industry, metrics: [active], suppressBelow: 100, smallCell: 200 }')
      .replace('  - { id: days_mean, kind: mean, question: days }', '  - { id: days_mean, kind: mean, question: days }\n  - { id: days_q, kind: quantiles, question: days }'),
  );
  const { stats, markdown } = specs as unknown as { stats: { metrics: { id: string; nEffective: number }[] }; markdown: string };

  it('give each chart its own estimates’ effective n, not the whole survey’s', () => {
    const days = stats.metrics.find((m) => m.id === 'days_mean');
    const nps = stats.metrics.find((m) => m.id === 'nps');
    expect(flat(specs.get('forest-gender-days_mean')?.title.subtitle)).toContain(`effective n ${Math.round(days?.nEffective ?? 0)})`);
    expect(flat(specs.get('nps-nps')?.title.subtitle)).toContain(`effective n ${Math.round(nps?.nEffective ?? 0)})`);
    // NPS draws its interval in the title, not as error bars.
    expect(flat(specs.get('nps-nps')?.title.subtitle)).toContain("the title's bracket is the 95% confidence interval");
  });

  it('say what is faded and which groups are left out, with their n', () => {
    const subtitle = flat(specs.get('forest-industry-active')?.title.subtitle);
    expect(subtitle).toContain('faded: fewer than 200 respondents');
    expect(subtitle).toMatch(/not shown \(too few\): other \(n=77\)/);
  });

  it('give a histogram no effective n (a quantile’s interval is Woodruff’s), and the Method section says so', () => {
    const subtitle = flat(specs.get('hist-days_q')?.title.subtitle);
    expect(subtitle).toContain('weighted (rake: industry, gender)');
    expect(subtitle).not.toContain('effective n');
    expect(markdown).toContain('- Quantiles: Intervals are Woodruff intervals (R svyquantile defaults: qrule = "math", interval.type = "mean").');
  });

  it('say that the audit’s sample shares are unweighted', () => {
    expect(flat(specs.get('audit-industry')?.title.subtitle)).toContain('sample shares unweighted');
  });
});
