/** A chart as the Markdown report shows it: its SVG, with its alt text (chart-summary.ts) as the image's text. */
import type { ChartSpec } from '../render/chart-specs.ts';
import { escapeMarkdown } from './escape-markdown.ts';

export function chartImage(chart: Pick<ChartSpec, 'name' | 'alt'>): string {
  return `![${escapeMarkdown(chart.alt)}](charts/${chart.name}.svg)`;
}
