/** NPS as one bar of detractors, passives and promoters, with the score and its interval in the title. */
import type { Theme } from '../codebook/schema.ts';
import { chartConfig, NPS_COLOURS } from './chart-theme.ts';
import { VEGA_LITE_SCHEMA } from './share-chart.ts';

export function npsChart(
  shares: { detractors: number; passives: number; promoters: number },
  labels: { detractors: string; passives: string; promoters: string },
  options: { title: string; subtitle: string; axisTitle: string; theme?: Theme | undefined },
): Record<string, unknown> {
  const parts = [
    { part: labels.detractors, order: 0, share: shares.detractors },
    { part: labels.passives, order: 1, share: shares.passives },
    { part: labels.promoters, order: 2, share: shares.promoters },
  ];
  let start = 0;
  const values = parts.map((p) => {
    const row = { ...p, start, end: start + p.share, middle: start + p.share / 2 };
    start += p.share;
    return row;
  });
  const domain = parts.map((p) => p.part);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title, subtitle: options.subtitle },
    width: 420,
    height: 40,
    data: { values },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'start', type: 'quantitative', title: options.axisTitle, axis: { format: '.0%', tickCount: 5 }, scale: { domain: [0, 1] } },
          x2: { field: 'end' },
          color: { field: 'part', type: 'nominal', title: null, sort: domain, scale: { domain, range: 'category' }, legend: { orient: 'top' } },
          tooltip: [
            { field: 'part', type: 'nominal' },
            { field: 'share', type: 'quantitative', format: '.1%' },
          ],
        },
      },
      {
        mark: { type: 'text', color: '#ffffff', fontSize: 11 },
        transform: [{ filter: 'datum.share >= 0.08' }],
        encoding: { x: { field: 'middle', type: 'quantitative' }, text: { field: 'share', type: 'quantitative', format: '.0%' } },
      },
    ],
    config: chartConfig(options.theme, NPS_COLOURS),
  };
}
