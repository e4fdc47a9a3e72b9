/**
 * A breakdown as a dot-and-whisker (forest) plot: each group's estimate with its interval, the overall
 * estimate as a reference rule, small groups faded, groups that differ from the rest marked; suppressed
 * groups are not drawn at all.
 */
import type { Theme } from '../codebook/schema.ts';
import { chartConfig, INTERVAL_COLOR } from './chart-theme.ts';
import { VEGA_LITE_SCHEMA } from './share-chart.ts';
import { axisFormat, TICK_COUNT } from './axis-ticks.ts';
import { fitText } from './chart-text.ts';
import { estimateTextWidth } from './text-width.ts';

/** The widest a group's label may be, in pixels. */
const LABEL_LIMIT = 260;

export interface ForestRow {
  group: string;
  estimate: number;
  low: number;
  high: number;
  n: number;
  small: boolean;
  significant: boolean;
}

export function forestChart(rows: readonly ForestRow[], overall: number | null, options: { title: string; subtitle: string; axisTitle: string; percent: boolean; differs: string; same: string; theme?: Theme | undefined }): Record<string, unknown> {
  const y = { field: 'label', type: 'nominal', title: null, sort: null, axis: { labelLimit: LABEL_LIMIT } };
  // A long group name is cut before its n, so the n always shows.
  const label = (r: ForestRow): string => {
    const n = ` (n=${r.n})`;
    return `${fitText(r.group, LABEL_LIMIT - estimateTextWidth(n, 11) - 2, 11)}${n}`;
  };
  const values = rows.map((r) => ({ ...r, label: label(r), status: r.significant ? options.differs : options.same, opacity: r.small ? 0.45 : 1 }));
  // About five ticks over what is drawn, each with as many decimals as its step needs (axis-ticks.ts).
  const ends = [...rows.flatMap((r) => [r.low, r.high]), ...(overall === null ? [] : [overall])];
  const format = axisFormat(Math.min(...ends), Math.max(...ends), options.percent);
  const x = { type: 'quantitative', title: options.axisTitle, axis: { format, tickCount: TICK_COUNT }, scale: { zero: false } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title, subtitle: options.subtitle },
    width: 420,
    height: { step: 24 },
    layer: [
      {
        data: { values },
        mark: { type: 'rule', color: INTERVAL_COLOR },
        encoding: { y, x: { ...x, field: 'low' }, x2: { field: 'high' }, opacity: { field: 'opacity', type: 'quantitative', scale: null, legend: null } },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          y,
          x: { ...x, field: 'estimate' },
          opacity: { field: 'opacity', type: 'quantitative', scale: null, legend: null },
          color: { field: 'status', type: 'nominal', title: null, scale: { domain: [options.same, options.differs], range: 'category' }, legend: { orient: 'top' } },
          tooltip: [
            { field: 'group', type: 'nominal' },
            { field: 'estimate', type: 'quantitative', format: options.percent ? '.1%' : '.2f' },
            { field: 'n', type: 'quantitative' },
          ],
        },
      },
      ...(overall === null
        ? []
        : [{ data: { values: [{ overall }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#888888' }, encoding: { x: { field: 'overall', type: 'quantitative' } } }]),
    ],
    config: chartConfig(options.theme, ['main', 'highlight']),
  };
}
