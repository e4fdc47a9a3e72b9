/**
 * An importance–performance map of a key-driver analysis: each driver a labelled point at its performance
 * (its mean as a share of its scale, across) and its importance (its LMG share of R², up), dashed lines at
 * the medians of both, and each quadrant named in a corner of it that no point or point label takes:
 * important and rated low (fix first), important and rated high (keep up), neither (lower priority), rated
 * high but unimportant (possible overkill). A point's label sits right of it, or left near the right edge.
 * Pure: data in, Vega-Lite spec out.
 */
import type { Theme } from '../codebook/schema.ts';
import { chartConfig, INTERVAL_COLOR } from './chart-theme.ts';
import { VEGA_LITE_SCHEMA } from './share-chart.ts';
import { estimateTextWidth } from './text-width.ts';

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
  theme?: Theme | undefined;
}

const WIDTH = 420;
const HEIGHT = 320;
const FONT_SIZE = 11;
/** Room around a point (its radius and a gap) and a text's height, in pixels. */
const POINT_ROOM = 7;
const LINE_HEIGHT = 14;

type Side = 'left' | 'right';
/** A point label's side, and its offset down (pixels; negative is up). */
interface Placement {
  side: Side;
  dy: number;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function quadrantChart(points: readonly QuadrantPoint[], options: QuadrantOptions): Record<string, unknown> {
  const importance = median(points.map((p) => p.importance));
  const performance = median(points.map((p) => p.performance));
  // The axes span the points with some room, performance within 0..100% of the scale, importance from 0.
  const lowX = Math.max(0, floorTo(Math.min(...points.map((p) => p.performance)) - 0.05));
  const highX = Math.min(1, ceilTo(Math.max(...points.map((p) => p.performance)) + 0.05));
  const highY = ceilTo(Math.max(...points.map((p) => p.importance)) * 1.15);
  const px = (x: number): number => ((x - lowX) / (highX - lowX)) * WIDTH;
  const py = (y: number): number => HEIGHT - (y / highY) * HEIGHT;

  // Point labels go right of their point, or left of it in the right quarter, where they would run off; a
  // label that would cover an earlier one (or its point), or run out of the plot, goes to the other side when
  // that is clear, or else a line or two above or below, on either side.
  const dotBox = (p: QuadrantPoint): Box => {
    const [x, y] = [px(p.performance), py(p.importance)];
    return { left: x - POINT_ROOM, right: x + POINT_ROOM, top: y - POINT_ROOM, bottom: y + POINT_ROOM };
  };
  const textBox = (p: QuadrantPoint, { side, dy }: Placement): Box => {
    const [x, y] = [px(p.performance), py(p.importance) + dy];
    const width = estimateTextWidth(p.label, FONT_SIZE);
    return side === 'right' ? { left: x, right: x + POINT_ROOM + width, top: y - LINE_HEIGHT / 2, bottom: y + LINE_HEIGHT / 2 } : { left: x - POINT_ROOM - width, right: x, top: y - LINE_HEIGHT / 2, bottom: y + LINE_HEIGHT / 2 };
  };
  const taken: Box[] = points.map(dotBox);
  const labelled = points.map((p, i) => {
    const preferred: Side = px(p.performance) > WIDTH * 0.75 ? 'left' : 'right';
    const other: Side = preferred === 'right' ? 'left' : 'right';
    const others = taken.filter((_, k) => k !== i);
    const candidates: Placement[] = [0, -LINE_HEIGHT, LINE_HEIGHT, -2 * LINE_HEIGHT, 2 * LINE_HEIGHT].flatMap((dy) => [{ side: preferred, dy }, { side: other, dy }]);
    // A place is clear when the label covers no point or earlier label and stays inside the plot.
    const clear = (c: Placement): boolean => {
      const box = textBox(p, c);
      return box.left >= 0 && box.right <= WIDTH && !others.some((other) => overlaps(other, box));
    };
    const placement = candidates.find(clear) ?? { side: preferred, dy: 0 };
    taken.push(textBox(p, placement));
    return { ...p, ...placement };
  });
  const quadrants = [
    { name: options.quadrants.fixFirst, x: [lowX, performance], y: [highY, importance] },
    { name: options.quadrants.keepUp, x: [highX, performance], y: [highY, importance] },
    { name: options.quadrants.lowPriority, x: [lowX, performance], y: [0, importance] },
    { name: options.quadrants.overkill, x: [highX, performance], y: [0, importance] },
  ] as const;
  const corners = quadrants.flatMap((quadrant) => {
    const placed = placeName(quadrant.name, quadrant.x, quadrant.y, px, py, taken);
    if (placed === undefined) return [];
    taken.push(placed.box);
    return [placed.corner];
  });

  const x = { field: 'performance', type: 'quantitative', title: options.performanceTitle, scale: { domain: [lowX, highX] }, axis: { format: '.0%', tickCount: 5 } };
  const y = { field: 'importance', type: 'quantitative', title: options.importanceTitle, scale: { domain: [0, highY] }, axis: { format: '.0%', tickCount: 5 } };
  // One text layer per placement used (a mark's alignment and offset are its own).
  const placements = [...new Map(labelled.map((p) => [`${p.side}${p.dy}`, { side: p.side, dy: p.dy }])).values()];
  const pointLabels = placements.map(({ side, dy }) => ({
    data: { values: labelled.filter((p) => p.side === side && p.dy === dy) },
    mark: { type: 'text', align: side === 'right' ? 'left' : 'right', baseline: 'middle', dx: side === 'right' ? POINT_ROOM : -POINT_ROOM, ...(dy === 0 ? {} : { dy }), fontSize: FONT_SIZE, color: INTERVAL_COLOR },
    encoding: { x, y, text: { field: 'label', type: 'nominal' } },
  }));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title, subtitle: options.subtitle },
    width: WIDTH,
    height: HEIGHT,
    layer: [
      { data: { values: [{ performance }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#888888' }, encoding: { x } },
      { data: { values: [{ importance }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#888888' }, encoding: { y } },
      ...corners.map((corner) => ({
        data: { values: [corner] },
        mark: { type: 'text', align: corner.align, baseline: corner.baseline, dx: corner.align === 'left' ? 4 : -4, dy: corner.baseline === 'top' ? 4 : -4, fontSize: FONT_SIZE, color: '#888888', fontStyle: 'italic' },
        encoding: { x, y, text: { field: 'name', type: 'nominal' } },
      })),
      {
        data: { values: points.map((p) => ({ ...p })) },
        mark: { type: 'point', filled: true, size: 80, opacity: 1 },
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
      ...pointLabels,
    ],
    config: chartConfig(options.theme),
  };
}

/**
 * Where a quadrant's name goes: the first of its corners (outer first: `xs[0]`, `ys[0]` are the chart's edges,
 * `xs[1]`, `ys[1]` the medians) whose text box is clear of every point and label; none when all are taken.
 */
function placeName(
  name: string,
  xs: readonly [number, number],
  ys: readonly [number, number],
  px: (x: number) => number,
  py: (y: number) => number,
  taken: readonly Box[],
): { corner: Record<string, unknown>; box: Box } | undefined {
  const width = estimateTextWidth(name, FONT_SIZE) + 4;
  const candidates: [number, number][] = [
    [xs[0], ys[0]],
    [xs[1], ys[0]],
    [xs[0], ys[1]],
    [xs[1], ys[1]],
  ];
  for (const [cx, cy] of candidates) {
    // The text sits inside the quadrant: away from the corner's vertical and horizontal sides.
    const other = { x: cx === xs[0] ? xs[1] : xs[0], y: cy === ys[0] ? ys[1] : ys[0] };
    const align = px(other.x) > px(cx) ? 'left' : 'right';
    const baseline = py(other.y) > py(cy) ? 'top' : 'bottom';
    const [x, y] = [px(cx), py(cy)];
    const box = {
      left: align === 'left' ? x : x - width,
      right: align === 'left' ? x + width : x,
      top: baseline === 'top' ? y : y - LINE_HEIGHT - 4,
      bottom: baseline === 'top' ? y + LINE_HEIGHT + 4 : y,
    };
    const fits = Math.abs(px(other.x) - x) >= width && Math.abs(py(other.y) - y) >= LINE_HEIGHT + 4;
    if (fits && !taken.some((t) => overlaps(t, box))) {
      return { corner: { name, performance: cx, importance: cy, align, baseline }, box };
    }
  }
  return undefined;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The points the map puts in its fix-first quadrant: above the median importance, below the median performance. */
export function fixFirstOf(points: readonly QuadrantPoint[]): QuadrantPoint[] {
  const [importance, performance] = [median(points.map((p) => p.importance)), median(points.map((p) => p.performance))];
  return points.filter((p) => p.importance > importance && p.performance < performance);
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
