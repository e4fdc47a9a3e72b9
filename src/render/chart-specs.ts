/**
 * The charts of a report, as named Vega-Lite specs: one share chart per report section that has share
 * metrics (proportion, top-box, pmf, retention overall), one per distribution (`dist-`), one retention curve
 * per retention metric (`curve-`), a histogram per quantiles metric (`hist-`), per key-driver analysis its
 * importance bars (`drivers-`) and importance–performance map (`quadrant-`), and one sample-vs-population
 * dumbbell per benchmark (`audit-`).
 */
import type { Codebook } from '../codebook/schema.ts';
import { sections } from '../codebook/schema.ts';
import { text } from './i18n.ts';
import { accountingChart } from './accounting-chart.ts';
import { chartText, chartTexts, subtitleLines } from './chart-text.ts';
import { curveChart } from './curve-chart.ts';
import { dumbbellChart } from './dumbbell-chart.ts';
import { forestChart } from './forest-chart.ts';
import { histogramChart } from './histogram-chart.ts';
import { likertChart, type LikertRow } from './likert-chart.ts';
import { npsChart } from './nps-chart.ts';
import { shareChart, type ShareBar } from './share-chart.ts';
import type { MetricResult } from '../model/metric-result.ts';
import { kindOf } from '../stats/kinds/index.ts';
import type { WeightingDiagnostics } from '../model/weighting-diagnostics.ts';
import type { AuditVariable } from '../model/audit.ts';
import type { BreakdownResult } from '../model/breakdown-result.ts';
import type { DesignDiagnostics } from '../model/design-diagnostics.ts';
import type { DriverResult } from '../model/driver-result.ts';
import { quadrantChart } from './quadrant-chart.ts';
import { isOrdinal } from '../codebook/ordinal-question.ts';

export interface ChartSpec {
  /** File stem under `charts/`: the section name, or `dist-<metric id>`. */
  name: string;
  title: string;
  spec: Record<string, unknown>;
}

/** Inputs of the charts beyond the metrics: likert answer counts (by question id), breakdowns and the row accounting. */
export interface ChartExtras {
  likertCounts?: ReadonlyMap<string, readonly number[]>;
  breakdowns?: readonly BreakdownResult[];
  accounting?: { rowsRead: number; accepted: number; filtered?: number; byRule: Record<string, number> };
  /** With a sampling design: the estimates are design-based even without weighting. */
  design?: DesignDiagnostics;
  /** With weighting: the weighted shares of each likert question's options (the likert chart shows them). */
  weightedShares?: ReadonlyMap<string, readonly (number | null)[]>;
  /** Key-driver analyses: an importance bar chart and an importance–performance map each. */
  drivers?: readonly DriverResult[];
}

