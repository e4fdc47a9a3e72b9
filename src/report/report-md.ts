/**
 * `report.md`: sections retention / satisfaction / usage / other, then breakdowns, the audit and data
 * quality; every metric with estimate, interval and n; charts embedded by relative path; flags as
 * call-outs. Every label is escaped.
 */
import type { Codebook } from '../codebook/schema.ts';
import { sections } from '../codebook/schema.ts';
import type { ChartSpec } from '../render/chart-specs.ts';
import { questionLabel } from '../codebook/question-label.ts';
import { chartImage } from './chart-image.ts';
import { findingsWords, keyFindings, trustNotes } from './key-findings.ts';
import { methodLines, type Method } from './method-lines.ts';
import { escapeMarkdown as esc } from './escape-markdown.ts';
import { formatP, formatPercent, formatSigned } from './format-number.ts';
import { reportText } from './report-text.ts';
import { driversMarkdown } from './drivers-md.ts';
import { reliabilityMarkdown } from './reliability-md.ts';
import { tableMarkdown } from './table-md.ts';
import { tableText } from './table-text.ts';
import type { GroupResult, MetricResult } from '../model/metric-result.ts';
import type { TestResult } from '../model/test-result.ts';
import { kindOf } from '../stats/kinds/index.ts';
import type { WeightingDiagnostics } from '../model/weighting-diagnostics.ts';
import type { Stats } from '../model/stats.ts';
import type { ValidationSummary } from '../model/validation.ts';
import { fixed } from '../util/fixed.ts';

/** A text question's quoted answers (`quotes` in the codebook), already masked. */
export interface QuotedAnswers {
  question: string;
  answers: readonly { row: number; text: string }[];
  /** Respondents who answered it at all. */
  answered: number;
}

