/**
 * A histogram of a number question's answers: one bar per bin (bins of equal width, from the quantiles
 * metric's `histogram`), its height the (weighted) share of respondents, with the median as a rule when
 * there is one. Pure: data in, Vega-Lite spec out.
 */
import type { HistogramBin } from '../model/metric-result.ts';
import { VEGA_LITE_SCHEMA } from './share-chart.ts';
import type { Theme } from '../codebook/schema.ts';
import { chartConfig, INTERVAL_COLOR } from './chart-theme.ts';

export interface HistogramOptions {
  title: string;
  subtitle: string;
  /** Titles of the value axis (the question) and of the share axis. */
  valueTitle: string;
  shareTitle: string;
  /** The median's value and its label, drawn as a rule. */
  median?: { value: number; label: string };
  theme?: Theme | undefined;
}

export function histogramChart(bins: readonly HistogramBin[], options: HistogramOptions): Record<string, unknown> {
  // Bins of single whole numbers (5 holds the answers 5) are drawn centred on their number.
  const shift = bins.every((bin) => bin.to - bin.from === 1 && Number.isInteger(bin.from)) ? 0.5 : 0;
  const drawn = bins.map((bin) => ({ ...bin, left: bin.from - shift, right: bin.to - shift }));
  const low = (bins[0]?.from ?? 0) - shift;
  const high = (bins.at(-1)?.to ?? 1) - shift;
  const x = { type: 'quantitative', title: options.valueTitle, scale: { domain: [low, high], nice: false, zero: false }, axis: { tickCount: Math.min(10, bins.length + 1) } };
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 0.5 },
      encoding: {
        x: { ...x, field: 'left' },
        x2: { field: 'right' },
        y: { field: 'share', type: 'quantitative', title: options.shareTitle, axis: { format: '.0%', tickCount: 5 } },
        tooltip: [
          { field: 'from', type: 'quantitative', title: '≥' },
          { field: 'to', type: 'quantitative', title: '<' },
          { field: 'share', type: 'quantitative', format: '.1%' },
          { field: 'count', type: 'quantitative', title: 'n' },
        ],
      },
    },
  ];
  if (options.median !== undefined) {
    layers.push({
      data: { values: [{ median: options.median.value, label: options.median.label }] },
      mark: { type: 'rule', color: INTERVAL_COLOR, strokeDash: [4, 3] },
      encoding: { x: { ...x, field: 'median' } },
    });
    layers.push({
      data: { values: [{ median: options.median.value, label: options.median.label }] },
      // Above the plot, where no bar can sit under it.
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, y: -3, fontSize: 11, color: INTERVAL_COLOR },
      encoding: { x: { ...x, field: 'median' }, text: { field: 'label' } },
    });
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title, subtitle: options.subtitle },
    width: 420,
    height: 200,
    data: { values: drawn },
    layer: layers,
    config: chartConfig(options.theme),
  };
}
