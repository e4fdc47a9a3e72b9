/**
 * `pmf`: Sean Ellis' product-market-fit share ("very disappointed" if the product went away) against a bar
 * (40% by default): a share, with a verdict from its interval.
 */
import type { MetricResult } from '../../model/metric-result.ts';
import { shareKind } from './share-kind.ts';

export const pmf = shareKind('pmf', (plan, share) => ('bar' in plan.metric ? withVerdict(share, plan.metric.bar) : share));

/** The product has market fit when the share is above the bar; the interval says how sure. */
export function withVerdict(share: MetricResult, bar: number): MetricResult {
  if (share.ci === null) return { ...share, bar };
  const verdict = share.ci[0] > bar ? 'above' : share.ci[1] < bar ? 'below' : 'inconclusive';
  return { ...share, bar, verdict };
}
