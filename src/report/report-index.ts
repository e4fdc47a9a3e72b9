/** `index.md` and `index.html` over a batch's reports: every survey with its headline figures and links. */
import { kindOf } from '../stats/kinds/index.ts';
import { escapeHtml } from './escape-html.ts';
import { escapeMarkdown as esc } from './escape-markdown.ts';
import type { Stats } from '../model/stats.ts';

export interface IndexEntry {
  id: string;
  stats: Stats;
  status: 'ok' | 'skipped' | 'failed';
  seconds: number;
}

function headline(stats: Stats): string {
  const metric = stats.metrics.find((m) => kindOf(m.kind).headline && m.estimate !== null);
  if (metric === undefined || metric.estimate === null) return '—';
  const show = (v: number): string => kindOf(metric.kind).format(v);
  return `${metric.label}: ${show(metric.estimate)}${metric.ci === null ? '' : ` (${show(metric.ci[0])} – ${show(metric.ci[1])})`}`;
}

export function indexMarkdown(entries: readonly IndexEntry[]): string {
  const lines = ['# Reports', '', '| Survey | Responses (accepted / read) | Headline | Flags | Report |', '|---|---:|---|---:|---|'];
  for (const { id, stats } of entries) {
    lines.push(`| ${esc(stats.survey.title)} | ${stats.input.accepted} / ${stats.input.rowsRead} | ${esc(headline(stats))} | ${stats.flags.length} | [HTML](${id}/report.html) · [Markdown](${id}/report.md) |`);
  }
  return `${lines.join('\n')}\n`;
}

export function indexHtml(entries: readonly IndexEntry[]): string {
  const rows = entries
    .map(({ id, stats }) => `<tr><td>${escapeHtml(stats.survey.title)}</td><td>${stats.input.accepted} / ${stats.input.rowsRead}</td><td>${escapeHtml(headline(stats))}</td><td>${stats.flags.length}</td><td><a href="${escapeHtml(encodeURIComponent(id))}/report.html">HTML</a> · <a href="${escapeHtml(encodeURIComponent(id))}/report.md">Markdown</a></td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Reports</title>
<style>body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}th,td{border:1px solid #ccd;padding:.3rem .6rem}th{background:#f3f5f8}</style>
</head>
<body>
<h1>Reports</h1>
<table>
<tr><th>Survey</th><th>Responses (accepted / read)</th><th>Headline</th><th>Flags</th><th>Report</th></tr>
${rows}
</table>
</body>
</html>
`;
}
