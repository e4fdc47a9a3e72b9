/**
 * `stickiness chart <survey> <chart>`: one chart of a survey's report, for pasting into another document, as
 * SVG, PNG, its Vega-Lite spec, or an HTML snippet (the SVG inline in a figure that carries its alt text). The
 * report is used as it is while its inputs are unchanged (as `batch` decides), and made again otherwise.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeSurvey } from '../../analyze-survey.ts';
import { inspectSurvey } from '../../batch/check-survey.ts';
import { inputsJson } from '../../batch/plan-batch.ts';
import { escapeHtml } from '../../report/escape-html.ts';
import { didYouMean } from '../../util/nearest.ts';
import { UsageError } from '../../util/usage-error.ts';
import { UserError } from '../../util/user-error.ts';
import { writeOut } from '../write.ts';

export const CHART_FORMATS = ['svg', 'png', 'vl.json', 'html'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

export interface ChartOptions {
  out: string;
  format: string;
  output?: string;
}

export async function chartCommand(survey: string, chart: string, options: ChartOptions): Promise<number> {
  const format = CHART_FORMATS.find((f) => f === options.format);
  if (format === undefined) throw new UsageError(`--format ${options.format}: use one of ${CHART_FORMATS.join(', ')}${didYouMean(options.format, CHART_FORMATS)}`);
  if (format === 'png' && options.output === undefined && process.stdout.isTTY === true) {
    throw new UsageError('--format png writes binary data: pass --output chart.png, or redirect stdout to a file');
  }
  const dir = await currentReport(survey, options.out);
  const charts = path.join(dir, 'charts');
  const names = (await readdir(charts).catch(() => [] as string[])).filter((f) => f.endsWith('.vl.json')).map((f) => f.slice(0, -'.vl.json'.length)).sort();
  if (!names.includes(chart)) {
    throw new UsageError(`no chart \`${chart}\` in ${dir}${didYouMean(chart, names)}; the charts are: ${names.join(', ')}`);
  }
  const file = (ext: string): string => path.join(charts, `${chart}.${ext}`);
  const content: string | Uint8Array = format === 'html' ? htmlSnippet(await readFile(file('svg'), 'utf8'), JSON.parse(await readFile(file('vl.json'), 'utf8')) as ChartJson) : await readFile(file(format));
  if (options.output !== undefined) {
    await writeFile(options.output, content).catch((error: NodeJS.ErrnoException) => {
      throw new UserError(options.output ?? '', `cannot be written (${error.code ?? error.message}); pass --output a file you can write`);
    });
    process.stderr.write(`-> ${options.output}\n`);
  } else if (typeof content === 'string') writeOut(content);
  else process.stdout.write(content);
  return 0;
}

interface ChartJson {
  description?: unknown;
  title?: { text?: unknown };
}

/**
 * A figure for another page: the chart's SVG inline, its alt text as the figure's accessible name (the SVG's
 * own axis descriptions are hidden from screen readers, which read the one sentence instead).
 */
export function htmlSnippet(svg: string, spec: ChartJson): string {
  const alt = typeof spec.description === 'string' ? spec.description : typeof spec.title?.text === 'string' ? spec.title.text : '';
  const inline = svg.replace(/^<\?xml[^>]*>\s*/, '').trim().replace(/^<svg\b/, '<svg aria-hidden="true"');
  return `<figure class="stickiness-chart" role="img" aria-label="${escapeHtml(alt)}">\n${inline}\n</figure>\n`;
}

/** The survey's report folder, made again first unless its inputs are those it was made from. */
async function currentReport(survey: string, out: string): Promise<string> {
  const check = await inspectSurvey(survey, out);
  if (check.current !== undefined && check.recorded === inputsJson(check.current)) return path.join(out, check.codebook.codebook.id);
  return (await analyzeSurvey(survey, { outDir: out, codebook: check.codebook })).reportDir;
}
