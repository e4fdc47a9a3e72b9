/** Each breakdown metric within each group of its `by` question, from the survey summary. */
import type { Codebook } from '../codebook/schema.ts';
import { finishMetric } from './compute-metric.ts';
import type { MetricAccumulator } from './metric-accumulator.ts';
import { groupFlags, type GroupResult } from './metric-result.ts';
import type { SurveySummary } from './survey-summary.ts';

export interface BreakdownResult {
  by: string;
  metric: string;
  groups: GroupResult[];
}

export function computeBreakdowns(codebook: Codebook, summary: SurveySummary): BreakdownResult[] {
  return summary.breakdowns.flatMap((breakdown) => {
    const question = codebook.questions[breakdown.at];
    const options = question !== undefined && 'options' in question ? question.options : [];
    return breakdown.plans.map((plan, m) => ({
      by: breakdown.by,
      metric: plan.metric.id,
      groups: options.map((value, g): GroupResult => {
        const result = finishMetric(codebook, plan, breakdown.groups[g]?.[m] as MetricAccumulator);
        return { value, estimate: result.estimate, ci: result.ci, n: result.n, flags: groupFlags(result.n) };
      }),
    }));
  });
}
