/**
 * The files of a series report (`<out>/series/<series>/`): `series.json` with every headline's trend and
 * wave-over-wave changes, a trend chart per metric, and `report.md` / `report.html`. Pure but for the
 * renderers it is handed.
 */
import { chartTexts } from '../render/chart-text.ts';
import { trendChart } from '../render/trend-chart.ts';
import { listed, valueFormatOf, withInterval, words } from '../render/chart-summary.ts';
import { withoutBidiControls } from '../util/inert-text.ts';
import { kindOf } from '../stats/kinds/index.ts';
import type { Scale } from '../stats/kinds/metric-kind.ts';
import { escapeMarkdown as esc } from './escape-markdown.ts';
import { formatSigned } from './format-number.ts';
import { seriesFindings, seriesFindingsHeading } from './series-findings.ts';
import { reportHtml } from './report-html.ts';
import type { SeriesMetric, WavePoint } from '../model/series.ts';

/** The axis format of a trend chart, by the scale of its metric. */
const TREND_FORMAT: Record<Scale, string> = { share: '.0%', score: '.0f', mean: '.2f' };

export async function seriesFiles(
  series: string,
  metrics: readonly SeriesMetric[],
  language: 'zh' | 'en',
  level: number,
  render: { svg: (spec: Record<string, unknown>) => Promise<string>; pngs: (svgs: readonly string[]) => Promise<Uint8Array[]> },
): Promise<Map<string, string | Uint8Array>> {
  const zh = language === 'zh';
  const files = new Map<string, string | Uint8Array>();
  files.set('series.json', `${JSON.stringify({ schemaVersion: 1, series, level, metrics }, null, 2)}\n`);
  const show = (m: SeriesMetric, v: number): string => kindOf(m.kind).format(v);
  const signed = (m: SeriesMetric, v: number): string => formatSigned(v, (size) => show(m, size));
  const lines = [`# ${zh ? '系列' : 'Series'} ${esc(series)}`, ''];
  // What changed, first: each headline's latest significant change, and what did not change.
  const labels = new Map(metrics.flatMap((m) => waveLabels(m.points).map((label, i) => [m.points[i]?.survey ?? '', label] as const)));
  const findings = seriesFindings(metrics, language, level, labels);
  if (findings.length > 0) lines.push(`## ${seriesFindingsHeading(language)}`, '', ...findings.map((sentence) => `- ${esc(sentence)}`), '');
  const svgs = new Map<string, string>();
  for (const metric of metrics) {
    lines.push(`## ${esc(metric.label)}`, '', `| ${zh ? '轮次' : 'Wave'} | ${zh ? '估计值' : 'Estimate'} | ${Math.round(level * 100)}% ${zh ? '置信区间' : 'CI'} | n |`, '|---|---:|---:|---:|');
    for (const p of metric.points) {
      lines.push(`| ${esc(p.title)} | ${p.estimate === null ? '—' : show(metric, p.estimate)} | ${p.ci === null ? '—' : `${show(metric, p.ci[0])} – ${show(metric, p.ci[1])}`} | ${p.n} |`);
    }
    lines.push('');
    for (const c of metric.changes) {
      const verdict = c.significant ? (zh ? '变化显著' : 'a significant change') : zh ? '变化不显著' : 'not a significant change';
      lines.push(`${esc(c.from)} → ${esc(c.to)}: ${signed(metric, c.difference)} (${signed(metric, c.ci[0])} – ${signed(metric, c.ci[1])}, ${c.method}); ${verdict}`, '');
    }
    const drawn = waveLabels(metric.points).flatMap((wave, i) => {
      const p = metric.points[i];
      return p === undefined || p.estimate === null || p.ci === null ? [] : [{ wave, estimate: p.estimate, low: p.ci[0], high: p.ci[1], n: p.n }];
    });
    if (drawn.length < 2) continue;
    const scale = kindOf(metric.kind).scale;
    const w = words(language);
    const valueFormat = valueFormatOf(kindOf(metric.kind));
    const alt = w.sentence(w.curve, metric.label, listed(language, drawn.map((p) => `${p.wave} ${withInterval(language, { ...p, label: p.wave }, valueFormat)}`)));
    const spec = {
      ...chartTexts(
        trendChart(drawn, {
          title: metric.label,
          subtitle: zh ? `各轮估计值与 ${Math.round(level * 100)}% 置信区间` : `Estimate per wave with its ${Math.round(level * 100)}% confidence interval`,
          axisTitle: scale === 'share' ? (zh ? '占比' : 'Share') : metric.label,
          format: TREND_FORMAT[scale],
        }),
      ),
      description: withoutBidiControls(alt),
    };
    const name = `charts/trend-${metric.metric}`;
    const svg = await render.svg(spec);
    files.set(`${name}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
    files.set(`${name}.svg`, svg);
    svgs.set(`${name}.svg`, svg);
    lines.push(`![${esc(alt)}](${name}.svg)`, '');
  }
  const pngs = await render.pngs([...svgs.values()]);
  [...svgs.keys()].forEach((name, i) => files.set(name.replace(/\.svg$/, '.png'), pngs[i] as Uint8Array));
  const markdown = lines.join('\n');
  files.set('report.md', markdown);
  files.set('report.html', reportHtml({ title: `${zh ? '系列' : 'Series'} ${series}`, language }, markdown, svgs));
  return files;
}

/**
 * Each wave's place on a trend chart's axis: its fieldwork start, or its id where it has none. Waves that
 * share a start date (two samples fielded the same week) would fall on one point, so then every wave is
 * labelled with its start and id.
 */
export function waveLabels(points: readonly WavePoint[]): string[] {
  const labels = points.map((p) => p.start ?? p.survey);
  if (new Set(labels).size === labels.length) return labels;
  return points.map((p) => (p.start === null ? p.survey : `${p.start} ${p.survey}`));
}
