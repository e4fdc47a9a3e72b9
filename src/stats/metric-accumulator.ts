/**
 * Mergeable summaries of one metric: counts, never rows. Folding responses one at a time (or merging the
 * summaries of chunks, in any order) gives the same numbers as computing on all rows at once, so ingestion
 * can stream and memory is bounded by the number of distinct answers, not of rows.
 */
import type { Answer } from '../validate/answer.ts';
import { answerFor, type MetricPlan } from './metric-plan.ts';

export type MetricAccumulator =
  /** proportion, top-box: respondents in the denominator and successes among them. */
  | { kind: 'share'; n: number; x: number }
  /** mean: how many respondents gave each value (exact sums in any order, two-pass variance). */
  | { kind: 'values'; counts: Map<number, number> }
  /** nps: respondents per score 0..10. */
  | { kind: 'nps'; scores: number[] }
  /** distribution: respondents who answered, and per option those who chose it. */
  | { kind: 'distribution'; n: number; counts: number[] };

export function createAccumulator(plan: MetricPlan): MetricAccumulator {
  switch (plan.metric.kind) {
    case 'proportion':
    case 'top-box':
      return { kind: 'share', n: 0, x: 0 };
    case 'mean':
      return { kind: 'values', counts: new Map() };
    case 'nps':
      return { kind: 'nps', scores: Array.from({ length: 11 }, () => 0) };
    case 'distribution':
      return { kind: 'distribution', n: 0, counts: Array.from({ length: plan.optionCount }, () => 0) };
  }
}

/** Folds one response's answers into the accumulator (respondents outside the denominator are skipped). */
export function addToAccumulator(plan: MetricPlan, acc: MetricAccumulator, answers: readonly Answer[]): void {
  const answer = answerFor(plan, answers);
  if (answer === null) return;
  switch (acc.kind) {
    case 'share': {
      acc.n++;
      const hit = Array.isArray(answer) ? answer.some((i) => plan.success.has(i)) : plan.success.has(answer as number);
      if (hit) acc.x++;
      return;
    }
    case 'values': {
      // A likert's mean is on its codes 1..k; other types are numbers already.
      const value = plan.question.type === 'likert' ? (answer as number) + 1 : (answer as number);
      acc.counts.set(value, (acc.counts.get(value) ?? 0) + 1);
      return;
    }
    case 'nps':
      acc.scores[answer as number] = (acc.scores[answer as number] ?? 0) + 1;
      return;
    case 'distribution':
      acc.n++;
      for (const i of Array.isArray(answer) ? answer : [answer as number]) acc.counts[i] = (acc.counts[i] ?? 0) + 1;
      return;
  }
}

/**
 * The variables a weighted estimate of this metric averages, for one response, or null when the response
 * is outside the metric's denominator: a 0/1 success (proportion, top-box), the value (mean), the NPS
 * score of 100 / 0 / −100 (nps), or one 0/1 per option (distribution).
 */
export function weightedValues(plan: MetricPlan, answers: readonly Answer[]): number[] | null {
  const answer = answerFor(plan, answers);
  if (answer === null) return null;
  switch (plan.metric.kind) {
    case 'proportion':
    case 'top-box':
      return [(Array.isArray(answer) ? answer.some((i) => plan.success.has(i)) : plan.success.has(answer as number)) ? 1 : 0];
    case 'mean':
      return [plan.question.type === 'likert' ? (answer as number) + 1 : (answer as number)];
    case 'nps': {
      const score = answer as number;
      return [score >= 9 ? 100 : score <= 6 ? -100 : 0];
    }
    case 'distribution': {
      const chosen = new Set(Array.isArray(answer) ? answer : [answer as number]);
      return Array.from({ length: plan.optionCount }, (_, i) => (chosen.has(i) ? 1 : 0));
    }
  }
}

/** `into` += `from`; both must come from the same plan. */
export function mergeAccumulator(into: MetricAccumulator, from: MetricAccumulator): void {
  if (into.kind === 'share' && from.kind === 'share') {
    into.n += from.n;
    into.x += from.x;
  } else if (into.kind === 'values' && from.kind === 'values') {
    for (const [value, count] of from.counts) into.counts.set(value, (into.counts.get(value) ?? 0) + count);
  } else if (into.kind === 'nps' && from.kind === 'nps') {
    from.scores.forEach((count, score) => (into.scores[score] = (into.scores[score] ?? 0) + count));
  } else if (into.kind === 'distribution' && from.kind === 'distribution') {
    into.n += from.n;
    from.counts.forEach((count, i) => (into.counts[i] = (into.counts[i] ?? 0) + count));
  } else {
    throw new Error(`cannot merge a ${from.kind} accumulator into a ${into.kind} one`);
  }
}
