/**
 * The representativeness audit: how far the sample is from the people it speaks for, in numbers and in
 * plain words. Benchmarks (shares, fit test, distance, ASMD), precision of every headline metric, the
 * weights, how much each headline moves when the sample is weighted to the benchmarks, and how the
 * responses were collected. Every finding is a flag `{ code, severity, message, evidence }` in the
 * survey's language. Pure: counts and results in, audit out.
 */
import type { Codebook } from '../codebook/schema.ts';
import { zFor } from '../stats/distributions.ts';
import type { Reweighted } from '../stats/finish-stats.ts';
import type { MetricResult } from '../stats/metric-result.ts';
import type { SurveySummary } from '../stats/survey-summary.ts';
import type { WeightingDiagnostics } from '../stats/weights/weighting-diagnostics.ts';
import type { ValidationSummary } from '../report/validation-json.ts';
import { auditBenchmarks, type AuditVariable } from './audit-benchmarks.ts';
import type { Flag } from './flag.ts';
import { auditMessages } from './messages.ts';

export interface PrecisionRow {
  metric: string;
  /** Half the interval's width, on the 0..1 share scale (NPS divided by 100). */
  marginOfError: number | null;
  n: number;
  nEffective: number;
  exceeds: boolean;
}

export interface SensitivityRow {
  metric: string;
  unweighted: number | null;
  weighted: number | null;
  /** weighted − unweighted, and the unweighted interval's half-width it is compared with. */
  shift: number | null;
  halfWidth: number | null;
  dependsOnSample: boolean;
}

export interface Audit {
  variables: AuditVariable[];
  precision: PrecisionRow[];
  weighting: WeightingDiagnostics | null;
  sensitivity: { basis: 'codebook-weighting' | 'benchmarks' | 'none'; method: string | null; rows: SensitivityRow[] };
  collection: {
    channels: Record<string, number>;
    quarantinedShare: number;
    quarantinedByRule: Record<string, number>;
    nonResponse: Record<string, number>;
  };
}

export interface AuditInput {
  codebook: Codebook;
  summary: SurveySummary;
  metrics: readonly MetricResult[];
  weighting?: WeightingDiagnostics;
  reweighted?: Reweighted;
  weightedBenchmarkShares?: (number | null)[][];
  validation: ValidationSummary;
}

const HEADLINE_KINDS = new Set(['proportion', 'top-box', 'pmf', 'retention', 'ratio', 'mean', 'nps']);