export function chartSpecs(
  codebook: Codebook,
  metrics: readonly MetricResult[],
  weighting?: WeightingDiagnostics,
  audit?: readonly AuditVariable[],
  extras: ChartExtras = {},
): ChartSpec[] {
  const t = text(codebook.language);
  const charts: ChartSpec[] = [];
  for (const section of sections) {
    const shares = metrics.filter((m) => m.section === section && kindOf(m.kind).charts.includes('section'));
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
        subtitle: caption(codebook, n, weighting, true, extras.design),
        axisTitle: t.share,
        sortByEstimate: false,
      }),
    });
  }
  for (const metric of metrics) {
    const { charts: roles } = kindOf(metric.kind);
    const curve = roles.includes('curve');
    if ((!curve && !roles.includes('options')) || metric.groups === undefined || metric.n === 0) continue;
    if (metric.groups.every((g) => g.estimate === null)) continue;
    const bars = metric.groups.flatMap((g): ShareBar[] =>
      g.estimate === null || g.ci === null ? [] : [{ label: g.value, estimate: g.estimate, low: g.ci[0], high: g.ci[1], n: g.n }],
    );
    const subtitle = caption(codebook, String(metric.n), weighting, true, extras.design);
    // A retention curve is a line over the levels in their order, its interval a band; a distribution's options
    // sort by share, but ordered answers (a scale, bins, a rating's values, ordered choices) keep their order.
    const question = codebook.questions.find((q) => q.id === metric.question);
    const ordered = question !== undefined && isOrdinal(question);
    charts.push(
      curve
        ? { name: `curve-${metric.id}`, title: metric.label, spec: curveChart(bars.map((b) => ({ level: b.label, estimate: b.estimate, low: b.low, high: b.high, n: b.n })), { title: metric.label, subtitle, axisTitle: t.share }) }
        : { name: `dist-${metric.id}`, title: metric.label, spec: shareChart(bars, { title: metric.label, subtitle, axisTitle: t.share, sortByEstimate: !ordered }) },
    );
  }
  for (const metric of metrics) {
    if (!kindOf(metric.kind).charts.includes('histogram') || metric.histogram === undefined || metric.histogram.length === 0) continue;
    const median = metric.groups?.find((g) => g.p === 0.5 && g.estimate !== null);
    const question = codebook.questions.find((q) => q.id === metric.question);
    charts.push({
      name: `hist-${metric.id}`,
      title: metric.label,
      spec: histogramChart(metric.histogram, {
        title: metric.label,
        subtitle: caption(codebook, String(metric.n), weighting, false, extras.design),
        valueTitle: question?.label ?? question?.column ?? metric.question,
        shareTitle: t.share,
        ...(median?.estimate === null || median?.estimate === undefined ? {} : { median: { value: median.estimate, label: t.median(kindOf(metric.kind).format(median.estimate)) } }),
      }),
    });
  }
  // Likert answers as diverging bars, one chart per answer scale (questions sharing a scale share a chart).
  // Weighted, the shares are the weighted ones (so they match the weighted tables), and the subtitle says so.
  const scales = new Map<string, { options: string[]; rows: LikertRow[]; first: string }>();
  codebook.questions.forEach((q) => {
    const counts = extras.likertCounts?.get(q.id);
    if (q.type !== 'likert' || counts === undefined || counts.every((c) => c === 0)) return;
    const key = JSON.stringify(q.options);
    const scale = scales.get(key) ?? { options: q.options, rows: [], first: q.id };
    const weighted = weighting === undefined ? undefined : extras.weightedShares?.get(q.id);
    const shares = weighted?.every((share) => share !== null) === true ? (weighted as number[]) : undefined;
    scale.rows.push({ question: q.label ?? q.column ?? q.id, options: q.options, counts: [...counts], ...(shares === undefined ? {} : { shares: [...shares] }) });
    scales.set(key, scale);
  });
  for (const scale of scales.values()) {
    const n = Math.max(...scale.rows.map((r) => r.counts.reduce((a, b) => a + b, 0)));
    const weighted = scale.rows.every((row) => row.shares !== undefined) && weighting !== undefined;
    const subtitle = weighted ? `n = ${n}${codebook.language === 'zh' ? '；' : '; '}${weightingText(codebook, weighting)}` : `n = ${n}`;
    charts.push({
      name: `likert-${scale.first}`,
      title: t.likertTitle,
      spec: likertChart(scale.rows, { title: t.likertTitle, subtitle, axisTitle: t.share }),
    });
  }
  for (const metric of metrics) {
    if (!kindOf(metric.kind).charts.includes('nps') || metric.estimate === null || metric.promoters === undefined) continue;
    const ci = metric.ci === null ? '' : ` (${metric.ci[0].toFixed(1)} – ${metric.ci[1].toFixed(1)})`;
    charts.push({
      name: `nps-${metric.id}`,
      title: metric.label,
      spec: npsChart(
        { detractors: metric.detractors ?? 0, passives: metric.passives ?? 0, promoters: metric.promoters },
        t.npsParts,
        { title: `${metric.label}: ${metric.estimate.toFixed(1)}${ci}`, subtitle: caption(codebook, String(metric.n), weighting, true, extras.design), axisTitle: t.share },
      ),
    });
  }
  for (const breakdown of extras.breakdowns ?? []) {
    const metric = metrics.find((m) => m.id === breakdown.metric);
    if (metric === undefined) continue;
    const rows = breakdown.groups.flatMap((g) =>
      g.estimate === null || g.ci === null || g.flags.includes('suppressed')
        ? []
        : [{ group: g.value, estimate: g.estimate, low: g.ci[0], high: g.ci[1], n: g.n, small: g.flags.includes('small-cell'), significant: g.significant === true }],
    );
    if (rows.length === 0) continue;
    const by = codebook.questions.find((q) => q.id === breakdown.by);
    const title = t.forestTitle(metric.label, by?.label ?? breakdown.by);
    const scale = kindOf(metric.kind).scale;
    charts.push({
      name: `forest-${breakdown.by}-${breakdown.metric}`,
      title,
      spec: forestChart(rows, metric.estimate, {
        title,
        subtitle: caption(codebook, String(metric.n), weighting, true, extras.design),
        axisTitle: scale === 'share' ? t.share : metric.label,
        percent: scale === 'share',
        differs: t.differs,
        same: t.same,
      }),
    });
  }
  for (const analysis of extras.drivers ?? []) charts.push(...driverCharts(codebook, analysis));
  if (extras.accounting !== undefined) {
    const { rowsRead, accepted, filtered = 0, byRule } = extras.accounting;
    charts.push({
      name: 'accounting',
      title: t.accountingTitle,
      spec: accountingChart(
        [
          { label: t.rowsRead, count: rowsRead, kind: 'read' },
          { label: t.acceptedRows, count: accepted, kind: 'accepted' },
          ...(filtered > 0 ? [{ label: t.filteredRows, count: filtered, kind: 'read' as const }] : []),
          ...Object.entries(byRule).map(([rule, count]) => ({ label: rule, count, kind: 'rule' as const })),
        ],
        { title: t.accountingTitle, subtitle: filtered > 0 ? t.accountingCaptionFiltered : t.accountingCaption, axisTitle: t.rows },
      ),
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
  return charts.map((chart) => ({ ...chart, title: chartText(chart.title), spec: chartTexts(wrapSubtitle(chart.spec)) }));
}

/** A key-driver analysis's importance bars (LMG as shares of R², with intervals) and its importance–performance map. */
function driverCharts(codebook: Codebook, analysis: DriverResult): ChartSpec[] {
  const t = text(codebook.language);
  const { r2 } = analysis;
  if (r2 === null || !(r2 > 0)) return [];
  const weighting = analysis.weighted ? t.driversWeighted(analysis.effectiveN) : t.unweighted;
  const drivers = analysis.drivers.flatMap((d) => (d.lmgShare === null ? [] : [{ ...d, share: d.lmgShare }]));
  const title = t.driversTitle(analysis.label);
  const { bootstrap } = analysis;
  const intervals = bootstrap === null ? t.driversNoIntervals(analysis.bootstrapSkipped) : t.driversIntervals(bootstrap.level, bootstrap.replicates);
  const bars = drivers.map((d) => ({ label: d.label, estimate: d.share, low: d.lmgShareCi?.[0] ?? d.share, high: d.lmgShareCi?.[1] ?? d.share, n: analysis.n }));
  // Shares of R² rarely come near 100%: the axis ends at the next 10% above the widest interval.
  const top = Math.min(1, Math.ceil(Math.max(...bars.map((b) => b.high)) * 10 + 1e-9) / 10);
  const charts: ChartSpec[] = [
    {
      name: `drivers-${analysis.id}`,
      title,
      spec: shareChart(bars, {
        title,
        subtitle: t.driversCaption(r2.toFixed(2), analysis.n, intervals, weighting),
        axisTitle: t.driversAxis,
        sortByEstimate: true,
        domain: [0, Math.max(0.1, top)],
      }),
    },
  ];
  const points = drivers.flatMap((d) =>
    d.mean === null || d.scale === null || !(d.scale[1] > d.scale[0])
      ? []
      : [{ label: d.label, importance: d.share, performance: (d.mean - d.scale[0]) / (d.scale[1] - d.scale[0]), mean: `${d.mean.toFixed(2)} (${d.scale[0]}–${d.scale[1]})` }],
  );
  // A map needs points to place against each other.
  if (points.length < 2) return charts;
  const quadrantTitle = t.quadrantTitle(analysis.label);
  charts.push({
    name: `quadrant-${analysis.id}`,
    title: quadrantTitle,
    spec: quadrantChart(points, {
      title: quadrantTitle,
      subtitle: t.quadrantCaption(analysis.n, weighting),
      importanceTitle: t.importance,
      performanceTitle: t.performance,
      quadrants: t.quadrants,
    }),
  });
  return charts;
}

/** A spec whose subtitle is too wide for one line gets it as lines (chart-text.ts subtitleLines). */
function wrapSubtitle(spec: Record<string, unknown>): Record<string, unknown> {
  const title = spec.title as { text?: unknown; subtitle?: unknown } | undefined;
  if (typeof title?.subtitle !== 'string') return spec;
  return { ...spec, title: { ...title, subtitle: subtitleLines(title.subtitle) } };
}

/** How a weighted chart is weighted, in words: `weighted (rake: industry, gender; effective n 312)`. */
function weightingText(codebook: Codebook, weighting: WeightingDiagnostics): string {
  const by = weighting.by.map((id) => codebook.questions.find((q) => q.id === id)?.label ?? id).join(codebook.language === 'zh' ? '、' : ', ');
  return text(codebook.language).weighted(weighting.method, by, weighting.nEffective);
}

/** A chart's subtitle: n, what its error bars are (when it has them), its weighting and its data. */
function caption(codebook: Codebook, n: string, weighting: WeightingDiagnostics | undefined, intervals = true, design?: DesignDiagnostics): string {
  const t = text(codebook.language);
  const source = t.source(codebook.title, codebook.fielded === undefined ? '' : `${codebook.fielded.start} – ${codebook.fielded.end}`);
  const unweighted = design === undefined ? t.unweighted : t.designBased(design.weightsFromFpc);
  const weighted = weighting === undefined ? unweighted : weightingText(codebook, weighting);
  return `${intervals ? t.caption(n, codebook.confidence, weighted) : t.histogramCaption(n, weighted)}${source}`;
}