export function reportMarkdown(
  codebook: Codebook,
  stats: Stats,
  validation: ValidationSummary,
  charts: readonly ChartSpec[],
  method: Method,
  weighting?: WeightingDiagnostics,
  quotes: readonly QuotedAnswers[] = [],
): string {
  const t = reportText(codebook.language);
  const lines: string[] = [`# ${esc(codebook.title)}`, ''];
  const facts = [
    ...(codebook.fielded === undefined ? [] : [`${t.fielded}: ${codebook.fielded.start} – ${codebook.fielded.end}`]),
    `${t.accepted}: ${stats.input.accepted} / ${stats.input.rowsRead}`,
    `${t.confidence}: ${Math.round(codebook.confidence * 100)}%`,
    `${t.weighting}: ${weighting === undefined ? (stats.design === undefined ? t.none : t.designWeights(stats.design.weightsFromFpc)) : esc(t.weightingFacts(weighting.method, weighting.by.map((id) => questionLabel(codebook, id)).join(', '), weighting.nEffective, weighting.designEffect, weighting.maxMinRatio))}`,
    ...(weighting === undefined || weighting.unweightable === 0 ? [] : [t.unweightableFact(weighting.unweightable)]),
    ...(stats.design === undefined ? [] : [`${t.design}: ${esc(t.designFacts(stats.design))}`]),
  ];
  lines.push(facts.map((fact) => `- ${fact}`).join('\n'), '');
  // What the survey found, then how far to trust it: every flag, most severe first, marked by a word and a sign.
  const f = findingsWords(codebook.language);
  const findings = keyFindings(codebook, stats);
  lines.push(`## ${f.findingsHeading}`, '', ...findings.map((finding) => `- ${sentence(finding.text)}`), '');
  lines.push(`## ${f.trustHeading}`, '');
  const notes = trustNotes(codebook, stats);
  for (const flag of notes) lines.push(`> **${t.severityMark[flag.severity]}**${codebook.language === 'zh' ? '：' : ': '}${esc(flag.message)}`, '');
  // No flag at all: the findings' last sentence says the sample matches its benchmarks, here too.
  if (notes.length === 0) lines.push(sentence(findings[findings.length - 1]?.text ?? ''), '');

  // The likert charts go with satisfaction; without a satisfaction section, in a section of their own after the metrics.
  const likerts = charts.filter((c) => c.name.startsWith('likert-')).map((c) => chartImage(c));
  const satisfaction = stats.metrics.some((m) => m.section === 'satisfaction');
  for (const section of sections) {
    const metrics = stats.metrics.filter((m) => m.section === section);
    if (metrics.length === 0) continue;
    lines.push(`## ${t.sections[section]}`, '');
    const scalar = metrics.filter((m) => kindOf(m.kind).headline);
    if (scalar.length > 0) {
      lines.push(...metricTable(scalar, codebook.confidence, weighting !== undefined || stats.design !== undefined, t));
      const chart = charts.find((c) => c.name === section);
      if (chart !== undefined) lines.push(chartImage(chart), '');
      for (const m of scalar) lines.push(...metricDetails(m, codebook.confidence, charts, t));
    }
    if (section === 'satisfaction') for (const likert of likerts) lines.push(likert, '');
    for (const m of metrics.filter((m) => !kindOf(m.kind).headline)) {
      if (m.kind === 'quantiles') {
        lines.push(...quantileTable(m, codebook.confidence, charts, t));
        continue;
      }
      lines.push(`### ${esc(m.label)}`, '', `n = ${m.n}`, '');
      lines.push(`| ${t.option} | ${t.share} | ${t.interval(codebook.confidence)} | ${t.count} |`, '|---|---:|---:|---:|');
      for (const g of m.groups ?? []) lines.push(`| ${esc(g.value)} | ${value(m, g.estimate, t.noAnswers)} | ${interval(m, g.ci, t.noInterval)} | ${g.count ?? 0} |`);
      lines.push('');
      // A question the weighting calibrates to (untrimmed): its shares are the benchmark's, each interval a point.
      const fixed = weighting?.by.includes(m.question) === true && (m.groups ?? []).every((g) => g.ci !== null && g.ci[0] === g.ci[1]);
      if (fixed) lines.push(t.fixedByWeighting, '');
      const distChart = charts.find((c) => c.name === `dist-${m.id}`);
      if (distChart !== undefined) lines.push(chartImage(distChart), '');
    }
  }
  if (!satisfaction && likerts.length > 0) {
    lines.push(`## ${t.likertHeading}`, '');
    for (const likert of likerts) lines.push(likert, '');
  }

  lines.push(...weightingsTable(stats, codebook, t));

  if (stats.breakdowns.length > 0) {
    lines.push(`## ${t.sections.breakdowns}`, '');
    for (const b of stats.breakdowns) {
      const metric = stats.metrics.find((m) => m.id === b.metric);
      const by = codebook.questions.find((q) => q.id === b.by);
      if (metric === undefined) continue;
      lines.push(`### ${esc(t.breakdownTitle(metric.label, by?.label ?? b.by))}`, '');
      lines.push(...breakdownTable(t.group, metric, b.groups, codebook.confidence, t));
      if (b.test !== null) lines.push(t.overallTest(testText(b.test, t)), '');
      if ((b.otherTests ?? []).length > 0) lines.push(t.otherTests((b.otherTests ?? []).map((test) => testText(test, t)).join('; ')), '');
      // Two groups with answers, both tested, of a single-choice question (as markSignificant): each one
      // against the rest is the other against the rest.
      if (b.groups.filter((g) => g.n > 0).length === 2 && by?.type !== 'multi' && b.groups.filter((g) => g.pValue !== null && g.pValue !== undefined).length === 2) lines.push(t.oneComparison, '');
      const forest = charts.find((c) => c.name === `forest-${b.by}-${b.metric}`);
      if (forest !== undefined) lines.push(chartImage(forest), '');
    }
  }

  lines.push(...reliabilityMarkdown(stats.reliability ?? [], codebook.language, (id) => questionLabel(codebook, id)));
  lines.push(...driversMarkdown(stats.drivers ?? [], codebook.language, codebook.confidence, charts));

  const tables = stats.tables ?? [];
  if (tables.length > 0) {
    lines.push(`## ${tableText(codebook.language).heading}`, '');
    for (const table of tables) {
      lines.push(...tableMarkdown(table, codebook.language));
      lines.push(`[tables/${table.id}.xlsx](tables/${table.id}.xlsx) · [tables/${table.id}.csv](tables/${table.id}.csv)`, '');
    }
  }

  if (stats.audit.variables.length > 0) {
    lines.push(`## ${t.sections.audit}`, '');
    for (const v of stats.audit.variables) {
      const question = codebook.questions.find((q) => q.id === v.question);
      lines.push(`### ${esc(question?.label ?? v.question)}`, '');
      const weighted = v.weightedSample;
      lines.push(
        weighted === undefined ? `| ${t.option} | ${t.sample} | ${t.population} | ${t.difference} | ASMD |` : `| ${t.option} | ${t.sample} | ${t.weightedSample} | ${t.population} | ${t.difference} | ASMD |`,
        weighted === undefined ? '|---|---:|---:|---:|---:|' : '|---|---:|---:|---:|---:|---:|',
      );
      for (const [i, [option, share]] of Object.entries(v.sample).entries()) {
        const d = v.differences[i];
        const signed = (x: number): string => formatSigned(x, formatPercent);
        const difference = d === undefined ? '—' : `${signed(d.difference)}${d.ci === null ? '' : ` (${signed(d.ci[0])} – ${signed(d.ci[1])})`}`;
        const w = weighted === undefined ? '' : ` ${weighted[option] === null || weighted[option] === undefined ? '—' : formatPercent(weighted[option] ?? 0)} |`;
        lines.push(`| ${esc(option)} | ${formatPercent(share)} |${w} ${formatPercent(v.population[option] ?? 0)} | ${difference} | ${d?.asmd === null || d?.asmd === undefined ? '—' : fixed(d.asmd, 2)} |`);
      }
      const p = v.pValue === null ? 'p —' : formatP(v.pValue);
      const tvd = v.tvd === null ? '—' : fixed(v.tvd, 2);
      lines.push('', t.auditSummary(p, tvd, v.n), '', `${t.source}: ${esc(v.source)}`, '');
      const chart = charts.find((c) => c.name === `audit-${v.question}`);
      if (chart !== undefined) lines.push(chartImage(chart), '');
    }
  }
  const { sensitivity } = stats.audit;
  if (sensitivity.rows.length > 0) {
    lines.push(`### ${t.sensitivityTitle(sensitivity.basis === 'benchmarks')}`, '');
    lines.push(`| ${t.metric} | ${t.unweightedEstimate} | ${t.weightedEstimate} | ${t.shift} | ${t.marginOfError} |`, '|---|---:|---:|---:|---:|');
    for (const row of sensitivity.rows) {
      const metric = stats.metrics.find((m) => m.id === row.metric);
      if (metric === undefined) continue;
      const shift = row.shift === null ? '—' : formatSigned(row.shift, (size) => value(metric, size, t.noAnswers));
      const margin = row.halfWidth === null ? '—' : `±${value(metric, row.halfWidth, t.noAnswers)}`;
      lines.push(`| ${esc(metric.label)} | ${value(metric, row.unweighted, t.noAnswers)} | ${value(metric, row.weighted, t.noAnswers)} | ${shift}${row.dependsOnSample ? ' ⚠' : ''} | ${margin} |`);
    }
    lines.push('', t.sensitivityNote, '');
  }

  if (stats.breakdowns.length > 0) {
    const designBased = stats.breakdowns.some((b) => b.tests === 'design-based');
    lines.push(t.breakdownNote(stats.breakdowns[0]?.adjust ?? 'holm', Math.round((1 - codebook.confidence) * 100), designBased), '');
  }
  const quoted = quotes.filter((q) => q.answers.length > 0);
  if (quoted.length > 0) {
    // Table cells, not list items: a respondent's `# title` or `1.` cannot become Markdown structure there.
    lines.push(`## ${t.freeTextTitle}`, '', t.freeTextNote, '');
    for (const q of quoted) {
      lines.push(`### ${esc(questionLabel(codebook, q.question))}`, '', t.freeTextShown(q.answers.length, q.answered), '');
      lines.push(`| ${t.row} | ${t.answer} |`, '|---:|---|');
      for (const a of q.answers) lines.push(`| ${a.row} | ${esc(a.text)} |`);
      lines.push('');
    }
  }
  lines.push(`## ${t.sections.quality}`, '');
  if (codebook.filter === undefined) {
    lines.push(`| ${t.rowsRead} | ${t.accepted} | ${t.quarantined} | ${t.flagged} |`, '|---:|---:|---:|---:|');
    lines.push(`| ${validation.rowsRead} | ${validation.accepted} | ${validation.quarantined} | ${validation.flagged} |`, '');
  } else {
    lines.push(`| ${t.rowsRead} | ${t.accepted} | ${t.quarantined} | ${t.filtered} | ${t.flagged} |`, '|---:|---:|---:|---:|---:|');
    lines.push(`| ${validation.rowsRead} | ${validation.accepted} | ${validation.quarantined} | ${validation.filtered} | ${validation.flagged} |`, '');
    const conditions = codebook.filter.map((c) => `${esc(questionLabel(codebook, c.question))} ∈ {${c.in.map(esc).join(', ')}}`).join('; ');
    lines.push(t.filterNote(conditions), '');
  }
  if (Object.keys(validation.byRule).length > 0) {
    lines.push(`| ${t.rule} | ${t.rows} |`, '|---|---:|');
    for (const [rule, count] of Object.entries(validation.byRule)) lines.push(`| ${esc(rule)} | ${count} |`);
    lines.push('');
  }
  const accounting = charts.find((c) => c.name === 'accounting');
  if (accounting !== undefined) lines.push(chartImage(accounting), '');
  lines.push(t.qualityNote, '');
  // How the numbers were made, one line each, so a reader can reproduce or challenge them.
  lines.push(`## ${t.method}`, '', ...methodLines(method).map((line) => `- ${esc(line)}`), '');
  return lines.join('\n');
}

