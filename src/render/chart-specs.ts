/**
 * The charts of a report, as named Vega-Lite specs: one share chart per report section that has share
 * metrics (proportion, top-box, pmf, retention overall), one per distribution (`dist-`), one retention curve
 * per retention metric (`curve-`), and one sample-vs-population dumbbell per benchmark (`audit-`).
 */
import type { Codebook } from '../codebook/schema.ts';
import { sections } from '../codebook/schema.ts';
import type { MetricResult } from '../stats/metric-result.ts';
import type { WeightingDiagnostics } from '../stats/weights/weighting-diagnostics.ts';
import { text } from './i18n.ts';
import type { AuditVariable } from '../audit/audit-benchmarks.ts';
import { dumbbellChart } from './dumbbell-chart.ts';
import { shareChart, type ShareBar } from './share-chart.ts';

export interface ChartSpec {
  /** File stem under `charts/`: the section name, or `dist-<metric id>`. */
  name: string;
  title: string;
  spec: Record<string, unknown>;
}

export function chartSpecs(codebook: Codebook, metrics: readonly MetricResult[], weighting?: WeightingDiagnostics, audit?: readonly AuditVariable[]): ChartSpec[] {
  const t = text(codebook.language);
  const charts: ChartSpec[] = [];
  for (const section of sections) {
    const shares = metrics.filter((m) => m.section === section && ['proportion', 'top-box', 'pmf', 'retention'].includes(m.kind));
    const bars = shares.flatMap((m): ShareBar[] =>
      m.estimate === null || m.ci === null ? [] : [{ label: m.label, estimate: m.estimate, low: m.ci[0], high: m.ci[1], n: m.n }],
    );
    if (bars.length === 0) continue;
    const title = t.sections[section];
    const nRange = [...new Set(bars.map((bar) => bar.n))].sort((a, b) => a - b);
    const n = nRange.length === 1 ? String(nRange[0]) : `${nRange[0]}–${nRange[nRange.length - 1]}`;
    charts.push({
      name: section,
      title,
      spec: shareChart(bars, {
        title,
        subtitle: caption(codebook, n, weighting),
        axisTitle: t.share,
        sortByEstimate: false,
      }),
    });
  }
  for (const metric of metrics) {
    if ((metric.kind !== 'distribution' && metric.kind !== 'retention') || metric.groups === undefined || metric.n === 0) continue;
    if (metric.groups.every((g) => g.estimate === null)) continue;
    const bars = metric.groups.flatMap((g): ShareBar[] =>
      g.estimate === null || g.ci === null ? [] : [{ label: g.value, estimate: g.estimate, low: g.ci[0], high: g.ci[1], n: g.n }],
    );
    // A distribution's options sort by share; a retention curve keeps the order of its levels.
    charts.push({
      name: `${metric.kind === 'retention' ? 'curve' : 'dist'}-${metric.id}`,
      title: metric.label,
      spec: shareChart(bars, {
        title: metric.label,
        subtitle: caption(codebook, String(metric.n), weighting),
        axisTitle: t.share,
        sortByEstimate: metric.kind === 'distribution',
      }),
    });
  }
  for (const variable of audit ?? []) {
    if (variable.n === 0) continue;
    const question = codebook.questions.find((q) => q.id === variable.question);
    const title = t.auditTitle(question?.label ?? variable.question);
    charts.push({
      name: `audit-${variable.question}`,
      title,
      spec: dumbbellChart(
        Object.entries(variable.sample).map(([category, sample]) => ({ category, sample, population: variable.population[category] ?? 0 })),
        { title, subtitle: t.auditCaption(variable.n, variable.source), sampleLabel: t.sampleLabel, populationLabel: t.populationLabel, axisTitle: t.share },
      ),
    });
  }
  return charts;
}

function caption(codebook: Codebook, n: string, weighting: WeightingDiagnostics | undefined): string {
  const t = text(codebook.language);
  if (weighting === undefined) return t.caption(n, codebook.confidence, t.unweighted);
  const by = weighting.by.map((id) => codebook.questions.find((q) => q.id === id)?.label ?? id).join(codebook.language === 'zh' ? '、' : ', ');
  return t.caption(n, codebook.confidence, t.weighted(weighting.method, by, weighting.nEffective));
}
