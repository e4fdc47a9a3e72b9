/**
 * chartDataflow remembers a chart's compiled and parsed dataflow per structure and puts each chart's data
 * and title back in. The reference is the plain path it replaces, `vega.parse(compile(spec).spec)`, run on
 * the same spec: the two must be the same JSON for every chart of the committed reports and for titles and
 * datasets chosen to trip the placeholders.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { chartDataflow } from '../../src/render/chart-dataflow.ts';
import { shareChart } from '../../src/render/share-chart.ts';
import { listFiles } from '../list-files.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

const direct = (spec: Record<string, unknown>): unknown => JSON.parse(JSON.stringify(vega.parse(compile(spec as unknown as TopLevelSpec).spec)));
const remembered = (spec: Record<string, unknown>): unknown => JSON.parse(JSON.stringify(chartDataflow(spec)));

function committedSpecs(): { name: string; spec: Record<string, unknown> }[] {
  const reports = path.join(ROOT, 'reports');
  return listFiles(reports)
    .filter((file) => file.endsWith('.vl.json'))
    .map((file) => ({ name: path.join('reports', file), spec: JSON.parse(readFileSync(path.join(reports, file), 'utf8')) as Record<string, unknown> }));
}

const BARS = [
  { label: '每周使用', estimate: 0.9, low: 0.85, high: 0.94, n: 146 },
  { label: '每天使用', estimate: 0.55, low: 0.47, high: 0.63, n: 146 },
];

describe('chartDataflow', () => {
  it('gives what compiling and parsing give, for every chart of the committed reports', () => {
    const specs = committedSpecs();
    expect(specs.length).toBeGreaterThan(30);
    for (const { name, spec } of specs) expect(remembered(spec), name).toEqual(direct(spec));
  });

  it('puts back titles and data of charts that share a structure, including awkward text', () => {
    const titles = ['留存', 'a "quoted" \\ title', 'line\u2028separator\u2029', 'stickiness-placeholder-text-0', '<script>', '', 'two\nlines', ' '];
    for (const [i, title] of titles.entries()) {
      const spec = shareChart(BARS.map((bar) => ({ ...bar, estimate: bar.estimate - i / 100 })), { title, subtitle: `n = ${146 + i}`, axisTitle: '占比', sortByEstimate: false });
      expect(remembered(spec), title).toEqual(direct(spec));
    }
  });

  it('handles a chart with no data rows', () => {
    const spec = shareChart([], { title: '空', subtitle: 'n = 0', axisTitle: '占比', sortByEstimate: false });
    expect(remembered(spec)).toEqual(direct(spec));
  });

  it('compiles as it is a chart that writes a placeholder itself, whole or within other text', () => {
    for (const axisTitle of ['stickiness-placeholder-text-0', 'stickiness-placeholder-text-0 and more', '"stickiness-placeholder-text-1"']) {
      const spec = shareChart(BARS, { title: 't', subtitle: 's', axisTitle, sortByEstimate: false });
      expect(remembered(spec), axisTitle).toEqual(direct(spec));
    }
    const constantText = { title: { text: 'the title' }, data: { values: [{ x: 1 }] }, mark: 'text', encoding: { text: { value: 'stickiness-placeholder-text-0' } } };
    expect(remembered(constantText)).toEqual(direct(constantText));
  });

  it('keeps layers with equal data merged, as vega-lite does', () => {
    const values = [{ x: 1 }, { x: 2 }];
    const spec = {
      layer: [
        { data: { values }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' } } },
        { data: { values: values.map((v) => ({ ...v })) }, mark: 'tick', encoding: { x: { field: 'x', type: 'quantitative' } } },
        { data: { values: [{ x: 3 }] }, mark: 'rule', encoding: { x: { field: 'x', type: 'quantitative' } } },
      ],
    };
    expect(remembered(spec)).toEqual(direct(spec));
  });
});
