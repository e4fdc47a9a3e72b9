/**
 * What the value kinds (mean, ratio) have in common: how many respondents gave each value (exact sums in any
 * order, two-pass variance), a t interval, Welch's t for groups and waves; weighted, a normal interval on the
 * linearised variance. A ratio is the mean divided by a constant `per`.
 */
import type { Question } from '../../codebook/schema.ts';
import type { GroupResult, MetricResult } from '../../model/metric-result.ts';
import { zFor, tQuantile } from '../distributions.ts';
import { oneWayAnova, welchAnova } from '../anova.ts';
import { present, welchTest } from '../group-tests.ts';
import { clamp } from '../interval.ts';
import type { MetricPlan } from '../metric-plan.ts';
import { tIntervalFromCounts } from '../t-interval.ts';
import { linearizedMean } from '../weights/linearized-mean.ts';
import { baseResult, finite, weightedBase } from './base-result.ts';
import { formatValue } from './format-value.ts';
import type { Change, Given, GroupTests, MetricKind, Scale, WeightingContext } from './metric-kind.ts';
import { variableMean } from './weighted-share.ts';

/** How many respondents gave each value. */
export interface ValueCounts {
  counts: Map<number, number>;
}

/** A likert's mean is on its codes 1..k; other types are numbers already. */
export function valueOf(question: Question, answer: Given): number {
  return question.type === 'likert' ? (answer as number) + 1 : (answer as number);
}

/** What a value is divided by: a ratio's `per`, else 1. */
function perOf(plan: MetricPlan): number {
  return 'per' in plan.metric ? plan.metric.per : 1;
}

/** A ratio's interval stays within what its question allows (a rating's or numeric's min..max, divided by `per`). */
function clipped(plan: MetricPlan, ci: [number, number]): [number, number] {
  const q = plan.question;
  if (!('per' in plan.metric) || (q.type !== 'rating' && q.type !== 'numeric')) return ci;
  const per = plan.metric.per;
  const low = q.min === undefined ? Number.NEGATIVE_INFINITY : q.min / per;
  const high = q.max === undefined ? Number.POSITIVE_INFINITY : q.max / per;
  return [clamp(ci[0], low, high), clamp(ci[1], low, high)];
}

/**
 * A weighted value (mean, ratio or NPS score) with a normal interval on its linearised variance, as
 * `confint(svymean(...))`; the interval stays within `bounds` (an NPS's −100..100), a ratio's within its
 * question's range.
 */
export function weightedValue(plan: MetricPlan, m: { estimate: number; variance: number }, level: number, bounds?: readonly [number, number]): { estimate: number; ci: [number, number]; se: number } {
  const per = perOf(plan);
  const estimate = m.estimate / per;
  const half = (zFor(level) * Math.sqrt(m.variance)) / per;
  const ci: [number, number] = bounds === undefined ? [estimate - half, estimate + half] : [clamp(estimate - half, bounds[0], bounds[1]), clamp(estimate + half, bounds[0], bounds[1])];
  return { estimate, ci: clipped(plan, ci), se: Math.sqrt(m.variance) / per };
}

/** The n of a simple random sample as precise as a weighted mean: n/deff (Kish's n when the design effect is not finite). */
export function designN(m: { n: number; deff: number; nEffective: number }): number {
  return m.deff > 0 && Number.isFinite(m.deff) ? m.n / m.deff : m.nEffective;
}

/** A group of a weighted value kind (mean, ratio, NPS): a normal interval on the group's linearised variance. */
export function weightedValueGroup(plan: MetricPlan, group: GroupResult, sums: Parameters<typeof linearizedMean>[0], context: WeightingContext, level: number, bounds?: readonly [number, number]): GroupResult {
  if (group.flags.includes('suppressed')) return group;
  const unweighted = { estimate: group.estimate, ci: group.ci };
  const m = linearizedMean(sums, context.cells, context.calibration);
  if (m === null) return { ...group, estimate: null, ci: null, unweighted };
  const { estimate, ci } = weightedValue(plan, m, level, bounds);
  return { ...group, estimate, ci, n: m.n, nInterval: designN(m), unweighted };
}

const valueGroups: GroupTests<ValueCounts> = {
  subtract(whole, part) {
    const counts = new Map(whole.counts);
    for (const [value, count] of part.counts) counts.set(value, (counts.get(value) ?? 0) - count);
    return { counts: new Map([...counts].filter(([, c]) => c > 0)) };
  },
  vsRest: (group, rest) => welchTest(group.counts, rest.counts),
  // Welch's ANOVA first (it does not assume equal variances), then the classic one-way ANOVA.
  overall: (groups) => present(welchAnova(groups.map((g) => g.counts)), oneWayAnova(groups.map((g) => g.counts))),
  value: (plan, answer) => valueOf(plan.question, answer),
  weightedTest: 'domain',
  finishWeighted: (plan, group, sums, context, settings) => weightedValueGroup(plan, group, sums, context, settings.level),
};

/** Welch's t interval for the difference of two unweighted means (or ratios) from their sd and n. */
function welchChange(a: MetricResult, b: MetricResult, level: number): Change | null {
  if (a.estimate === null || b.estimate === null || a.sd === null || a.sd === undefined || b.sd === null || b.sd === undefined || a.n <= 1 || b.n <= 1) return null;
  const difference = b.estimate - a.estimate;
  const va = a.sd ** 2 / a.n;
  const vb = b.sd ** 2 / b.n;
  if (va + vb === 0) return { difference, ci: [difference, difference], method: 'welch' };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const half = tQuantile(1 - (1 - level) / 2, df) * Math.sqrt(va + vb);
  return { difference, ci: [difference - half, difference + half], method: 'welch' };
}

export function valueKind(kind: 'mean' | 'ratio', scale: Scale): MetricKind<ValueCounts> {
  return {
    kind,
    scale,
    headline: true,
    charts: [],
    format: (value) => formatValue(scale, value),
    create: () => ({ counts: new Map() }),
    add(plan, state, answer) {
      const value = valueOf(plan.question, answer);
      state.counts.set(value, (state.counts.get(value) ?? 0) + 1);
    },
    merge(into, from) {
      for (const [value, count] of from.counts) into.counts.set(value, (into.counts.get(value) ?? 0) + count);
    },
    finish(plan, state, settings) {
      const n = [...state.counts.values()].reduce((total, c) => total + c, 0);
      const interval = tIntervalFromCounts(state.counts, settings.level);
      const per = perOf(plan);
      const ci: [number, number] | null = interval?.ci === null || interval === null ? null : clipped(plan, [interval.ci[0] / per, interval.ci[1] / per]);
      const values = {
        ...baseResult(plan, settings, { estimate: interval === null ? null : interval.estimate / per, ci, method: 't', n }),
        sd: interval?.sd === null || interval === null ? null : interval.sd / per,
      };
      return 'per' in plan.metric ? { ...values, per } : values;
    },
    variables: () => 1,
    addWeighted(plan, answer, _answers, add) {
      add(0, valueOf(plan.question, answer));
    },
    finishWeighted(plan, unweighted, sums, context, settings) {
      const base = weightedBase(unweighted);
      const m = variableMean(sums, 0, context);
      if (m === null) return { ...base, estimate: null, ci: null };
      const { estimate, ci, se } = weightedValue(plan, m, settings.level);
      return { ...base, estimate, ci, method: 'normal', n: m.n, nEffective: m.nEffective, nInterval: designN(m), se, deff: finite(m.deff) };
    },
    groups: valueGroups,
    change: welchChange,
  };
}
