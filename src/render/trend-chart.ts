/** A headline metric over the waves of a series: estimates joined by a line, each with its interval. */
import { chartConfig, INTERVAL_COLOR } from './chart-theme.ts';
import { VEGA_LITE_SCHEMA } from './share-chart.ts';

export function trendChart(
  points: readonly { wave: string; estimate: number; low: number; high: number; n: number }[],
  options: { title: string; subtitle: string; axisTitle: string; format: string },
): Record<string, unknown> {
  // Many waves crowd the axis: labels that would overlap are hidden (every other one, until they fit).
  const x = { field: 'wave', type: 'ordinal', title: null, sort: null, axis: { labelAngle: 0, labelOverlap: true } };
  const y = { type: 'quantitative', title: options.axisTitle, axis: { format: options.format }, scale: { zero: false } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title, subtitle: options.subtitle },
    width: 360,
    height: 200,
    data: { values: points.map((p) => ({ ...p })) },
    layer: [
      // Interval caps a fixed 14 px wide: by default they span the whole band, a third of the chart for two waves.
      { mark: { type: 'errorbar', ticks: { size: 14 }, color: INTERVAL_COLOR }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } },
      { mark: { type: 'line', point: { filled: true, size: 60 } }, encoding: { x, y: { ...y, field: 'estimate' } } },
    ],
    config: chartConfig(),
  };
}
