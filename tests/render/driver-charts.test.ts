/**
 * The key-driver charts of the weighted attitude fixture (tests/fixtures/indexes/attitude-weighted): the
 * importance bars are each driver's LMG as a share of R² (R's values, tests/reference/drivers_weighted_reference.R),
 * the importance–performance map places each driver at its weighted mean on its 0–100 scale (computed here by
 * hand from the data and R's weights) against that share, with the medians as rules; both render, and the report
 * places them in its drivers section.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../src/codebook/load-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { ingestFile } from '../../src/ingest/ingest-file.ts';
import { resolveSourceFile } from '../../src/ingest/resolve-source-file.ts';
import type { DriverResult } from '../../src/model/driver-result.ts';
import { chartSpecs, type ChartSpec } from '../../src/render/chart-specs.ts';
import { renderSvg } from '../../src/render/render-svg.ts';
import { driversMarkdown } from '../../src/report/drivers-md.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';
import attitude from '../reference/drivers-reference.json' with { type: 'json' };
import reference from '../reference/drivers-weighted-reference.json' with { type: 'json' };

const ROOT = path.resolve(import.meta.dirname, '../..');
let codebook: Codebook;
let result: DriverResult;
let charts: ChartSpec[];

type Layer = { data?: { values: Record<string, unknown>[] }; mark: { type: string } | string };
const layersOf = (chart: ChartSpec | undefined): Layer[] => (chart?.spec.layer ?? []) as Layer[];
const markOf = (layer: Layer): string => (typeof layer.mark === 'string' ? layer.mark : layer.mark.type);

beforeAll(async () => {
  const read = await loadCodebook(path.join(ROOT, 'tests/fixtures/indexes/attitude-weighted/survey.yaml'));
  codebook = read.codebook;
  const ingestion = await ingestFile(codebook, await resolveSourceFile(read), surveyFold(codebook));
  [result] = finishStats(codebook, ingestion.folded, read.file).drivers as [DriverResult];
  charts = chartSpecs(codebook, [], undefined, [], { drivers: [result] });
});

describe('key-driver charts', () => {
  it('draws each driver’s LMG share of R², largest first, with its interval', () => {
    const bars = charts.find((c) => c.name === 'drivers-rating');
    expect(bars?.title).toBe('Key drivers: rating');
    const values = (bars?.spec.data as { values: { label: string; estimate: number; low: number; high: number }[] }).values;
    const want = reference.drivers.map((id, j) => ({ id, share: (reference.column.lmg[j] as number) / reference.column.r2 })).sort((a, b) => b.share - a.share);
    expect(values.map((v) => v.label)).toEqual(want.map((w) => w.id));
    values.forEach((v, k) => expect(v.estimate).toBeCloseTo(want[k]?.share as number, 10));
    for (const v of values) expect(v.low).toBeLessThanOrEqual(v.high);
    expect((bars?.spec.title as { subtitle: string }).subtitle).toBe(`R² = ${reference.column.r2.toFixed(2)}, n = 30; error bars are 95% bootstrap intervals (200 resamples); weighted (effective n ${reference.column.neff.toFixed(0)})`);
  });

  it('maps each driver at its weighted mean on its scale against its importance, medians as rules', () => {
    const map = charts.find((c) => c.name === 'quadrant-rating');
    const layers = layersOf(map);
    const points = layers.find((l) => markOf(l) === 'point')?.data?.values as { label: string; importance: number; performance: number }[];
    const data = attitude.data as Record<string, number[]>;
    const w = reference.column.weights;
    const total = w.reduce((a, b) => a + b, 0);
    reference.drivers.forEach((id, j) => {
      const point = points.find((p) => p.label === id);
      // A rating 0..100: its place on the scale is its weighted mean / 100.
      const mean = (data[id] as number[]).reduce((sum, x, r) => sum + x * (w[r] as number), 0) / total;
      expect(point?.performance).toBeCloseTo(mean / 100, 12);
      expect(point?.importance).toBeCloseTo((reference.column.lmg[j] as number) / reference.column.r2, 10);
    });
    const rules = layers.filter((l) => markOf(l) === 'rule').map((l) => l.data?.values[0]);
    const median = (xs: number[]): number => {
      const s = [...xs].sort((a, b) => a - b);
      return ((s[2] as number) + (s[3] as number)) / 2;
    };
    expect(rules[0]?.performance).toBeCloseTo(median(points.map((p) => p.performance)), 12);
    expect(rules[1]?.importance).toBeCloseTo(median(points.map((p) => p.importance)), 12);
    const corners = layers.filter((l) => markOf(l) === 'text').map((l) => l.data?.values[0]?.name);
    expect(corners).toEqual(expect.arrayContaining(['Fix first', 'Keep up', 'Lower priority', 'Possible overkill']));
  });

  it('names the quadrants in Chinese for a Chinese survey', () => {
    const zh = chartSpecs({ ...codebook, language: 'zh' }, [], undefined, [], { drivers: [result] });
    const map = zh.find((c) => c.name === 'quadrant-rating');
    expect(map?.title).toBe('重要性与表现：rating');
    const corners = layersOf(map).filter((l) => markOf(l) === 'text').map((l) => l.data?.values[0]?.name);
    expect(corners).toEqual(expect.arrayContaining(['重点改进', '继续保持', '次要', '可能过度投入']));
  });

  it('renders both charts and places them in the report’s drivers section', async () => {
    for (const name of ['drivers-rating', 'quadrant-rating']) {
      const svg = await renderSvg(charts.find((c) => c.name === name)?.spec ?? {});
      expect(svg).toContain('complaints');
    }
    const md = driversMarkdown([result], 'en', 0.95, charts).join('\n');
    // Each image's text is its chart's alt text.
    const image = (name: string): string => `![${charts.find((c) => c.name === name)?.alt ?? ''}](charts/${name}.svg)`;
    expect(image('drivers-rating')).toMatch(/^!\[Bar chart of “Key drivers: rating”: complaints \d/);
    expect(md.indexOf(image('drivers-rating'))).toBeGreaterThan(md.indexOf('Linear regression'));
    expect(md.indexOf(image('quadrant-rating'))).toBeGreaterThan(md.indexOf('| complaints'));
  });

  it('draws no map for a single driver and no chart without a model', () => {
    const one = chartSpecs(codebook, [], undefined, [], { drivers: [{ ...result, drivers: result.drivers.slice(0, 1) }] });
    expect(one.map((c) => c.name)).toEqual(['drivers-rating']);
    expect(chartSpecs(codebook, [], undefined, [], { drivers: [{ ...result, r2: null }] })).toEqual([]);
  });
});

describe('the importance–performance map', () => {
  it('puts the labels of two drivers that sit together on different sides, so neither covers the other', async () => {
    const { quadrantChart } = await import('../../src/render/quadrant-chart.ts');
    const points = [
      { label: 'gender', importance: 0.2, performance: 0.4, mean: '' },
      { label: 'open', importance: 0.2, performance: 0.41, mean: '' },
      { label: 'age', importance: 0.5, performance: 0.7, mean: '' },
    ];
    const spec = quadrantChart(points, { title: 't', subtitle: 's', importanceTitle: 'i', performanceTitle: 'p', quadrants: { fixFirst: 'F', keepUp: 'K', lowPriority: 'L', overkill: 'O' } });
    const layers = layersOf({ name: 'q', title: 't', alt: '', headline: '', caption: '', spec });
    const sides = layers
      .filter((l) => markOf(l) === 'text' && typeof l.mark !== 'string' && (l.mark as { align?: string }).align !== undefined && l.data?.values.some((v) => 'label' in v))
      .flatMap((l) => (l.data?.values ?? []).map((v) => [v.label, v.side]));
    // gender's label on its right would run over open's point, 10 pixels away: it goes left; open's stays right; age, near the right edge, goes left.
    expect(Object.fromEntries(sides)).toEqual({ gender: 'left', open: 'right', age: 'left' });
  });
});
