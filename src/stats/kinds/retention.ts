/**
 * `retention`: the share in `success` overall and at each level of a tenure-like question `by` (a
 * retention curve): overall as the headline, the levels as `groups`. Not broken down.
 */
import { groupFlags } from '../group-flags.ts';
import { proportionInterval } from '../proportion-interval.ts';
import { baseResult, finite, weightedBase } from './base-result.ts';
import { formatValue } from './format-value.ts';
import type { MetricKind } from './metric-kind.ts';
import { isHit, shareChange, type ShareCount } from './share-kind.ts';
import { variableMean, weightedShare, weightedShareGroup } from './weighted-share.ts';

/** The share overall and at each level of `by`. */
export interface LevelCounts {
  overall: ShareCount;
  levels: ShareCount[];
}

export const retention: MetricKind<LevelCounts> = {
  kind: 'retention',
  scale: 'share',
  headline: true,
  charts: ['section', 'curve'],
  format: (value) => formatValue('share', value),
  create: (plan) => ({ overall: { n: 0, x: 0 }, levels: (plan.by?.levels ?? []).map(() => ({ n: 0, x: 0 })) }),
  add(plan, state, answer, answers) {
    const hit = isHit(plan, answer) ? 1 : 0;
    state.overall.n++;
    state.overall.x += hit;
    const level = plan.by === undefined ? null : answers[plan.by.at];
    const cell = typeof level === 'number' ? state.levels[level] : undefined;
    if (cell !== undefined) {
      cell.n++;
      cell.x += hit;
    }
  },
  merge(into, from) {
    into.overall.n += from.overall.n;
    into.overall.x += from.overall.x;
    from.levels.forEach((level, l) => {
      const target = into.levels[l];
      if (target !== undefined) {
        target.n += level.n;
        target.x += level.x;
      }
    });
  },
  finish(plan, state, settings) {
    const overall = proportionInterval(state.overall.x, state.overall.n, settings.level, settings.ciMethod);
    const levels = plan.by?.levels ?? [];
    const groups = state.levels.map((cell, l) => {
      const interval = proportionInterval(cell.x, cell.n, settings.level, settings.ciMethod);
      return { value: levels[l] ?? String(l), estimate: interval?.estimate ?? null, ci: interval?.ci ?? null, n: cell.n, count: cell.x, flags: groupFlags(cell.n) };
    });
    return { ...baseResult(plan, settings, { estimate: overall?.estimate ?? null, ci: overall?.ci ?? null, method: settings.ciMethod, n: state.overall.n }), count: state.overall.x, groups };
  },
  /** The success overall, then the success at each level (a respondent counts in their level's only). */
  variables: (plan) => 1 + (plan.by?.levels.length ?? 0),
  addWeighted(plan, answer, answers, add) {
    const y = isHit(plan, answer) ? 1 : 0;
    add(0, y);
    if (plan.by !== undefined) {
      const level = answers[plan.by.at];
      if (typeof level === 'number' && level < plan.by.levels.length) add(1 + level, y);
    }
  },
  finishWeighted(_plan, unweighted, sums, context, settings) {
    const base = weightedBase(unweighted);
    const overall = variableMean(sums, 0, context);
    const groups = (unweighted.groups ?? []).map((group, l) => weightedShareGroup(group, variableMean(sums, l + 1, context), settings, 'domain'));
    if (overall === null) return { ...base, estimate: null, ci: null, groups };
    return { ...base, ...weightedShare(overall, settings), groups, n: overall.n, nEffective: overall.nEffective, se: Math.sqrt(overall.variance), deff: finite(overall.deff) };
  },
  change: shareChange,
};
