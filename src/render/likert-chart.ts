/**
 * Diverging stacked bars for likert questions: the negative options to the left of zero, the neutral one
 * (the middle of an odd scale) centred on it, the positive ones to the right, so agreement reads as the
 * bar's lean. Shares of those who answered (weighted ones when given). Pure: counts in, spec out.
 */
import type { Theme } from '../codebook/schema.ts';
import { chartConfig, likertColours } from './chart-theme.ts';
import { VEGA_LITE_SCHEMA } from './share-chart.ts';

export interface LikertRow {
  question: string;
  options: string[];
  /** Respondents per option: n, and the shares unless `shares` gives them. */
  counts: number[];
  /** The shares to draw (a weighted survey's weighted shares); the counts' shares without. */
  shares?: number[];
}

export function likertChart(rows: readonly LikertRow[], options: { title: string; subtitle: string; axisTitle: string; theme?: Theme | undefined }): Record<string, unknown> {
  const values = rows.flatMap((row) => {
    const n = row.counts.reduce((a, b) => a + b, 0);
    const k = row.options.length;
    const shares = row.shares ?? row.counts.map((c) => (n > 0 ? c / n : 0));
    // The bar starts left of zero by the negative shares plus half the neutral one.
    const neutral = k % 2 === 1 ? (shares[(k - 1) / 2] ?? 0) : 0;
    const negative = shares.slice(0, Math.floor(k / 2)).reduce((a, b) => a + b, 0);
    let start = -(negative + neutral / 2);
    return row.options.map((option, i) => {
      const share = shares[i] ?? 0;
      const segment = { question: row.question, option, order: i, share, start, end: start + share, n };
      start += share;
      return segment;
    });
  });
  const longest = Math.max(...rows.map((r) => r.options.length));
  const domain = rows[0]?.options ?? [];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title, subtitle: options.subtitle },
    width: 420,
    height: { step: 30 },
    data: { values },
    mark: { type: 'bar', height: { band: 0.7 } },
    encoding: {
      y: { field: 'question', type: 'nominal', title: null, sort: null, axis: { labelLimit: 260 } },
      x: { field: 'start', type: 'quantitative', title: options.axisTitle, axis: { format: '.0%', tickCount: 5, labelExpr: "format(abs(datum.value), '.0%')" }, scale: { domain: [-1, 1] } },
      x2: { field: 'end' },
      color: {
        field: 'option',
        type: 'nominal',
        title: null,
        sort: domain,
        scale: { domain, range: 'category' },
        legend: { orient: 'top', columns: Math.min(5, domain.length) },
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'question', type: 'nominal' },
        { field: 'option', type: 'nominal' },
        { field: 'share', type: 'quantitative', format: '.1%' },
        { field: 'n', type: 'quantitative' },
      ],
    },
    config: chartConfig(options.theme, likertColours(longest)),
  };
}