export function runAudit(input: AuditInput): { audit: Audit; flags: Flag[] } {
  const { codebook, summary, metrics, validation } = input;
  const language = codebook.language;
  const settings = codebook.audit;
  const benchmarks = auditBenchmarks(codebook, summary.benchmarkCounts, input.weightedBenchmarkShares);
  const flags: Flag[] = [...benchmarks.flags];
  const headlines = metrics.filter((m) => HEADLINE_KINDS.has(m.kind));
  const label = (id: string): string => metrics.find((m) => m.id === id)?.label ?? id;

  // Precision: a share's margin of error against the bound; the whole sample's worst case at p = 0.5.
  const scale = (m: MetricResult): number => (m.kind === 'nps' ? 100 : m.kind === 'mean' ? Number.NaN : 1);
  const precision: PrecisionRow[] = headlines.flatMap((m) => {
    if (m.kind === 'mean') return [];
    const margin = m.ci === null ? null : (m.ci[1] - m.ci[0]) / 2 / scale(m);
    return [{ metric: m.id, marginOfError: margin, n: m.n, nEffective: m.nEffective, exceeds: margin !== null && margin > settings.maxMarginOfError }];
  });
  const nEffective = input.weighting?.nEffective ?? summary.accepted;
  const worst = zFor(codebook.confidence) * Math.sqrt(0.25 / Math.max(1, nEffective));
  if (worst > settings.maxMarginOfError) {
    flags.push({
      code: 'small-sample',
      severity: 'warn',
      message: auditMessages.smallSample(language, { n: summary.accepted, margin: worst, bound: settings.maxMarginOfError }),
      evidence: { n: summary.accepted, nEffective, marginOfError: worst, bound: settings.maxMarginOfError },
    });
  }
  const imprecise = precision.filter((row) => row.exceeds);
  if (imprecise.length > 0) {
    flags.push({
      code: 'low-precision',
      severity: 'info',
      message: auditMessages.lowPrecision(language, { metrics: imprecise.map((row) => label(row.metric)), bound: settings.maxMarginOfError }),
      evidence: { metrics: imprecise.map((row) => row.metric).join(','), bound: settings.maxMarginOfError },
    });
  }

  // Weights: how extreme, and whether raking converged.
  const weights = input.weighting ?? (input.reweighted?.ok === true ? input.reweighted.diagnostics : undefined);
  if (input.weighting !== undefined && input.weighting.maxMinRatio > settings.maxWeightRatio) {
    flags.push({
      code: 'extreme-weights',
      severity: 'warn',
      message: auditMessages.extremeWeights(language, { ratio: input.weighting.maxMinRatio, nEffective: input.weighting.nEffective, n: input.weighting.n }),
      evidence: { maxMinRatio: input.weighting.maxMinRatio, nEffective: input.weighting.nEffective, designEffect: input.weighting.designEffect },
    });
  }
  if (input.weighting !== undefined && input.weighting.unweightable > 0) {
    flags.push({
      code: 'unweightable-respondents',
      severity: 'warn',
      message: auditMessages.unweightable(language, { n: input.weighting.unweightable, accepted: summary.accepted }),
      evidence: { unweightable: input.weighting.unweightable, accepted: summary.accepted },
    });
  }
  if (weights !== undefined && !weights.converged) {
    flags.push({ code: 'raking-not-converged', severity: 'critical', message: auditMessages.notConverged(language, { iterations: weights.iterations }), evidence: { iterations: weights.iterations } });
  }

  // Sensitivity: each headline unweighted against weighted (the codebook's weighting, else raked to the benchmarks).
  const sensitivity = sensitivityOf(input, headlines);
  const moved = sensitivity.rows.filter((row) => row.dependsOnSample);
  if (moved.length > 0) {
    flags.push({
      code: 'depends-on-sample',
      severity: 'warn',
      message: auditMessages.dependsOnSample(language, { metrics: moved.map((row) => label(row.metric)) }),
      evidence: Object.fromEntries(moved.map((row) => [row.metric, row.shift ?? 0])),
    });
  }
  if (input.reweighted?.ok === false) {
    const { question, option, share } = input.reweighted;
    flags.push({ code: 'reweighting-impossible', severity: 'info', message: auditMessages.reweightImpossible(language, { question, option }), evidence: { question, option, share } });
  }

  // Collection: channels, quarantine, item non-response.
  const channels = Object.fromEntries([...summary.channels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([c, count]) => [c, count / Math.max(1, summary.accepted)]));
  const [topChannel, topShare] = Object.entries(channels).sort(([, a], [, b]) => b - a)[0] ?? ['', 0];
  if (topShare > settings.maxChannelShare && Object.keys(channels).length > 0) {
    flags.push({ code: 'channel-concentration', severity: 'warn', message: auditMessages.channelConcentration(language, { channel: topChannel, share: topShare }), evidence: { channel: topChannel, share: topShare } });
  }
  const quarantinedShare = validation.rowsRead === 0 ? 0 : validation.quarantined / validation.rowsRead;
  if (quarantinedShare > settings.maxQuarantineShare) {
    const rules = Object.entries(validation.byRule).map(([rule, count]) => `${rule} ${count}`).join(', ');
    flags.push({ code: 'high-quarantine', severity: 'warn', message: auditMessages.highQuarantine(language, { share: quarantinedShare, rules }), evidence: { share: quarantinedShare } });
  }
  const nonResponse = Object.fromEntries(codebook.questions.map((q, i) => [q.id, (summary.nonResponse[i] ?? 0) / Math.max(1, summary.accepted)]));
  const unanswered = codebook.questions.filter((q) => q.type !== 'text' && (nonResponse[q.id] ?? 0) > settings.maxNonResponse);
  if (unanswered.length > 0) {
    flags.push({
      code: 'item-nonresponse',
      severity: 'info',
      message: auditMessages.itemNonResponse(language, { questions: unanswered.map((q) => q.label ?? q.id), bound: settings.maxNonResponse }),
      evidence: Object.fromEntries(unanswered.map((q) => [q.id, nonResponse[q.id] ?? 0])),
    });
  }

  return {
    audit: {
      variables: benchmarks.variables,
      precision,
      weighting: weights ?? null,
      sensitivity,
      collection: { channels, quarantinedShare, quarantinedByRule: validation.byRule, nonResponse },
    },
    flags,
  };
}

function sensitivityOf(input: AuditInput, headlines: readonly MetricResult[]): Audit['sensitivity'] {
  const compare = (m: MetricResult, weighted: number | null): SensitivityRow => {
    const unweighted = m.unweighted?.estimate ?? m.estimate;
    const ci = m.unweighted?.ci ?? m.ci;
    const halfWidth = ci === null ? null : (ci[1] - ci[0]) / 2;
    const shift = unweighted === null || weighted === null ? null : weighted - unweighted;
    return { metric: m.id, unweighted, weighted, shift, halfWidth, dependsOnSample: shift !== null && halfWidth !== null && Math.abs(shift) > halfWidth };
  };
  if (input.weighting !== undefined) {
    return { basis: 'codebook-weighting', method: input.weighting.method, rows: headlines.map((m) => compare(m, m.estimate)) };
  }
  if (input.reweighted?.ok === true) {
    const reweighted = input.reweighted;
    return {
      basis: 'benchmarks',
      method: reweighted.method,
      rows: headlines.map((m) => compare(m, reweighted.metrics.find((r) => r.id === m.id)?.estimate ?? null)),
    };
  }
  return { basis: 'none', method: null, rows: [] };
}