/**
 * The section's table: estimate, interval and n; with weighting also the effective n the interval used, Kish's
 * n, and the unweighted estimate.
 */
function metricTable(metrics: readonly MetricResult[], level: number, weighted: boolean, t: ReturnType<typeof reportText>): string[] {
  const head = weighted
    ? [`| ${t.metric} | ${t.estimate} | ${t.interval(level)} | n | ${t.nEffective} | ${t.kishN} | ${t.unweightedEstimate} |`, '|---|---:|---:|---:|---:|---:|---:|']
    : [`| ${t.metric} | ${t.estimate} | ${t.interval(level)} | n |`, '|---|---:|---:|---:|'];
  const rows = metrics.map((m) => {
    const cells = `| ${esc(m.label)} | ${value(m, m.estimate, t.noAnswers)} | ${interval(m, m.ci, t.noInterval)} | ${m.n} |`;
    const used = m.nInterval === undefined ? '—' : fixed(m.nInterval, 1);
    return weighted ? `${cells} ${used} | ${fixed(m.nEffective, 1)} | ${value(m, m.unweighted?.estimate ?? null, t.noAnswers)} |` : cells;
  });
  return [...head, ...rows, ''];
}

/** What a metric's result adds below the table: NPS classes, the PMF verdict, the levels of a retention curve. */
function metricDetails(m: MetricResult, level: number, charts: readonly ChartSpec[], t: ReturnType<typeof reportText>): string[] {
  const lines: string[] = [];
  if (m.promoters !== undefined) {
    lines.push(`${esc(m.label)}: ${t.nps(pct(m.promoters), pct(m.passives ?? 0), pct(m.detractors ?? 0))}`, '');
    const chart = charts.find((c) => c.name === `nps-${m.id}`);
    if (chart !== undefined) lines.push(chartImage(chart), '');
  }
  if (m.bar !== undefined && m.verdict !== undefined) lines.push(`${esc(m.label)}: ${t.pmf(pct(m.bar), m.verdict)}`, '');
  if (m.groups !== undefined) {
    lines.push(`### ${esc(m.label)}`, '', `| ${t.level} | ${t.share} | ${t.interval(level)} | n |`, '|---|---:|---:|---:|');
    for (const g of m.groups) lines.push(`| ${esc(g.value)} | ${value(m, g.estimate, t.noAnswers)} | ${interval(m, g.ci, t.noInterval)} | ${g.n} |`);
    lines.push('');
    const curve = charts.find((c) => c.name === `curve-${m.id}`);
    if (curve !== undefined) lines.push(chartImage(curve), '');
  }
  return lines;
}

