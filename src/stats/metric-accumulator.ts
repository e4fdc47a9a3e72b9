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
  | { kind: 'distribution'; n: number; counts: number[] }
  /** retention: the share overall and at each level of the `by` question. */
  | { kind: 'levels'; overall: { n: number; x: number }; levels: { n: number; x: number }[] };

export function createAccumulator(plan: MetricPlan): MetricAccumulator {
  switch (plan.metric.kind) {
    case 'proportion':
    case 'top-box':
    case 'pmf':
      return { kind: 'share', n: 0, x: 0 };
    case 'mean':
    case 'ratio':
      return { kind: 'values', counts: new Map() };
    case 'retention':
      return { kind: 'levels', overall: { n: 0, x: 0 }, levels: (plan.by?.levels ?? []).map(() => ({ n: 0, x: 0 })) };
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
      if (isHit(plan, answer)) acc.x++;
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
    case 'levels': {
      const hit = isHit(plan, answer) ? 1 : 0;
      acc.overall.n++;
      acc.overall.x += hit;
      const level = plan.by === undefined ? null : answers[plan.by.at];
      const cell = typeof level === 'number' ? acc.levels[level] : undefined;
      if (cell !== undefined) {
        cell.n++;
        cell.x += hit;
      }
      return;
    }
  }
}

function isHit(plan: MetricPlan, answer: Exclude<Answer, null>): boolean {
  return Array.isArray(answer) ? answer.some((i) => plan.success.has(i)) : plan.success.has(answer as number);
}

/**
 * Folds one response into the weighted sums of a metric's variables: `add(v, y)` adds value `y` of
 * variable `v`; nothing is added when the response is outside the metric's denominator. The variables: a
 * 0/1 success (proportion, top-box, pmf), the value (mean, ratio), the NPS score of 100 / 0 / −100 (nps),
 * one 0/1 per option (distribution), or for retention the 0/1 success overall and then at the level of `by`
 * the respondent is at (the other levels leave the respondent out).
 */
export function addWeightedValues(plan: MetricPlan, answers: readonly Answer[], add: (v: number, y: number) => void): void {
  const kind = plan.metric.kind;
  if (kind === 'distribution') {
    const answer = answerFor(plan, answers);
    if (answer === null) return;
    for (let i = 0; i < plan.optionCount; i++) add(i, (Array.isArray(answer) ? answer.includes(i) : answer === i) ? 1 : 0);
    return;
  }
  const y = weightedValue(plan, answers);
  if (y === null) return;
  add(0, y);
  if (kind === 'retention' && plan.by !== undefined) {
    const level = answers[plan.by.at];
    if (typeof level === 'number' && level < plan.by.levels.length) add(1 + level, y);
  }
}

/**
 * The one variable a weighted estimate of a share, mean, ratio or NPS metric averages (for retention, the
 * success overall), for one response; null outside the metric's denominator, and for distributions.
 */
export function weightedValue(plan: MetricPlan, answers: readonly Answer[]): number | null {
  const answer = answerFor(plan, answers);
  if (answer === null) return null;
  switch (plan.metric.kind) {
    case 'proportion':
    case 'top-box':
    case 'pmf':
    case 'retention':
      return isHit(plan, answer) ? 1 : 0;
    case 'mean':
    case 'ratio':
      return plan.question.type === 'likert' ? (answer as number) + 1 : (answer as number);
    case 'nps': {
      const score = answer as number;
      return score >= 9 ? 100 : score <= 6 ? -100 : 0;
    }
    case 'distribution':
      return null;
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
  } else if (into.kind === 'levels' && from.kind === 'levels') {
    into.overall.n += from.overall.n;
    into.overall.x += from.overall.x;
    from.levels.forEach((level, l) => {
      const target = into.levels[l];
      if (target !== undefined) {
        target.n += level.n;
        target.x += level.x;
      }
    });
  } else {
    throw new Error(`cannot merge a ${from.kind} accumulator into a ${into.kind} one`);
  }
}
