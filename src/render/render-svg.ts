/** Vega-Lite spec → SVG text, headless (vega's View with the `none` renderer; no canvas, no browser). */
import * as vega from 'vega';
import { chartDataflow } from './chart-dataflow.ts';
import { vegaTextWidth } from './text-width.ts';

let metricsInstalled = false;

export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  if (!metricsInstalled) {
    // vega reads this hook for every label it lays out; the default is too narrow for CJK.
    // It is exported at run time but missing from vega's type declarations.
    (vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;
    metricsInstalled = true;
  }
  const view = new vega.View(chartDataflow(spec), { renderer: 'none' });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}
