/**
 * A metric's result from its accumulated summary. The denominator is the respondents who answered its
 * question (and pass `among`); item non-response is never counted as a failure.
 */
import type { Codebook, Metric } from '../codebook/schema.ts';
import type { Response } from '../validate/answer.ts';
import { addToAccumulator, createAccumulator, type MetricAccumulator } from './metric-accumulator.ts';
import { groupFlags, type MetricResult } from './metric-result.ts';
import { planMetric, type MetricPlan } from './metric-plan.ts';
import { npsInterval } from './nps-interval.ts';
import { proportionInterval } from './proportion-interval.ts';
import { tIntervalFromCounts } from './t-interval.ts';
import { clipRatio } from './clip-ratio.ts';

export function finishMetric(codebook: Codebook, plan: MetricPlan, acc: MetricAccumulator): MetricResult {
  const { level, method } = { level: codebook.confidence, method: codebook.ciMethod };
  const { metric, question } = plan;
  // Field order follows docs/outputs.md, so stats.json reads the same for every kind.
  const result = (core: { estimate: number | null; ci: [number, number] | null; method: MetricResult['method']; n: number }): MetricResult => ({
    id: metric.id,
    kind: metric.kind,
    section: metric.section,
    // Without a label of its own a metric is named by its question and its id, which is unique.
    label: metric.label ?? `${question.label ?? question.column ?? question.id} (${metric.id})`,
    question: question.id,
    estimate: core.estimate,
    ci: core.ci,
    level,
    method: core.method,
    n: core.n,
    nEffective: core.n,
    weighted: false,
  });
  switch (acc.kind) {
    case 'share': {
      const interval = proportionInterval(acc.x, acc.n, level, method);
      const share = { ...result({ estimate: interval?.estimate ?? null, ci: interval?.ci ?? null, method, n: acc.n }), count: acc.x };
      return metric.kind === 'pmf' ? withVerdict(share, metric.bar) : share;
    }
    case 'values': {
      const n = [...acc.counts.values()].reduce((total, c) => total + c, 0);
      const interval = tIntervalFromCounts(acc.counts, level);
      // A ratio is the mean divided by a constant: its interval and sd scale with it.
      const per = metric.kind === 'ratio' ? metric.per : 1;
      const ci: [number, number] | null = interval?.ci === null || interval === null ? null : clipRatio(plan, [interval.ci[0] / per, interval.ci[1] / per]);
      const values = {
        ...result({ estimate: interval === null ? null : interval.estimate / per, ci, method: 't', n }),
        sd: interval?.sd === null || interval === null ? null : interval.sd / per,
      };
      return metric.kind === 'ratio' ? { ...values, per } : values;
    }
    case 'levels': {
      const overall = proportionInterval(acc.overall.x, acc.overall.n, level, method);
      const levels = plan.by?.levels ?? [];
      const groups = acc.levels.map((cell, l) => {
        const interval = proportionInterval(cell.x, cell.n, level, method);
        return { value: levels[l] ?? String(l), estimate: interval?.estimate ?? null, ci: interval?.ci ?? null, n: cell.n, count: cell.x, flags: groupFlags(cell.n) };
      });
      return { ...result({ estimate: overall?.estimate ?? null, ci: overall?.ci ?? null, method, n: acc.overall.n }), count: acc.overall.x, groups };
    }
    case 'nps': {
      const promoters = (acc.scores[9] ?? 0) + (acc.scores[10] ?? 0);
      const detractors = acc.scores.slice(0, 7).reduce((total, c) => total + c, 0);
      const n = acc.scores.reduce((total, c) => total + c, 0);
      const interval = npsInterval(promoters, n - promoters - detractors, detractors, level);
      return {
        ...result({ estimate: interval?.estimate ?? null, ci: interval?.ci ?? null, method: 'nps-trinomial-normal', n }),
        ...(interval === null ? {} : { promoters: interval.promoters, passives: interval.passives, detractors: interval.detractors }),
      };
    }
    case 'distribution': {
      const options = 'options' in question ? question.options : [];
      const groups = options.map((value, i) => {
        const count = acc.counts[i] ?? 0;
        const interval = proportionInterval(count, acc.n, level, method);
        return { value, estimate: interval?.estimate ?? null, ci: interval?.ci ?? null, n: acc.n, count, flags: groupFlags(acc.n) };
      });
      return { ...result({ estimate: null, ci: null, method, n: acc.n }), groups };
    }
  }
}

/** Sean Ellis' reading: the product has market fit when the share is above the bar; the interval says how sure. */
export function withVerdict(share: MetricResult, bar: number): MetricResult {
  if (share.ci === null) return { ...share, bar };
  const verdict = share.ci[0] > bar ? 'above' : share.ci[1] < bar ? 'below' : 'inconclusive';
  return { ...share, bar, verdict };
}

/** One metric over a list of responses (folds them, then finishes). */
export function computeMetric(codebook: Codebook, metric: Metric, responses: readonly Response[]): MetricResult {
  const plan = planMetric(codebook, metric);
  const acc = createAccumulator(plan);
  for (const response of responses) addToAccumulator(plan, acc, response.answers);
  return finishMetric(codebook, plan, acc);
}
