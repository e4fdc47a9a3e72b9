/** A retention curve: the share at each level of a tenure-like question as a line, its interval as a band. */
import type { Theme } from '../codebook/schema.ts';
import { chartConfig } from './chart-theme.ts';
import { VEGA_LITE_SCHEMA } from './share-chart.ts';
import { estimateTextWidth } from './text-width.ts';

const WIDTH = 360;

export function curveChart(points: readonly { level: string; estimate: number; low: number; high: number; n: number }[], options: { title: string; subtitle: string; axisTitle: string; theme?: Theme | undefined }): Record<string, unknown> {
  // Level names that would run into each other across are set at a slant.
  const band = WIDTH / Math.max(1, points.length);
  const crowded = points.some((p) => estimateTextWidth(p.level, 11) > band - 6);
  const x = { field: 'level', type: 'ordinal', title: null, sort: null, axis: crowded ? { labelAngle: -30, labelAlign: 'right', labelLimit: 160 } : { labelAngle: 0 } };
  const y = { type: 'quantitative', title: options.axisTitle, axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title, subtitle: options.subtitle },
    width: WIDTH,
    height: 200,
    data: { values: points.map((p) => ({ ...p })) },
    layer: [
      { mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } },
      {
        mark: { type: 'line', point: { filled: true, size: 60 } },
        encoding: {
          x,
          y: { ...y, field: 'estimate' },
          tooltip: [
            { field: 'level', type: 'ordinal' },
            { field: 'estimate', type: 'quantitative', format: '.1%' },
            { field: 'n', type: 'quantitative' },
          ],
        },
      },
      { mark: { type: 'text', dy: -12, fontSize: 11 }, encoding: { x, y: { ...y, field: 'estimate' }, text: { field: 'estimate', type: 'quantitative', format: '.1%' } } },
    ],
    config: chartConfig(options.theme),
  };
}
