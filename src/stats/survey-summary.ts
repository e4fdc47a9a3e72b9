/**
 * Everything the statistics and the audit need from the accepted responses, as mergeable counts: one
 * accumulator per metric, one per breakdown group and metric, option counts of benchmarked questions, item
 * non-response per question, responses per channel. Responses are folded in one at a time and never kept.
 */
import type { Codebook } from '../codebook/schema.ts';
import type { Response } from '../validate/answer.ts';
import { addToAccumulator, createAccumulator, mergeAccumulator, type MetricAccumulator } from './metric-accumulator.ts';
import { planMetric, type MetricPlan } from './metric-plan.ts';

export interface BreakdownSummary {
  by: string;
  /** Index of the `by` question in `Response.answers`. */
  at: number;
  plans: MetricPlan[];
  /** groups[g][m]: the accumulator of plans[m] among respondents in option g of `by`. */
  groups: MetricAccumulator[][];
}

export interface SurveySummary {
  accepted: number;
  plans: MetricPlan[];
  metrics: MetricAccumulator[];
  breakdowns: BreakdownSummary[];
  /** Per benchmark: respondents per option of its question, in option order. */
  benchmarkCounts: number[][];
  /** Per question: accepted respondents who left it unanswered. */
  nonResponse: number[];
  channels: Map<string, number>;
}

export function createSummary(codebook: Codebook): SurveySummary {
  const plans = codebook.metrics.map((metric) => planMetric(codebook, metric));
  const optionCount = (id: string): number => {
    const question = codebook.questions.find((q) => q.id === id);
    return question !== undefined && 'options' in question ? question.options.length : 0;
  };
  return {
    accepted: 0,
    plans,
    metrics: plans.map(createAccumulator),
    breakdowns: codebook.breakdowns.map((breakdown) => {
      const breakdownPlans = breakdown.metrics.map((id) => {
        const plan = plans.find((p) => p.metric.id === id);
        if (plan === undefined) throw new Error(`breakdown names unknown metric ${id}; crossCheck should have refused it`);
        return plan;
      });
      return {
        by: breakdown.by,
        at: codebook.questions.findIndex((q) => q.id === breakdown.by),
        plans: breakdownPlans,
        groups: Array.from({ length: optionCount(breakdown.by) }, () => breakdownPlans.map(createAccumulator)),
      };
    }),
    benchmarkCounts: codebook.benchmarks.map((b) => Array.from({ length: optionCount(b.question) }, () => 0)),
    nonResponse: codebook.questions.map(() => 0),
    channels: new Map(),
  };
}

/** Folds one accepted response in. */
export function addResponse(codebook: Codebook, summary: SurveySummary, response: Response): void {
  const { answers } = response;
  summary.accepted++;
  summary.plans.forEach((plan, i) => addToAccumulator(plan, summary.metrics[i] as MetricAccumulator, answers));
  for (const breakdown of summary.breakdowns) {
    const by = answers[breakdown.at];
    // A multi-select puts a respondent in every group chosen; no answer, no group.
    for (const g of Array.isArray(by) ? by : typeof by === 'number' ? [by] : []) {
      const group = breakdown.groups[g];
      if (group !== undefined) breakdown.plans.forEach((plan, m) => addToAccumulator(plan, group[m] as MetricAccumulator, answers));
    }
  }
  codebook.benchmarks.forEach((benchmark, b) => {
    const answer = answers[codebook.questions.findIndex((q) => q.id === benchmark.question)];
    const counts = summary.benchmarkCounts[b];
    if (typeof answer === 'number' && counts !== undefined) counts[answer] = (counts[answer] ?? 0) + 1;
  });
  answers.forEach((answer, q) => {
    if (answer === null) summary.nonResponse[q] = (summary.nonResponse[q] ?? 0) + 1;
  });
  if (response.channel !== undefined) summary.channels.set(response.channel, (summary.channels.get(response.channel) ?? 0) + 1);
}

/** `into` += `from`, for summaries of the same codebook (e.g. of two chunks of one export). */
export function mergeSummary(into: SurveySummary, from: SurveySummary): void {
  into.accepted += from.accepted;
  into.metrics.forEach((acc, i) => mergeAccumulator(acc, from.metrics[i] as MetricAccumulator));
  into.breakdowns.forEach((breakdown, b) =>
    breakdown.groups.forEach((group, g) => group.forEach((acc, m) => mergeAccumulator(acc, from.breakdowns[b]?.groups[g]?.[m] as MetricAccumulator))),
  );
  into.benchmarkCounts.forEach((counts, b) => counts.forEach((_, i) => (counts[i] = (counts[i] ?? 0) + (from.benchmarkCounts[b]?.[i] ?? 0))));
  into.nonResponse.forEach((_, q) => (into.nonResponse[q] = (into.nonResponse[q] ?? 0) + (from.nonResponse[q] ?? 0)));
  for (const [channel, count] of from.channels) into.channels.set(channel, (into.channels.get(channel) ?? 0) + count);
}
