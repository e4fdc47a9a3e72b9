/**
 * The charts of a report, as named Vega-Lite specs: one share chart per report section that has share
 * metrics (proportion, top-box, pmf, retention overall), one per distribution (`dist-`), one retention curve
 * per retention metric (`curve-`), a histogram per quantiles metric (`hist-`), per key-driver analysis its
 * importance bars (`drivers-`) and importance–performance map (`quadrant-`), and one sample-vs-population
 * dumbbell per benchmark (`audit-`).
 */
import type { Codebook } from '../codebook/schema.ts';
import { sections } from '../codebook/schema.ts';
import { outcomeName, questionLabel, questionName } from '../codebook/question-label.ts';
import { text } from './i18n.ts';
import { accountingChart } from './accounting-chart.ts';
import { chartText, chartTexts, fitText, straightQuotes, subtitleLines, titleLines } from './chart-text.ts';

/** The widest an importance map's point label may run, in pixels: a long question would squeeze the map. */
const POINT_LABEL_WIDTH = 160;
import { withoutBidiControls } from '../util/inert-text.ts';
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
import { fixFirstOf, quadrantChart } from './quadrant-chart.ts';
import { isOrdinal } from '../codebook/ordinal-question.ts';
import { barWords, largest, leaders, listed, percent, PERCENT, valueFormatOf, withInterval, words, type ChartWords } from './chart-summary.ts';
import { fixed } from '../util/fixed.ts';

