/**
 * Each breakdown metric within each group of its `by` question, from the survey summary: the group's
 * estimate and interval, its flags (small cell, suppressed), a test of the group against the rest of the
 * respondents who answered `by` with p-values adjusted for the number of groups, and, when the groups do not
 * overlap (a single-choice `by`), a test that they differ at all. Suppressed groups show no estimate and
 * get no test of their own; the overall test covers every group with answers.
 */
import type { Codebook } from '../codebook/schema.ts';
import { finishMetric } from './compute-metric.ts';
import { adjustPValues, groupVsRest, overallTest, subtract, type TestResult } from './group-tests.ts';
import type { MetricAccumulator } from './metric-accumulator.ts';
import { groupFlags, type GroupResult } from './metric-result.ts';
import type { SurveySummary } from './survey-summary.ts';

export interface BreakdownResult {
  by: string;
  metric: string;
  groups: GroupResult[];
  /** How the groups' p-values were adjusted. */
  adjust: 'holm' | 'bh';
  /** Do the groups differ at all (single-choice `by` only); null otherwise. */
  test: TestResult | null;
  /** The tests' basis: unweighted counts, or the weighted design (Rao-Scott for shares, z on the linearised difference for means and NPS). */
  tests: 'unweighted' | 'design-based';
}

export function computeBreakdowns(codebook: Codebook, summary: SurveySummary): BreakdownResult[] {
  const level = codebook.confidence;
  return summary.breakdowns.flatMap((breakdown, b) => {
    const settings = codebook.breakdowns[b];
    const smallCell = settings?.smallCell ?? 30;
    const suppressBelow = settings?.suppressBelow ?? 5;
    const adjust = settings?.adjust ?? 'holm';
    const question = codebook.questions[breakdown.at];
    const options = question !== undefined && 'options' in question ? question.options : [];
    return breakdown.plans.map((plan, m): BreakdownResult => {
      const accumulators = options.map((_, g) => breakdown.groups[g]?.[m] as MetricAccumulator);
      const answered = breakdown.answered[m] as MetricAccumulator;
      const groups = options.map((value, g): GroupResult => {
        const result = finishMetric(codebook, plan, accumulators[g] as MetricAccumulator);
        const flags = groupFlags(result.n, smallCell, suppressBelow);
        if (flags.includes('suppressed')) return { value, estimate: null, ci: null, n: result.n, flags, pValue: null, pAdjusted: null, significant: false };
        const test = result.n > 0 ? groupVsRest(accumulators[g] as MetricAccumulator, subtract(answered, accumulators[g] as MetricAccumulator)) : null;
        return { value, estimate: result.estimate, ci: result.ci, n: result.n, flags, pValue: test?.pValue ?? null };
      });
      markSignificant(groups, adjust, level);
      // The overall test shows no group's estimate, so suppressed groups stay in it (over all answers).
      const included = accumulators.filter((_, g) => (groups[g]?.n ?? 0) > 0);
      const test = breakdown.exclusive ? overallTest(included) : null;
      return { by: breakdown.by, metric: plan.metric.id, groups, adjust, test, tests: 'unweighted' };
    });
  });
}

/** Adjusts the groups' raw p-values for their number and marks those below 1 − confidence. */
export function markSignificant(groups: GroupResult[], adjust: 'holm' | 'bh', level: number): void {
  const tested = groups.filter((group) => group.pValue !== null && group.pValue !== undefined);
  const adjusted = adjustPValues(tested.map((group) => group.pValue as number), adjust);
  tested.forEach((group, k) => {
    group.pAdjusted = adjusted[k] ?? null;
    group.significant = (adjusted[k] ?? 1) < 1 - level;
  });
  for (const group of groups) {
    if (!tested.includes(group)) {
      group.pAdjusted = null;
      group.significant = false;
    }
  }
}