function breakdownTable(head: string, metric: MetricResult, groups: readonly GroupResult[], level: number, t: ReturnType<typeof reportText>): string[] {
  const rows = [`| ${head} | ${t.estimate} | ${t.interval(level)} | n | ${t.pAdjusted} | ${t.flags} |`, '|---|---:|---:|---:|---:|---|'];
  for (const g of groups) {
    const flags = g.flags
      .filter((f) => !(f === 'small-cell' && g.flags.includes('suppressed')))
      .map((f) => (f === 'small-cell' ? t.smallCell : f === 'empty' ? t.empty : f === 'suppressed' ? t.suppressed : f));
    if (g.significant === true) flags.unshift(t.significant);
    const shown = g.flags.includes('suppressed') ? '—' : value(metric, g.estimate, t.noAnswers);
    const ci = g.flags.includes('suppressed') ? '—' : interval(metric, g.ci, t.noInterval);
    const p = g.pAdjusted === null || g.pAdjusted === undefined ? '—' : g.pAdjusted < 0.001 ? '< 0.001' : fixed(g.pAdjusted, 3);
    rows.push(`| ${esc(g.value)} | ${shown} | ${ci} | ${g.n} | ${p} | ${flags.join('; ')} |`);
  }
  return [...rows, ''];
}

