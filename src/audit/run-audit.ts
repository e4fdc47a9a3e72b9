/**
 * The representativeness audit: how far the sample is from the people it speaks for, in numbers and in
 * plain words. Benchmarks (shares, fit test, distance, ASMD), precision of every headline metric, the
 * weights, how much each headline moves when the sample is weighted to the benchmarks, and how the
 * responses were collected. Every finding is a flag `{ code, severity, message, evidence }` in the
 * survey's language. Pure: counts and results in, audit out.
 */
import type { Codebook } from '../codebook/schema.ts';
import type { Audit, PrecisionRow, SensitivityRow } from '../model/audit.ts';
import type { Flag } from '../model/flag.ts';
import type { MetricResult } from '../model/metric-result.ts';
import type { ValidationSummary } from '../model/validation.ts';
import { zFor } from '../stats/distributions.ts';
import type { FinishedStats } from '../stats/finish-stats.ts';
import type { SurveyState } from '../stats/folds/survey-fold.ts';
import { kindOf } from '../stats/kinds/index.ts';
import { auditBenchmarks } from './audit-benchmarks.ts';
import { auditMessages, type Language } from './messages.ts';

export interface AuditInput {
  codebook: Codebook;
  /** The folded responses: benchmark counts, channels, item non-response. */
  state: Pick<SurveyState, 'benchmarkCounts' | 'channels' | 'nonResponse'>;
  /** The results of the statistics: metrics, weighting, the re-weighting to the benchmarks. */
  stats: FinishedStats;
  validation: ValidationSummary;
}

