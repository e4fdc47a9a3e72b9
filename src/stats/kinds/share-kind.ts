/**
 * What the share kinds (proportion, top-box, pmf) have in common: respondents in the denominator and
 * successes among them; an interval by the codebook's method (weighted: at the effective n implied by the
 * linearised variance); group tests by chi-square; wave changes by Newcombe's interval.
 */
import type { GroupResult, MetricResult } from '../../model/metric-result.ts';
import type { Answer } from '../../model/response.ts';
import { chiSquareIndependence, present } from '../group-tests.ts';
import type { MetricPlan } from '../metric-plan.ts';
import { newcombeInterval } from '../newcombe-interval.ts';
import { proportionInterval } from '../proportion-interval.ts';
import { baseResult, finite, weightedBase } from './base-result.ts';
import { formatValue } from './format-value.ts';
import type { Change, Given, GroupTests, IntervalSettings, MetricKind } from './metric-kind.ts';
import { linearizedMean } from '../weights/linearized-mean.ts';
import { variableMean, weightedShare, weightedShareGroup } from './weighted-share.ts';

/** Respondents in the denominator, and successes among them. */
export interface ShareCount {
  n: number;
  x: number;
}

/** Whether an answer counts as a success: an option in the plan's success set (for a multi, any chosen). */
export function isHit(plan: MetricPlan, answer: Given): boolean {
  return Array.isArray(answer) ? answer.some((i) => plan.success.has(i)) : plan.success.has(answer as number);
}

/** Newcombe's hybrid score interval for the difference of two unweighted shares with their counts. */
export function shareChange(a: MetricResult, b: MetricResult, level: number): Change | null {
  if (a.count === undefined || b.count === undefined) return null;
  const interval = newcombeInterval(a.count, a.n, b.count, b.n, level);
  return interval === null ? null : { difference: interval.difference, ci: interval.ci, method: 'newcombe' };
}

export const shareGroups: GroupTests<ShareCount> = {
  subtract: (whole, part) => ({ n: whole.n - part.n, x: whole.x - part.x }),
  vsRest: (group, rest) =>
    chiSquareIndependence([
      [group.x, group.n - group.x],
      [rest.x, rest.n - rest.x],
    ]),
  overall: (groups) => present(chiSquareIndependence(groups.map((g) => [g.x, g.n - g.x]))),
  value: (plan, answer) => (isHit(plan, answer) ? 1 : 0),
  weightedTest: 'table',
  finishWeighted(_plan, group, sums, context, settings): GroupResult {
    return group.flags.includes('suppressed') ? group : weightedShareGroup(group, linearizedMean(sums, context.cells, context.calibration), settings, 'domain');
  },
};

/** A share kind; `finishing` adds what the kind adds to a share result (pmf: its verdict). */
export function shareKind(kind: 'proportion' | 'top-box' | 'bottom-box' | 'pmf', finishing: (plan: MetricPlan, share: MetricResult) => MetricResult = (_plan, share) => share): MetricKind<ShareCount> {
  return {
    kind,
    scale: 'share',
    headline: true,
    charts: ['section'],
    format: (value) => formatValue('share', value),
    create: () => ({ n: 0, x: 0 }),
    add(plan, state, answer) {
      state.n++;
      if (isHit(plan, answer)) state.x++;
    },
    merge(into, from) {
      into.n += from.n;
      into.x += from.x;
    },
    finish(plan, state, settings: IntervalSettings) {
      const interval = proportionInterval(state.x, state.n, settings.level, settings.ciMethod);
      const share = { ...baseResult(plan, settings, { estimate: interval?.estimate ?? null, ci: interval?.ci ?? null, method: settings.ciMethod, n: state.n }), count: state.x };
      return finishing(plan, share);
    },
    variables: () => 1,
    addWeighted(plan, answer, _answers: readonly Answer[], add) {
      add(0, isHit(plan, answer) ? 1 : 0);
    },
    finishWeighted(plan, unweighted, sums, context, settings) {
      const base = weightedBase(unweighted);
      const m = variableMean(sums, 0, context);
      if (m === null) return { ...base, estimate: null, ci: null };
      const share = { ...base, ...weightedShare(m, settings), method: settings.ciMethod, n: m.n, nEffective: m.nEffective, se: Math.sqrt(m.variance), deff: finite(m.deff) };
      return finishing(plan, share);
    },
    groups: shareGroups,
    change: shareChange,
  };
}
