/**
 * Each breakdown metric within each group of its `by` question: the group's estimate and interval, its flags
 * (small cell, suppressed), a test of the group against the rest of the respondents who answered `by` with
 * p-values adjusted for the number of groups, and, when the groups do not overlap (a single-choice `by`), a
 * test that they differ at all. Suppressed groups show no estimate and get no test of their own; the overall
 * test covers every group with answers. Unweighted; finish-stats.ts makes the weighted ones.
 */
import { questionLevels } from '../codebook/question-levels.ts';
import type { Codebook } from '../codebook/schema.ts';
import type { BreakdownResult } from '../model/breakdown-result.ts';
import type { GroupResult } from '../model/metric-result.ts';
import type { BreakdownStates } from './folds/breakdown-fold.ts';
import type { KindPlan } from './folds/metric-fold.ts';
import { groupFlags } from './group-flags.ts';
import { adjustPValues } from './group-tests.ts';

/** Every (breakdown, metric) pair of the codebook, in its order, with the metric's plan. */
export function breakdownPairs(codebook: Codebook, plans: readonly KindPlan[]): { breakdown: Codebook['breakdowns'][number]; plan: KindPlan }[] {
  return codebook.breakdowns.flatMap((breakdown) =>
    breakdown.metrics.map((id) => {
      const plan = plans.find((p) => p.plan.metric.id === id);
      if (plan === undefined) throw new Error(`breakdown names unknown metric ${id}; crossCheck should have refused it`);
      return { breakdown, plan };
    }),
  );
}

export function computeBreakdowns(codebook: Codebook, plans: readonly KindPlan[], states: BreakdownStates): BreakdownResult[] {
  const settings = { level: codebook.confidence, ciMethod: codebook.ciMethod };
  return breakdownPairs(codebook, plans).map(({ breakdown, plan: { plan, kind } }): BreakdownResult => {
    const { smallCell, suppressBelow, adjust } = breakdown;
    const question = codebook.questions.find((q) => q.id === breakdown.by);
    const options = question === undefined ? [] : (questionLevels(question)?.labels ?? []);
    const state = states.get(breakdown.by);
    const perGroup = state?.groups.get(plan.metric.id) ?? [];
    const answered = state?.answered.get(plan.metric.id);
    const tests = kind.groups;
    const groups = options.map((value, g): GroupResult => {
      const result = kind.finish(plan, perGroup[g], settings);
      const flags = groupFlags(result.n, smallCell, suppressBelow);
      if (flags.includes('suppressed')) return { value, estimate: null, ci: null, n: result.n, flags, pValue: null, pAdjusted: null, significant: false };
      const test = result.n > 0 && tests !== undefined ? tests.vsRest(perGroup[g], tests.subtract(answered, perGroup[g])) : null;
      return { value, estimate: result.estimate, ci: result.ci, n: result.n, flags, pValue: test?.pValue ?? null };
    });
    markSignificant(groups, adjust, codebook.confidence, question?.type !== 'multi');
    // The overall test shows no group's estimate, so suppressed groups stay in it (over all answers).
    const included = perGroup.filter((_, g) => (groups[g]?.n ?? 0) > 0);
    const [test, ...otherTests] = question?.type !== 'multi' && tests !== undefined ? tests.overall(included) : [];
    return { by: breakdown.by, metric: plan.metric.id, groups, adjust, test: test ?? null, ...(otherTests.length > 0 ? { otherTests } : {}), tests: 'unweighted' };
  });
}

/**
 * Adjusts the groups' raw p-values for their number and marks those below 1 − confidence. When only two
 * groups of a single-choice question have answers (`exclusive`), each against the rest is the other against
 * the rest: one comparison, tested twice with one p-value, so it is not adjusted as two.
 */
export function markSignificant(groups: GroupResult[], adjust: 'holm' | 'bh', level: number, exclusive = false): void {
  const tested = groups.filter((group) => group.pValue !== null && group.pValue !== undefined);
  const answered = groups.filter((group) => group.n > 0);
  const oneComparison = exclusive && answered.length === 2 && tested.length === 2;
  const adjusted = oneComparison ? tested.map((group) => group.pValue as number) : adjustPValues(tested.map((group) => group.pValue as number), adjust);
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
