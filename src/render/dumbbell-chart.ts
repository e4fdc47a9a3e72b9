/**
 * Sample against population per category of a benchmarked question: a dumbbell (two dots joined by a
 * line), population in grey, sample in blue, so the gap reads at a glance. Pure: data in, spec out.
 */
import type { Theme } from '../codebook/schema.ts';
import { chartConfig } from './chart-theme.ts';
import { VEGA_LITE_SCHEMA } from './share-chart.ts';

export interface DumbbellRow {
  category: string;
  sample: number;
  population: number;
}

export function dumbbellChart(rows: readonly DumbbellRow[], options: { title: string; subtitle: string; sampleLabel: string; populationLabel: string; axisTitle: string; theme?: Theme | undefined }): Record<string, unknown> {
  const points = rows.flatMap((row) => [
    { category: row.category, who: options.populationLabel, share: row.population },
    { category: row.category, who: options.sampleLabel, share: row.sample },
  ]);
  const y = { field: 'category', type: 'nominal', title: null, sort: null, axis: { labelLimit: 260 } };
  const x = { field: 'share', type: 'quantitative', title: options.axisTitle, axis: { format: '.0%', tickCount: 5 }, scale: { domain: [0, Math.max(0.1, ...rows.flatMap((r) => [r.sample, r.population])) > 0.5 ? 1 : 0.5] } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title, subtitle: options.subtitle },
    width: 420,
    height: { step: 26 },
    data: { values: points },
    layer: [
      { mark: { type: 'line', style: 'connector', strokeWidth: 2 }, encoding: { y, x, detail: { field: 'category', type: 'nominal' } } },
      {
        mark: { type: 'point', filled: true, size: 90, opacity: 1 },
        encoding: {
          y,
          x,
          color: { field: 'who', type: 'nominal', title: null, scale: { domain: [options.populationLabel, options.sampleLabel], range: 'category' }, legend: { orient: 'top' } },
          tooltip: [
            { field: 'category', type: 'nominal' },
            { field: 'who', type: 'nominal' },
            { field: 'share', type: 'quantitative', format: '.1%' },
          ],
        },
      },
    ],
    config: chartConfig(options.theme, ['muted', 'main']),
  };
}
