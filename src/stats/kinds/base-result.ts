/** The fields every metric result starts with, in the order stats.json shows them (docs/outputs.md). */
import type { MetricResult } from '../../model/metric-result.ts';
import type { MetricPlan } from '../metric-plan.ts';
import type { IntervalSettings } from './metric-kind.ts';

export function baseResult(
  plan: MetricPlan,
  settings: IntervalSettings,
  core: { estimate: number | null; ci: [number, number] | null; method: MetricResult['method']; n: number },
): MetricResult {
  const { metric, question } = plan;
  return {
    id: metric.id,
    kind: metric.kind,
    section: metric.section,
    // Without a label of its own a metric is named by its question and its id, which is unique.
    label: metric.label ?? `${question.label ?? question.column ?? question.id} (${metric.id})`,
    question: question.id,
    estimate: core.estimate,
    ci: core.ci,
    level: settings.level,
    method: core.method,
    n: core.n,
    nEffective: core.n,
    weighted: false,
  };
}

/** A weighted result's start: the unweighted one, marked weighted, with its figures kept alongside. */
export function weightedBase(unweighted: MetricResult): MetricResult {
  return { ...unweighted, weighted: true, unweighted: { estimate: unweighted.estimate, ci: unweighted.ci, method: unweighted.method } };
}

/** Infinity and NaN (a design effect with no spread) are written as null. */
export function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
