/**
 * Axis ticks that read (issue 21: a mean forest plot labelled "2.3 2.3 2.4 2.4 2.5"; share ticks "10%12%"):
 * the labels vega draws on forest plots over narrow and wide domains are all different and few enough to fit.
 * d3's tickStep by hand: 0.2 over 5 ticks is 0.04, rounded to the 1-2-5 step 0.05.
 */
import { describe, expect, it } from 'vitest';
import { axisFormat, tickStep } from '../../src/render/axis-ticks.ts';
import { forestChart, type ForestRow } from '../../src/render/forest-chart.ts';
import { renderSvg } from '../../src/render/render-svg.ts';

const row = (group: string, estimate: number, half: number): ForestRow => ({ group, estimate, low: estimate - half, high: estimate + half, n: 100, small: false, significant: false });

/** The x-axis labels of a rendered forest plot, in order. */
async function xLabels(rows: ForestRow[], overall: number, percent: boolean): Promise<string[]> {
  const svg = await renderSvg(forestChart(rows, overall, { title: 't', subtitle: 's', axisTitle: 'x', percent, differs: 'd', same: 's' }));
  // The x axis comes first in vega's output; its labels are the texts of the first role-axis-label group.
  const axis = (svg.split('role-axis-label')[1] ?? '').split('role-axis-title')[0] ?? '';
  return [...axis.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
}

describe('axis ticks', () => {
  it('steps as d3 does and shows as many decimals as the step needs', () => {
    expect(tickStep(2.3, 2.5)).toBeCloseTo(0.05, 12);
    expect(axisFormat(2.3, 2.5, false)).toBe('.2f');
    expect(axisFormat(0, 10, false)).toBe('.0f');
    expect(axisFormat(0.1, 0.45, true)).toBe('.0%');
    expect(axisFormat(0.3, 0.34, true)).toBe('.0%');
    expect(axisFormat(0.3, 0.32, true)).toBe('.1%');
  });

  it('gives a narrow mean forest plot distinct labels', async () => {
    const labels = await xLabels([row('A', 2.38, 0.08), row('B', 2.42, 0.07)], 2.4, false);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('gives a share forest plot few enough labels to fit, all different', async () => {
    const labels = await xLabels([row('A', 0.2, 0.1), row('B', 0.3, 0.12), row('C', 0.35, 0.05)], 0.28, true);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.length).toBeLessThanOrEqual(8);
    // 420 pixels, labels about 30 pixels wide: at most one label per 50 pixels; a narrow domain too.
    const narrow = await xLabels([row('A', 0.31, 0.01), row('B', 0.33, 0.01)], 0.32, true);
    expect(new Set(narrow).size).toBe(narrow.length);
  });
});
