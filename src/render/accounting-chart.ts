/** The row accounting: rows read, accepted, and quarantined by rule (a row with two rules counts under both). */
import type { Theme } from '../codebook/schema.ts';
import { chartConfig } from './chart-theme.ts';
import { VEGA_LITE_SCHEMA } from './share-chart.ts';

export function accountingChart(rows: readonly { label: string; count: number; kind: 'read' | 'accepted' | 'rule' }[], options: { title: string; subtitle: string; axisTitle: string; theme?: Theme | undefined }): Record<string, unknown> {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title, subtitle: options.subtitle },
    width: 420,
    height: { step: 24 },
    data: { values: rows.map((r) => ({ ...r })) },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y: { field: 'label', type: 'nominal', title: null, sort: null },
          x: { field: 'count', type: 'quantitative', title: options.axisTitle },
          color: { field: 'kind', type: 'nominal', legend: null, scale: { domain: ['read', 'accepted', 'rule'], range: 'category' } },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 },
        encoding: { y: { field: 'label', type: 'nominal', sort: null }, x: { field: 'count', type: 'quantitative' }, text: { field: 'count', type: 'quantitative' } },
      },
    ],
    config: chartConfig(options.theme, ['muted', 'main', 'highlight']),
  };
}