export interface ChartSpec extends ChartWords {
  /** File stem under `charts/`: the section name, or `dist-<metric id>`. */
  name: string;
  title: string;
  spec: Record<string, unknown>;
  /** The subtitle as one line (the spec's may be wrapped into lines): n, intervals, weighting, data. */
  caption: string;
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
  const { language } = codebook;
  const t = text(language);
  const w = words(language);
  const charts: Omit<ChartSpec, 'caption'>[] = [];
  for (const section of sections) {
    const shares = metrics.filter((m) => m.section === section && kindOf(m.kind).charts.includes('section'));
    const bars = shares.flatMap((m): ShareBar[] =>
      m.estimate === null || m.ci === null ? [] : [{ label: m.label, estimate: m.estimate, low: m.ci[0], high: m.ci[1], n: m.n }],
    );
    if (bars.length === 0) continue;
    const title = t.sections[section];
    const nRange = [...new Set(bars.map((bar) => bar.n))].sort((a, b) => a - b);
    const n = nRange.length === 1 ? String(nRange[0]) : `${nRange[0]}–${nRange[nRange.length - 1]}`;
    const lead = (bar: ShareBar): string => w.labelled(bar.label, withInterval(language, bar, PERCENT, 0));
    charts.push({
      name: section,
      title,
      ...barWords(language, title, bars, PERCENT, () => bars.slice(0, 2).map(lead).join(language === 'zh' ? '；' : '; ')),
      spec: shareChart(bars, {
        title,
        subtitle: caption(codebook, n, weighting, 'bars', extras.design, effectiveN(shares.filter((m) => m.estimate !== null).map((m) => m.nEffective))),
        axisTitle: t.share,
        theme: codebook.theme,
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
    const subtitle = caption(codebook, String(metric.n), weighting, curve ? 'band' : 'bars', extras.design, effectiveN([metric.nEffective]));
    // A retention curve is a line over the levels in their order, its interval a band; a distribution's options
    // sort by share, but ordered answers (a scale, bins, a rating's values, ordered choices) keep their order.
    const question = codebook.questions.find((q) => q.id === metric.question);
    const ordered = question !== undefined && isOrdinal(question);
    if (curve) {
      const [first, last] = [bars[0], bars[bars.length - 1]];
      const at = (bar: ShareBar): string => `${bar.label} ${percent(bar.estimate, 0)}`;
      charts.push({
        name: `curve-${metric.id}`,
        title: metric.label,
        alt: w.sentence(w.curve, metric.label, listed(language, bars.map((bar) => `${bar.label} ${withInterval(language, bar, PERCENT)}`))),
        headline: first === undefined || last === undefined ? metric.label : w.curveHeadline(at(first), at(last)),
        spec: curveChart(bars.map((b) => ({ level: b.label, estimate: b.estimate, low: b.low, high: b.high, n: b.n })), { title: metric.label, subtitle, axisTitle: t.share, theme: codebook.theme }),
      });
      continue;
    }
    const shown = ordered ? bars : [...bars].sort((a, b) => b.estimate - a.estimate);
    // Options tied for the most chosen are all named.
    const tops = leaders(bars, (bar) => bar.estimate);
    const top = tops[0];
    charts.push({
      name: `dist-${metric.id}`,
      title: metric.label,
      ...barWords(language, metric.label, shown, PERCENT, () => (top === undefined ? metric.label : (ordered ? w.mostCommon : w.mostChosen)(tops.map((b) => b.label).join(w.and), `${withInterval(language, top, PERCENT, 0)}${tops.length > 1 ? w.each : ''}`))),
      spec: shareChart(shown, { title: metric.label, subtitle, axisTitle: t.share, theme: codebook.theme, sortByEstimate: false }),
    });
  }
  for (const metric of metrics) {
    if (!kindOf(metric.kind).charts.includes('histogram') || metric.histogram === undefined || metric.histogram.length === 0) continue;
    const median = metric.groups?.find((g) => g.p === 0.5 && g.estimate !== null);
    const { format } = kindOf(metric.kind);
    const medianText = median?.estimate === null || median?.estimate === undefined ? '' : format(median.estimate);
    const medianCi = median?.ci === null || median?.ci === undefined || median.estimate === null ? '' : withInterval(language, { label: '', estimate: median.estimate, low: median.ci[0], high: median.ci[1] }, { percent: false, format });
    charts.push({
      name: `hist-${metric.id}`,
      title: metric.label,
      alt: w.sentence(w.histogram, metric.label, w.histogramAlt(metric.n, metric.histogram.length, medianText)),
      headline: medianText === '' ? metric.label : w.median(medianCi === '' ? medianText : medianCi, metric.n),
      spec: histogramChart(metric.histogram, {
        title: metric.label,
        // No effective n here: a quantile's interval is Woodruff's, and its `nEffective` is n.
        subtitle: histogramCaption(codebook, String(metric.n), weightingOf(codebook, weighting, extras.design)),
        valueTitle: questionName(codebook, metric.question),
        shareTitle: t.share,
        theme: codebook.theme,
        ...(median?.estimate === null || median?.estimate === undefined ? {} : { median: { value: median.estimate, label: t.median(medianText) } }),
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
    const ns = scale.rows.map((r) => r.counts.reduce((a, b) => a + b, 0));
    const [fewest, most] = [Math.min(...ns), Math.max(...ns)];
    const weighted = scale.rows.every((row) => row.shares !== undefined) && weighting !== undefined;
    const subtitle = t.likertCaption(fewest === most ? String(most) : `${fewest}–${most}`, weighted ? weightingText(codebook, weighting) : t.unweighted) + source(codebook);
    // A chart of one question is titled by it.
    const only = scale.rows.length === 1 ? scale.rows[0]?.question : undefined;
    const title = only ?? t.likertTitle;
    // A row's top end: its top answer, or its top two on a scale of four or more. Named, not called favourable:
    // on some scales (pain, effort) the top is the bad end.
    const shares = (row: LikertRow): number[] => row.shares ?? row.counts.map((c) => c / Math.max(1, row.counts.reduce((a, b) => a + b, 0)));
    const topOf = (row: LikertRow): number => (row.options.length >= 4 ? 2 : 1);
    const topShare = (row: LikertRow): number => shares(row).slice(-topOf(row)).reduce((a, b) => a + b, 0);
    const best = largest(scale.rows, topShare);
    charts.push({
      name: `likert-${scale.first}`,
      title,
      alt: w.sentence(w.likert, title, listed(language, scale.rows.map((row) => w.likertValues(row.question, row.options.map((option, i) => `${option} ${percent(shares(row)[i] ?? 0, 1)}`).join(w.list))))),
      headline: best === undefined ? title : (scale.rows.length === 1 ? w.likertOne : w.likertTop)(best.question, percent(topShare(best), 0), best.options.slice(-topOf(best))),
      spec: likertChart(scale.rows, { title, subtitle, axisTitle: t.share, theme: codebook.theme }),
    });
  }
  for (const metric of metrics) {
    if (!kindOf(metric.kind).charts.includes('nps') || metric.estimate === null || metric.promoters === undefined) continue;
    const ci = metric.ci === null ? '' : ` (${fixed(metric.ci[0], 1)} – ${fixed(metric.ci[1], 1)})`;
    const parts = { detractors: metric.detractors ?? 0, passives: metric.passives ?? 0, promoters: metric.promoters };
    const score = metric.ci === null ? fixed(metric.estimate, 0) : withInterval(language, { label: metric.label, estimate: metric.estimate, low: metric.ci[0], high: metric.ci[1] }, { percent: false, format: (v) => fixed(v, 0) });
    charts.push({
      name: `nps-${metric.id}`,
      title: metric.label,
      alt: w.sentence(w.bars, metric.label, `NPS ${fixed(metric.estimate, 1)}${w.list}${w.npsAlt(percent(parts.promoters, 1), percent(parts.passives, 1), percent(parts.detractors, 1))}`),
      headline: w.nps(score, percent(parts.promoters, 0), percent(parts.detractors, 0)),
      spec: npsChart(
        parts,
        t.npsParts,
        { title: `${metric.label}: ${fixed(metric.estimate, 1)}${ci}`, subtitle: caption(codebook, String(metric.n), weighting, metric.ci === null ? 'none' : 'title', extras.design, effectiveN([metric.nEffective])), axisTitle: t.share, theme: codebook.theme },
      ),
    });
  }
  for (const breakdown of extras.breakdowns ?? []) {
    const metric = metrics.find((m) => m.id === breakdown.metric);
    if (metric === undefined) continue;
    const hidden = breakdown.groups.filter((g) => g.n > 0 && (g.estimate === null || g.ci === null || g.flags.includes('suppressed')));
    const rows = breakdown.groups.flatMap((g) =>
      g.estimate === null || g.ci === null || g.flags.includes('suppressed')
        ? []
        : [{ group: g.value, estimate: g.estimate, low: g.ci[0], high: g.ci[1], n: g.n, small: g.flags.includes('small-cell'), significant: g.significant === true }],
    );
    if (rows.length === 0) continue;
    const byLabel = questionLabel(codebook, breakdown.by);
    const title = t.forestTitle(metric.label, byLabel);
    const kind = kindOf(metric.kind);
    const { scale, format } = kind;
    const valueFormat = valueFormatOf(kind);
    const shownValue = (value: number): string => (scale === 'share' ? percent(value, 0) : format(value));
    const overall = metric.estimate;
    // The group that differs most, among groups that are not small when there are such; with more than two
    // groups, how many differ is said too (with two, each against the rest is one comparison).
    const differ = rows.filter((r) => r.significant);
    const solid = differ.filter((r) => !r.small);
    const differing = largest(solid.length > 0 ? solid : differ, (r) => Math.abs(r.estimate - (overall ?? r.estimate)));
    const smallCell = codebook.breakdowns.find((b) => b.by === breakdown.by && b.metrics.includes(breakdown.metric))?.smallCell ?? 30;
    const items = rows.map((r) => `${r.group} ${withInterval(language, { ...r, label: r.group }, valueFormat)}`);
    charts.push({
      name: `forest-${breakdown.by}-${breakdown.metric}`,
      title,
      alt: w.sentence(w.dots, title, `${listed(language, items)}${overall === null ? '' : `${w.list}${w.overall(format(overall))}`}`),
      headline:
        differing === undefined
          ? w.noDifference(byLabel)
          : w.differs(differing.group, differing.n, withInterval(language, { ...differing, label: differing.group }, valueFormat, 0), overall === null ? '—' : shownValue(overall), rows.length > 2 ? differ.length : 1),
      spec: forestChart(rows, metric.estimate, {
        title,
        // What is faded and what is left out, said.
        subtitle: [
          caption(codebook, String(metric.n), weighting, 'bars', extras.design, effectiveN([metric.nEffective])),
          ...(rows.some((r) => r.small) ? [t.faded(smallCell)] : []),
          ...(hidden.length === 0 ? [] : [t.notShown(hidden.map((g) => `${g.value} (n=${g.n})`).join(language === 'zh' ? '、' : ', '))]),
        ].join(language === 'zh' ? '；' : '; '),
        axisTitle: scale === 'share' ? t.share : metric.label,
        percent: scale === 'share',
        differs: t.differs,
        same: t.same,
        theme: codebook.theme,
      }),
    });
  }
  for (const analysis of extras.drivers ?? []) charts.push(...driverCharts(codebook, analysis));
  if (extras.accounting !== undefined) {
    const { rowsRead, accepted, filtered = 0, byRule } = extras.accounting;
    const quarantined = rowsRead - accepted - filtered;
    // Rules in words; a row can break several, so their total comes first.
    const ruleName = (rule: string): string => t.ruleNames[rule] ?? rule;
    const bars = [
      { label: t.rowsRead, count: rowsRead, kind: 'read' as const },
      { label: t.acceptedRows, count: accepted, kind: 'accepted' as const },
      ...(filtered > 0 ? [{ label: t.filteredRows, count: filtered, kind: 'read' as const }] : []),
      ...(quarantined > 0 ? [{ label: t.quarantinedRows, count: quarantined, kind: 'rule' as const }] : []),
      ...Object.entries(byRule).map(([rule, count]) => ({ label: ruleName(rule), count, kind: 'rule' as const })),
    ];
    const counts = bars.map((bar) => w.count(bar.label, bar.count));
    charts.push({
      name: 'accounting',
      title: t.accountingTitle,
      alt: w.sentence(w.bars, t.accountingTitle, listed(language, counts)),
      headline: w.accounting(accepted, rowsRead, percent(rowsRead === 0 ? 0 : accepted / rowsRead, 1), quarantined),
      spec: accountingChart(
        bars,
        { title: t.accountingTitle, subtitle: filtered > 0 ? t.accountingCaptionFiltered : t.accountingCaption, axisTitle: t.rows, theme: codebook.theme },
      ),
    });
  }
  for (const variable of audit ?? []) {
    if (variable.n === 0) continue;
    const title = t.auditTitle(questionLabel(codebook, variable.question));
    const pairs = Object.entries(variable.sample).map(([category, sample]) => ({ category, sample, population: variable.population[category] ?? 0 }));
    // Of two equal gaps (a question of two answers has nothing else), the over-represented answer.
    const gap = largest(pairs, (p) => Math.abs(p.sample - p.population) + (p.sample > p.population ? 1e-12 : 0));
    charts.push({
      name: `audit-${variable.question}`,
      title,
      alt: w.sentence(w.dumbbell, title, listed(language, pairs.map((p) => w.pair(p.category, percent(p.sample, 1), percent(p.population, 1))))),
      headline: gap === undefined ? title : w.gap(gap.category, percent(gap.sample, 0), percent(gap.population, 0)),
      spec: dumbbellChart(
        pairs,
        { title, subtitle: `${t.auditCaption(variable.n, variable.source)}${weighting === undefined && extras.design === undefined ? '' : `${language === 'zh' ? '；' : '; '}${t.sampleUnweighted}`}`, sampleLabel: t.sampleLabel, populationLabel: t.populationLabel, axisTitle: t.share, theme: codebook.theme },
      ),
    });
  }
  const drawnTexts = (spec: Record<string, unknown>): Record<string, unknown> => (language === 'en' ? straightQuotes(chartTexts(spec)) : chartTexts(spec));
  // Every chart has its alt text as its description (not cut as the drawn texts are: it is for reading, and
  // lists at most a dozen values).
  return charts.map((chart) => ({
    ...chart,
    caption: chartText(String((chart.spec.title as { subtitle?: unknown } | undefined)?.subtitle ?? '')),
    title: chartText(chart.title),
    alt: withoutBidiControls(chart.alt),
    headline: chartText(chart.headline),
    spec: { ...drawnTexts(wrapTitles(chart.spec)), description: withoutBidiControls(chart.alt) },
  }));
}

/** A key-driver analysis's importance bars (LMG as shares of R², with intervals) and its importance–performance map. */
function driverCharts(codebook: Codebook, analysis: DriverResult): Omit<ChartSpec, 'caption'>[] {
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
  const sorted = [...bars].sort((a, b) => b.estimate - a.estimate);
  const w = words(codebook.language);
  const charts: Omit<ChartSpec, 'caption'>[] = [
    {
      name: `drivers-${analysis.id}`,
      title,
      ...barWords(codebook.language, title, sorted, PERCENT, (lead) =>
        w.topDriver(lead.label, outcomeName(codebook, analysis.outcome), lead.low === lead.high ? percent(lead.estimate, 0) : withInterval(codebook.language, lead, PERCENT, 0)),
      ),
      spec: shareChart(sorted, {
        title,
        subtitle: t.driversCaption(fixed(r2, 2), analysis.n, intervals, weighting),
        axisTitle: t.driversAxis,
        theme: codebook.theme,
        sortByEstimate: false,
        domain: [0, Math.max(0.1, top)],
      }),
    },
  ];
  // A driver that goes with a lower outcome has no good end to its scale: a high mean is not good
  // performance there, so the map leaves it out and says so.
  const reversed = drivers.filter((d) => d.pearson !== null && d.pearson.r < 0);
  const points = drivers.flatMap((d) =>
    d.mean === null || d.scale === null || !(d.scale[1] > d.scale[0]) || reversed.includes(d)
      ? []
      : [{ label: fitText(d.label, POINT_LABEL_WIDTH, 11), importance: d.share, performance: (d.mean - d.scale[0]) / (d.scale[1] - d.scale[0]), mean: `${fixed(d.mean, 2)} (${d.scale[0]}–${d.scale[1]})` }],
  );
  // A map needs points to place against each other.
  if (points.length < 2) return charts;
  const quadrantTitle = t.quadrantTitle(analysis.label);
  const fixFirst = fixFirstOf(points).map((p) => p.label);
  charts.push({
    name: `quadrant-${analysis.id}`,
    title: quadrantTitle,
    alt: w.sentence(w.map, quadrantTitle, listed(codebook.language, points.map((p) => w.point(p.label, percent(p.importance, 1), percent(p.performance, 1))))),
    headline: fixFirst.length === 0 ? w.noFixFirst : w.fixFirst(fixFirst.join(w.list)),
    spec: quadrantChart(points, {
      title: quadrantTitle,
      subtitle: `${t.quadrantCaption(analysis.n, weighting)}${reversed.length === 0 ? '' : `${codebook.language === 'zh' ? '；' : '; '}${t.quadrantLeftOut(reversed.map((d) => d.label).join(codebook.language === 'zh' ? '、' : ', '))}`}`,
      importanceTitle: t.importance,
      performanceTitle: t.performance,
      quadrants: t.quadrants,
      theme: codebook.theme,
    }),
  });
  return charts;
}

/** What a driver analysis explains, as a reader knows it: its metric's label, or its (or its metric's) question by name. */
/** A spec whose title or subtitle is too wide for one line gets it as lines (chart-text.ts titleLines, subtitleLines). */
function wrapTitles(spec: Record<string, unknown>): Record<string, unknown> {
  const title = spec.title as { text?: unknown; subtitle?: unknown } | undefined;
  if (title === undefined) return spec;
  return {
    ...spec,
    title: {
      ...title,
      ...(typeof title.text === 'string' ? { text: titleLines(title.text) } : {}),
      ...(typeof title.subtitle === 'string' ? { subtitle: subtitleLines(title.subtitle) } : {}),
    },
  };
}

/**
 * How a weighted chart is weighted, in words: `weighted (rake: industry, gender; effective n 312)`, the
 * effective n being the chart's own (its estimates' effective n, or their range), none when not given.
 */
function weightingText(codebook: Codebook, weighting: WeightingDiagnostics, nEffective?: string): string {
  const t = text(codebook.language);
  const by = weighting.by.map((id) => questionLabel(codebook, id)).join(codebook.language === 'zh' ? '、' : ', ');
  const how = weighting.method === 'column' ? t.weightColumn(codebook.weighting.column ?? '') : t.methods[weighting.method];
  return t.weighted(how, by, nEffective);
}

/** The effective n of a chart's estimates as its subtitle says it: `86` or `78–92`. */
function effectiveN(values: readonly number[]): string | undefined {
  const rounded = [...new Set(values.filter((v) => Number.isFinite(v)).map((v) => Math.round(v)))].sort((a, b) => a - b);
  if (rounded.length === 0) return undefined;
  return rounded.length === 1 ? String(rounded[0]) : `${rounded[0]}–${rounded[rounded.length - 1]}`;
}

/** What a chart's estimates are, weighting-wise: unweighted, design-based, weighted, or both. */
function weightingOf(codebook: Codebook, weighting: WeightingDiagnostics | undefined, design: DesignDiagnostics | undefined, nEffective?: string): string {
  const t = text(codebook.language);
  if (weighting === undefined) return design === undefined ? t.unweighted : t.designBased(design.weightsFromFpc);
  const weighted = weightingText(codebook, weighting, nEffective);
  return design === undefined ? weighted : t.designWeighted(weighted);
}

/** A chart's subtitle: n, what its error bars or band are (when it has them), its weighting and its data. */
function caption(codebook: Codebook, n: string, weighting: WeightingDiagnostics | undefined, intervals: Intervals, design?: DesignDiagnostics, nEffective?: string): string {
  const t = text(codebook.language);
  const weighted = weightingOf(codebook, weighting, design, nEffective);
  const what = { bars: t.caption, band: t.bandCaption, title: t.titleCaption, none: (count: string, _level: number, weights: string) => `n = ${count}${codebook.language === 'zh' ? '；' : '; '}${weights}` }[intervals];
  return `${what(n, codebook.confidence, weighted)}${source(codebook)}`;
}

/** A histogram's subtitle: n, what its bars are, its weighting and its data. */
function histogramCaption(codebook: Codebook, n: string, weighted: string): string {
  return `${text(codebook.language).histogramCaption(n, weighted)}${source(codebook)}`;
}

/** How a chart shows its intervals: error bars, a band, in its title, or not at all. */
type Intervals = 'bars' | 'band' | 'title' | 'none';

/** A caption's last part: the survey and its fieldwork dates. */
function source(codebook: Codebook): string {
  return text(codebook.language).source(codebook.title, codebook.fielded === undefined ? '' : `${codebook.fielded.start} – ${codebook.fielded.end}`);
}
