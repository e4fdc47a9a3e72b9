/**
 * `distribution`: every option's share of the respondents who answered (for a multi, the share choosing
 * it), each with its own interval; in results as `groups`. Not a headline, and not broken down.
 */
import { groupFlags } from '../group-flags.ts';
import { proportionInterval } from '../proportion-interval.ts';
import { baseResult, weightedBase } from './base-result.ts';
import { formatValue } from './format-value.ts';
import type { MetricKind } from './metric-kind.ts';
import { variableMean, weightedShareGroup } from './weighted-share.ts';

/** Respondents who answered, and per option those who chose it. */
export interface OptionCounts {
  n: number;
  counts: number[];
}

export const distribution: MetricKind<OptionCounts> = {
  kind: 'distribution',
  scale: 'share',
  headline: false,
  charts: ['options'],
  format: (value) => formatValue('share', value),
  create: (plan) => ({ n: 0, counts: Array.from({ length: plan.labels.length }, () => 0) }),
  add(_plan, state, answer) {
    state.n++;
    for (const i of Array.isArray(answer) ? answer : [answer as number]) state.counts[i] = (state.counts[i] ?? 0) + 1;
  },
  merge(into, from) {
    into.n += from.n;
    from.counts.forEach((count, i) => (into.counts[i] = (into.counts[i] ?? 0) + count));
  },
  finish(plan, state, settings) {
    const groups = plan.labels.map((value, i) => {
      const count = state.counts[i] ?? 0;
      const interval = proportionInterval(count, state.n, settings.level, settings.ciMethod);
      return { value, estimate: interval?.estimate ?? null, ci: interval?.ci ?? null, n: state.n, count, flags: groupFlags(state.n) };
    });
    return { ...baseResult(plan, settings, { estimate: null, ci: null, method: settings.ciMethod, n: state.n }), groups };
  },
  variables: (plan) => plan.labels.length,
  addWeighted(plan, answer, _answers, add) {
    for (let i = 0; i < plan.labels.length; i++) add(i, (Array.isArray(answer) ? answer.includes(i) : answer === i) ? 1 : 0);
  },
  finishWeighted(_plan, unweighted, sums, context, settings) {
    const groups = (unweighted.groups ?? []).map((group, v) => weightedShareGroup(group, variableMean(sums, v, context), settings));
    return { ...weightedBase(unweighted), groups, nEffective: variableMean(sums, 0, context)?.nEffective ?? 0 };
  },
  change: () => null,
};
