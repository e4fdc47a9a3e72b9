/**
 * Everything the statistics and the audit need from a survey's accepted responses, as mergeable state: the
 * folds of each concern under one name. Responses are folded in one at a time and never kept. Worker threads
 * reading parts of a large export build the same fold from the codebook (`createFold`).
 */
import type { Codebook } from '../../codebook/schema.ts';
import type { Fold } from '../../model/fold.ts';
import { planMetric } from '../metric-plan.ts';
import { planAuditWeighting, planWeighting, planWeightingOf } from '../weights/weighting-plan.ts';
import { breakdownFold, breakdownPlans, type BreakdownStates } from './breakdown-fold.ts';
import { combineFolds, listFolds } from './combine-folds.ts';
import { kindPlans, metricFold, type MetricStates } from './metric-fold.ts';
import { channelFold, nonResponseFold, optionCountFold, quotesFold, type Quotes } from './question-folds.ts';
import { weightedFold, type WeightedState } from './weighted-fold.ts';
import { tableFold, type TableState } from '../tables/table-fold.ts';
import { tablePlans } from '../tables/table-plan.ts';
import { reliabilityFold, type ItemSums } from '../reliability/reliability-fold.ts';
import { driversFold, type DriverCases } from '../drivers/drivers-fold.ts';
import { indexScoresFold, type IndexScores } from '../indexes/index-scores.ts';

export interface SurveyState {
  /** By metric id. */
  metrics: MetricStates;
  /** By the id of the `by` question, then metric id. */
  breakdowns: BreakdownStates;
  /** Accepted respondents who left each question unanswered, by question id. */
  nonResponse: Map<string, number>;
  /** Respondents per option of each likert question, by question id. */
  likertCounts: Map<string, number[]>;
  /** Respondents per option of each benchmarked question, by question id. */
  benchmarkCounts: Map<string, number[]>;
  /** The answers a text question quotes (`quotes`), by question id. */
  quotes: Map<string, Quotes>;
  /** Respondents per collection channel. */
  channels: Map<string, number>;
  /** With the codebook's weighting. */
  weighting?: WeightedState;
  /** When the codebook does not weight but has benchmarks: the metrics raked to all of them, for the audit. */
  auditWeighting?: WeightedState;
  /** Per entry of `weightings`: the metrics under it (null for `method: none`: the unweighted results). */
  alternatives?: (WeightedState | null)[];
  /** Per banner table (tables/table-plan.ts), its counts. */
  tables?: TableState[];
  /** Per index, its scores. */
  indexScores?: IndexScores[];
  /** Per index, the sums its items' reliability needs. */
  reliability?: ItemSums[];
  /** Per key-driver analysis, the complete cases of its outcome and drivers. */
  drivers?: DriverCases[];
}

export function surveyFold(codebook: Codebook): Fold<SurveyState> {
  const metrics = kindPlans(codebook.metrics.map((metric) => planMetric(codebook, metric)));
  const breakdowns = breakdownPlans(
    codebook,
    metrics.map((m) => m.plan),
  );
  const benchmarked = codebook.benchmarks.map((b) => b.question);
  const optionsOf = (id: string) => {
    const at = codebook.questions.findIndex((q) => q.id === id);
    const question = codebook.questions[at];
    return { id, at, options: question !== undefined && 'options' in question ? question.options.length : 0 };
  };
  const benchmarks = benchmarked.map(optionsOf);
  // Weighted, the likert chart shows weighted shares: the option sums of likert questions are kept beside the benchmarks'.
  const likerts = codebook.questions.filter((q) => q.type === 'likert' && !benchmarked.includes(q.id)).map((q) => optionsOf(q.id));
  // The audit's re-weighting and the weightings side by side show the headline metrics only.
  const headlines = metrics.filter(({ kind }) => kind.headline);
  const weighting = planWeighting(codebook);
  const auditWeighting = planAuditWeighting(codebook);
  // `method: none` beside the others is the unweighted estimate, whatever the design: what weighting changes.
  const alternatives = codebook.weightings.map((weighting, i) => {
    const plan = weighting.method === 'none' ? undefined : planWeightingOf(codebook, weighting);
    return plan === undefined ? nullFold : weightedFold(plan, { metrics: headlines, breakdowns: [], benchmarks: [] }, (response) => response.alternativeWeights?.[i]);
  });
  const tables = tablePlans(codebook);
  const fold = combineFolds({
    metrics: metricFold(metrics),
    breakdowns: breakdownFold(breakdowns),
    nonResponse: nonResponseFold(codebook),
    likertCounts: optionCountFold(
      codebook,
      codebook.questions.filter((q) => q.type === 'likert').map((q) => q.id),
    ),
    benchmarkCounts: optionCountFold(codebook, benchmarked),
    quotes: quotesFold(codebook),
    channels: channelFold(),
    ...(weighting === undefined ? {} : { weighting: weightedFold(weighting, { metrics, breakdowns, benchmarks: [...benchmarks, ...likerts] }) }),
    ...(auditWeighting === undefined ? {} : { auditWeighting: weightedFold(auditWeighting, { metrics: headlines, breakdowns: [], benchmarks: [] }) }),
    ...(alternatives.length === 0 ? {} : { alternatives: listFolds<WeightedState | null>(alternatives) }),
    ...(tables.length === 0 ? {} : { tables: tableFold(tables, weighting) }),
    ...(codebook.indexes.length === 0 ? {} : { indexScores: indexScoresFold(codebook), reliability: reliabilityFold(codebook) }),
    ...(codebook.drivers.length === 0 ? {} : { drivers: driversFold(codebook) }),
  });
  // This module as compiled, named beside the code that runs (dist/, or the command's bundle in dist/bundle/).
  return { ...(fold as Fold<SurveyState>), module: new URL('./survey-fold.js', import.meta.url).href };
}

/** A weighting without weights keeps nothing: its results are the unweighted ones. */
const nullFold: Fold<WeightedState | null> = { create: () => null, add: () => undefined, merge: () => undefined, reads: { questions: [] } };

/** For worker threads (Fold.module). */
export const createFold = surveyFold;
