/**
 * A horizontal bar chart of shares with interval error bars and the estimate as a label: the shape of the
 * section charts (retention, satisfaction) and of distributions. Pure: data in, Vega-Lite spec out.
 */
import type { Theme } from '../codebook/schema.ts';
import { chartConfig, INTERVAL_COLOR } from './chart-theme.ts';

export interface ShareBar {
  label: string;
  estimate: number;
  low: number;
  high: number;
  n: number;
}

export interface ShareChartOptions {
  title: string;
  subtitle: string;
  axisTitle: string;
  /** Sort bars by estimate, largest first (distributions); otherwise keep the given order. */
  sortByEstimate: boolean;
  /** The share axis's span (default 0..100%). */
  domain?: [number, number];
  theme?: Theme | undefined;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export function shareChart(bars: readonly ShareBar[], options: ShareChartOptions): Record<string, unknown> {
  const y = {
    field: 'label',
    type: 'nominal',
    title: null,
    // Bars come in display order (sorted below when asked): a sort on a layered axis would need an aggregate.
    sort: null,
    axis: { labelLimit: 260 },
  };
  // Every layer names the same axis title, so vega-lite does not join the field names into it.
  const x = { type: 'quantitative', scale: { domain: options.domain ?? [0, 1] }, title: options.axisTitle };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title, subtitle: options.subtitle },
    width: 420,
    height: { step: 26 },
    data: { values: (options.sortByEstimate ? [...bars].sort((a, b) => b.estimate - a.estimate) : bars).map((bar) => ({ ...bar })) },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y,
          x: { ...x, field: 'estimate', axis: { format: '.0%', tickCount: 5 } },
          tooltip: [
            { field: 'label', type: 'nominal' },
            { field: 'estimate', type: 'quantitative', format: '.1%' },
            { field: 'low', type: 'quantitative', format: '.1%' },
            { field: 'high', type: 'quantitative', format: '.1%' },
            { field: 'n', type: 'quantitative' },
          ],
        },
      },
      {
        mark: { type: 'errorbar', ticks: true, color: INTERVAL_COLOR },
        encoding: { y, x: { ...x, field: 'low' }, x2: { field: 'high' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 11, color: INTERVAL_COLOR },
        encoding: { y, x: { ...x, field: 'high' }, text: { field: 'estimate', type: 'quantitative', format: '.1%' } },
      },
    ],
    config: chartConfig(options.theme),
  };
}
