/**
 * An importance–performance map of a key-driver analysis: each driver a labelled point at its performance
 * (its mean as a share of its scale, across) and its importance (its LMG share of R², up), dashed lines at
 * the medians of both, and the four quadrants named in their top corners: important and rated low (fix first),
 * important and rated high (keep up), neither (lower priority), rated high but unimportant (possible
 * overkill). Pure: data in, Vega-Lite spec out.
 */
import { BAR_COLOR, chartConfig, INTERVAL_COLOR } from './chart-theme.ts';
import { VEGA_LITE_SCHEMA } from './share-chart.ts';

export interface QuadrantPoint {
  label: string;
  /** Share of R², 0..1. */
  importance: number;
  /** The mean's place on its scale, 0..1. */
  performance: number;
  /** The mean as it reads on its own scale, for the tooltip. */
  mean: string;
}

export interface QuadrantOptions {
  title: string;
  subtitle: string;
  importanceTitle: string;
  performanceTitle: string;
  /** Names of the quadrants: important & low, important & high, unimportant & low, unimportant & high. */
  quadrants: { fixFirst: string; keepUp: string; lowPriority: string; overkill: string };
}

export function quadrantChart(points: readonly QuadrantPoint[], options: QuadrantOptions): Record<string, unknown> {
  const importance = median(points.map((p) => p.importance));
  const performance = median(points.map((p) => p.performance));
  // The axes span the points with some room, performance within 0..100% of the scale, importance from 0.
  const lowX = Math.max(0, floorTo(Math.min(...points.map((p) => p.performance)) - 0.05));
  const highX = Math.min(1, ceilTo(Math.max(...points.map((p) => p.performance)) + 0.05));
  const highY = ceilTo(Math.max(...points.map((p) => p.importance)) * 1.15);
  const x = { field: 'performance', type: 'quantitative', title: options.performanceTitle, scale: { domain: [lowX, highX] }, axis: { format: '.0%', tickCount: 5 } };
  const y = { field: 'importance', type: 'quantitative', title: options.importanceTitle, scale: { domain: [0, highY] }, axis: { format: '.0%', tickCount: 5 } };
  const corners = [
    { name: options.quadrants.fixFirst, performance: lowX, importance: highY, align: 'left', baseline: 'top' },
    { name: options.quadrants.keepUp, performance: highX, importance: highY, align: 'right', baseline: 'top' },
    // The lower two just under the median line: the bottom edge is where unimportant drivers crowd.
    { name: options.quadrants.lowPriority, performance: lowX, importance, align: 'left', baseline: 'top' },
    { name: options.quadrants.overkill, performance: highX, importance, align: 'right', baseline: 'top' },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title, subtitle: options.subtitle },
    width: 420,
    height: 320,
    layer: [
      ...corners.map((corner) => ({
        data: { values: [corner] },
        mark: { type: 'text', align: corner.align, baseline: corner.baseline, dx: corner.align === 'left' ? 4 : -4, dy: 4, fontSize: 11, color: '#888888', fontStyle: 'italic' },
        encoding: { x: { ...x }, y: { ...y }, text: { field: 'name', type: 'nominal' } },
      })),
      { data: { values: [{ performance }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#888888' }, encoding: { x } },
      { data: { values: [{ importance }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#888888' }, encoding: { y } },
      {
        data: { values: points.map((p) => ({ ...p })) },
        mark: { type: 'point', filled: true, size: 80, color: BAR_COLOR, opacity: 1 },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'label', type: 'nominal' },
            { field: 'importance', type: 'quantitative', format: '.1%' },
            { field: 'mean', type: 'nominal' },
          ],
        },
      },
      {
        data: { values: points.map((p) => ({ ...p })) },
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 7, fontSize: 11, color: INTERVAL_COLOR },
        encoding: { x, y, text: { field: 'label', type: 'nominal' } },
      },
    ],
    config: chartConfig,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** To the 5% below or above, so the axes end on round ticks. */
function floorTo(x: number): number {
  return Math.floor(x * 20) / 20;
}
function ceilTo(x: number): number {
  return Math.ceil(x * 20) / 20;
}