export function runAudit(input: AuditInput): { audit: Audit; flags: Flag[] } {
  const { codebook, state, validation } = input;
  const { metrics, weighting, reweighted } = input.stats;
  const accepted = validation.accepted;
  const language = codebook.language;
  const settings = codebook.audit;
  const benchmarks = auditBenchmarks(codebook, state.benchmarkCounts, input.stats.weightedOptionShares);
  const flags: Flag[] = [...benchmarks.flags];
  const headlines = metrics.filter((m) => kindOf(m.kind).headline);
  const label = (id: string): string => metrics.find((m) => m.id === id)?.label ?? id;

  // Precision: a share's margin of error against the bound (an NPS's on its 0..1 scale; means have none); the
  // whole sample's worst case at p = 0.5.
  const precision: PrecisionRow[] = headlines.flatMap((m) => {
    const scale = kindOf(m.kind).scale;
    if (scale === 'mean') return [];
    const margin = m.ci === null ? null : (m.ci[1] - m.ci[0]) / 2 / (scale === 'score' ? 100 : 1);
    return [{ metric: m.id, marginOfError: margin, n: m.n, nEffective: m.nEffective, exceeds: margin !== null && margin > settings.maxMarginOfError }];
  });
  const nEffective = weighting?.nEffective ?? accepted;
  const worst = zFor(codebook.confidence) * Math.sqrt(0.25 / Math.max(1, nEffective));
  if (worst > settings.maxMarginOfError) {
    flags.push({
      code: 'small-sample',
      severity: 'warn',
      message: auditMessages.smallSample(language, { n: accepted, margin: worst, bound: settings.maxMarginOfError }),
      evidence: { n: accepted, nEffective, marginOfError: worst, bound: settings.maxMarginOfError },
    });
  }
  flags.push(...designFlags(input.stats, headlines, accepted, language));
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
  const weights = weighting ?? (reweighted?.ok === true ? reweighted.diagnostics : undefined);
  if (weighting !== undefined && weighting.maxMinRatio > settings.maxWeightRatio) {
    flags.push({
      code: 'extreme-weights',
      severity: 'warn',
      message: auditMessages.extremeWeights(language, { ratio: weighting.maxMinRatio, nEffective: weighting.nEffective, n: weighting.n }),
      evidence: { maxMinRatio: weighting.maxMinRatio, nEffective: weighting.nEffective, designEffect: weighting.designEffect },
    });
  }
  if (weighting !== undefined && weighting.unweightable > 0) {
    flags.push({
      code: 'unweightable-respondents',
      severity: 'warn',
      message: auditMessages.unweightable(language, { n: weighting.unweightable, accepted }),
      evidence: { unweightable: weighting.unweightable, accepted },
    });
  }
  if (weights !== undefined && !weights.converged) {
    flags.push({ code: 'raking-not-converged', severity: 'critical', message: auditMessages.notConverged(language, { iterations: weights.iterations }), evidence: { iterations: weights.iterations } });
  }

  // Sensitivity: each headline unweighted against weighted (the codebook's weighting, else raked to the benchmarks).
  const sensitivity = sensitivityOf(input.stats, headlines);
  // A headline on a question the weighting calibrates to is set to its benchmark: its move is by construction.
  const calibrated = new Set(sensitivity.basis === 'benchmarks' ? codebook.benchmarks.map((b) => b.question) : sensitivity.method === 'column' ? [] : (codebook.weighting.by ?? []));
  const onCalibrated = (row: SensitivityRow): boolean => calibrated.has(metrics.find((m) => m.id === row.metric)?.question ?? '');
  const moved = sensitivity.rows.filter((row) => row.dependsOnSample && !onCalibrated(row));
  if (moved.length > 0) {
    const fixed = sensitivity.rows.filter((row) => row.dependsOnSample && onCalibrated(row));
    flags.push({
      code: 'depends-on-sample',
      severity: 'warn',
      message: auditMessages.dependsOnSample(language, { metrics: moved.map((row) => label(row.metric)), basis: sensitivity.basis === 'benchmarks' ? 'benchmarks' : 'weighting', fixed: fixed.map((row) => label(row.metric)) }),
      evidence: Object.fromEntries(moved.map((row) => [row.metric, row.shift ?? 0])),
    });
  }
  if (reweighted?.ok === false) {
    const { question, option, share } = reweighted;
    flags.push({ code: 'reweighting-impossible', severity: 'info', message: auditMessages.reweightImpossible(language, { question, option }), evidence: { question, option, share } });
  }

  // Collection: channels, quarantine, item non-response.
  const channels = Object.fromEntries([...state.channels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([c, count]) => [c, count / Math.max(1, accepted)]));
  const [topChannel, topShare] = Object.entries(channels).sort(([, a], [, b]) => b - a)[0] ?? ['', 0];
  if (topShare > settings.maxChannelShare && Object.keys(channels).length > 0) {
    flags.push({ code: 'channel-concentration', severity: 'warn', message: auditMessages.channelConcentration(language, { channel: topChannel, share: topShare }), evidence: { channel: topChannel, share: topShare } });
  }
  const quarantinedShare = validation.rowsRead === 0 ? 0 : validation.quarantined / validation.rowsRead;
  if (quarantinedShare > settings.maxQuarantineShare) {
    const rules = Object.entries(validation.byRule).map(([rule, count]) => `${rule} ${count}`).join(', ');
    flags.push({ code: 'high-quarantine', severity: 'warn', message: auditMessages.highQuarantine(language, { share: quarantinedShare, rules }), evidence: { share: quarantinedShare } });
  }
  const nonResponse = Object.fromEntries(codebook.questions.map((q) => [q.id, (state.nonResponse.get(q.id) ?? 0) / Math.max(1, accepted)]));
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

function sensitivityOf({ weighting, reweighted }: FinishedStats, headlines: readonly MetricResult[]): Audit['sensitivity'] {
  const compare = (m: MetricResult, weighted: number | null): SensitivityRow => {
    const unweighted = m.unweighted?.estimate ?? m.estimate;
    const ci = m.unweighted?.ci ?? m.ci;
    const halfWidth = ci === null ? null : (ci[1] - ci[0]) / 2;
    const shift = unweighted === null || weighted === null ? null : weighted - unweighted;
    return { metric: m.id, unweighted, weighted, shift, halfWidth, dependsOnSample: shift !== null && halfWidth !== null && Math.abs(shift) > halfWidth };
  };
  if (weighting !== undefined) {
    return { basis: 'codebook-weighting', method: weighting.method, rows: headlines.map((m) => compare(m, m.estimate)) };
  }
  if (reweighted?.ok === true) {
    return {
      basis: 'benchmarks',
      method: reweighted.method,
      rows: headlines.map((m) => compare(m, reweighted.metrics.find((r) => r.id === m.id)?.estimate ?? null)),
    };
  }
  return { basis: 'none', method: null, rows: [] };
}

/**
 * What a sampling design does to precision, in plain words: the headlines' median design effect (info, a
 * warning from 2: the design halves the sample's worth), and strata whose single PSU has no variance.
 */
function designFlags(stats: FinishedStats, headlines: readonly MetricResult[], accepted: number, language: Language): Flag[] {
  const { design } = stats;
  if (design === undefined) return [];
  const flags: Flag[] = [];
  const deffs = headlines.flatMap((m) => (typeof m.deff === 'number' && m.deff > 0 ? [m.deff] : [])).sort((a, b) => a - b);
  if (deffs.length > 0) {
    const middle = Math.floor(deffs.length / 2);
    const deff = deffs.length % 2 === 1 ? (deffs[middle] ?? 1) : ((deffs[middle - 1] ?? 1) + (deffs[middle] ?? 1)) / 2;
    if (deff > 1.2) {
      flags.push({
        code: 'design-effect',
        severity: deff >= 2 ? 'warn' : 'info',
        message: auditMessages.designEffect(language, { deff, n: accepted, psus: design.psus, strata: design.strata, degf: design.degf }),
        evidence: { medianDeff: deff, n: accepted, psus: design.psus ?? accepted, strata: design.strata, degf: design.degf },
      });
    }
  }
  if (design.lonelyCount > 0) {
    flags.push({
      code: 'lonely-psu',
      severity: 'info',
      message: auditMessages.lonelyPsu(language, { count: design.lonelyCount, strata: design.lonelyStrata, rule: design.lonelyPsu }),
      evidence: { strata: design.lonelyCount, rule: design.lonelyPsu },
    });
  }
  return flags;
}
