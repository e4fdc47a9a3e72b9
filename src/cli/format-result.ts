/** Terminal wording of results: one line per metric, flags, the accounting. Plain text, no colour. */
import type { Flag } from '../model/flag.ts';
import { kindOf } from '../stats/kinds/index.ts';
import type { MetricResult } from '../model/metric-result.ts';
import type { ValidationSummary } from '../model/validation.ts';
export function formatMetricLine(metric: MetricResult): string {
  const kind = kindOf(metric.kind);
  const show = (value: number): string => kind.format(value);
  if (metric.kind === 'quantiles') {
    const quantiles = (metric.groups ?? []).map((g) => `${g.value} ${g.estimate === null ? '—' : show(g.estimate)}${g.ci === null ? '' : ` [${show(g.ci[0])}, ${show(g.ci[1])}]`}`);
    return `  ${metric.id}: ${quantiles.join('; ')} n=${metric.n}`;
  }
  if (!kind.headline) return `  ${metric.id}: ${metric.groups?.length ?? 0} options, n=${metric.n}`;
  if (metric.estimate === null) return `  ${metric.id}: no answers`;
  const ci = metric.ci === null ? 'no interval' : `[${show(metric.ci[0])}, ${show(metric.ci[1])}]`;
  return `  ${metric.id}: ${show(metric.estimate)} ${ci} n=${metric.n}`;
}

export function formatFlag(flag: Flag): string {
  return `  ! ${flag.severity} ${flag.code}: ${flag.message}`;
}

export function formatAccounting(id: string, v: ValidationSummary): string {
  const rules = Object.entries(v.byRule).map(([rule, count]) => `${rule} ${count}`).join(', ');
  const filtered = v.filtered > 0 ? `, ${v.filtered} left out by the filter` : '';
  return `${id}: ${v.rowsRead} rows read, ${v.accepted} accepted, ${v.quarantined} quarantined${rules === '' ? '' : ` (${rules})`}${filtered}`;
}
