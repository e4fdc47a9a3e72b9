/** Terminal wording of results: one line per metric, flags, the accounting. Plain text, no colour. */
import type { Flag } from '../audit/flag.ts';
import type { MetricResult } from '../stats/metric-result.ts';
import type { ValidationSummary } from '../report/validation-json.ts';

/** A value on the metric's own scale: a mean with two decimals, an NPS with one, shares as percent. */
export function formatMetricValue(metric: MetricResult, value: number): string {
  return metric.kind === 'mean' ? value.toFixed(2) : metric.kind === 'nps' ? value.toFixed(1) : `${(value * 100).toFixed(1)}%`;
}

export function formatMetricLine(metric: MetricResult): string {
  const show = (value: number): string => formatMetricValue(metric, value);
  if (metric.kind === 'distribution') return `  ${metric.id}: ${metric.groups?.length ?? 0} options, n=${metric.n}`;
  if (metric.estimate === null) return `  ${metric.id}: no answers`;
  const ci = metric.ci === null ? 'no interval' : `[${show(metric.ci[0])}, ${show(metric.ci[1])}]`;
  return `  ${metric.id}: ${show(metric.estimate)} ${ci} n=${metric.n}`;
}

export function formatFlag(flag: Flag): string {
  return `  ! ${flag.severity} ${flag.code}: ${flag.message}`;
}

export function formatAccounting(id: string, v: ValidationSummary): string {
  const rules = Object.entries(v.byRule).map(([rule, count]) => `${rule} ${count}`).join(', ');
  return `${id}: ${v.rowsRead} rows read, ${v.accepted} accepted, ${v.quarantined} quarantined${rules === '' ? '' : ` (${rules})`}`;
}