/** A test as the report names it: `Rao-Scott F(1.9, 380.2) = 3.21, p = 0.042`. */
function testText(test: TestResult, t: ReturnType<typeof reportText>): string {
  const p = formatP(test.pValue);
  const df = (x: number): string => (Number.isInteger(x) ? String(x) : fixed(x, 1));
  const dfs = test.df === null ? '' : test.df2 === undefined ? `(${df(test.df)})` : `(${df(test.df)}, ${df(test.df2)})`;
  return `${t.testName[test.method]}${dfs} = ${fixed(test.statistic, 2)}, ${p}`;
}

/** A quantiles metric: each quantile with its interval, and the histogram. */
function quantileTable(m: MetricResult, level: number, charts: readonly ChartSpec[], t: ReturnType<typeof reportText>): string[] {
  const lines = [`### ${esc(m.label)}`, '', `n = ${m.n}`, '', `| ${t.quantile} | ${t.estimate} | ${t.interval(level)} |`, '|---|---:|---:|'];
  for (const g of m.groups ?? []) lines.push(`| ${esc(g.p === 0.5 ? `${g.value} (${t.median})` : g.value)} | ${value(m, g.estimate, t.noAnswers)} | ${interval(m, g.ci, t.noInterval)} |`);
  lines.push('', t.quantileNote, '');
  const chart = charts.find((c) => c.name === `hist-${m.id}`);
  if (chart !== undefined) lines.push(chartImage(chart), '');
  return lines;
}

/** Every headline metric under the codebook's weighting and each of `weightings`, one column each. */
function weightingsTable(stats: Stats, codebook: Codebook, t: ReturnType<typeof reportText>): string[] {
  const comparisons = stats.weightings ?? [];
  if (comparisons.length === 0) return [];
  const headlines = stats.metrics.filter((m) => kindOf(m.kind).headline);
  const own = stats.weighting.method === 'none' && stats.design !== undefined ? t.ownDesign(stats.design.weightsFromFpc) : t.ownWeighting(stats.weighting.method);
  const lines = [`## ${t.weightingsTitle}`, '', t.weightingsNote(Math.round(codebook.confidence * 100)), ''];
  lines.push(`| ${t.metric} | ${esc(own)} | ${comparisons.map((c) => esc(c.label)).join(' | ')} |`, `|---|${'---:|'.repeat(comparisons.length + 1)}`);
  const cell = (m: MetricResult, estimate: number | null, ci: [number, number] | null): string => (estimate === null ? t.noAnswers : `${value(m, estimate, t.noAnswers)} (${interval(m, ci, t.noInterval)})`);
  for (const m of headlines) {
    const others = comparisons.map((c) => {
      const found = c.metrics.find((r) => r.id === m.id);
      return found === undefined ? '—' : cell(m, found.estimate, found.ci);
    });
    lines.push(`| ${esc(m.label)} | ${cell(m, m.estimate, m.ci)} | ${others.join(' | ')} |`);
  }
  lines.push(`| ${t.kishN} | ${'nEffective' in stats.weighting ? fixed(stats.weighting.nEffective, 1) : '—'} | ${comparisons.map((c) => (c.nEffective === null ? '—' : fixed(c.nEffective, 1))).join(' | ')} |`, '');
  return lines;
}

function value(metric: MetricResult, estimate: number | null, none: string): string {
  return estimate === null ? none : kindOf(metric.kind).format(estimate);
}

function interval(metric: MetricResult, ci: [number, number] | null, none: string): string {
  if (ci === null) return none;
  return `${value(metric, ci[0], none)} – ${value(metric, ci[1], none)}`;
}

/**
 * A sentence of the report's own making with labels in it, escaped; its own `p < 0.001` stays as typed (a `<`
 * before a space cannot open a tag).
 */
function sentence(text: string): string {
  return esc(text).replace(/&lt; (?=\d)/g, '< ');
}

function pct(share: number): string {
  return formatPercent(share);
}
