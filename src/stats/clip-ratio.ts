import { clamp } from './interval.ts';
import type { MetricPlan } from './metric-plan.ts';

/** A ratio's interval stays within what its question allows (a rating's min..max, divided by `per`). */
export function clipRatio(plan: MetricPlan, ci: [number, number]): [number, number] {
  const q = plan.question;
  if (plan.metric.kind !== 'ratio' || (q.type !== 'rating' && q.type !== 'numeric')) return ci;
  const per = plan.metric.per;
  const low = q.min === undefined ? Number.NEGATIVE_INFINITY : q.min / per;
  const high = q.max === undefined ? Number.POSITIVE_INFINITY : q.max / per;
  return [clamp(ci[0], low, high), clamp(ci[1], low, high)];
}
