/** The counts of every metric, by metric id: each kind's own state, over the respondents in its denominator. */
import type { Fold, FoldReads } from '../../model/fold.ts';
import type { Answer } from '../../model/response.ts';
import { kindOf } from '../kinds/index.ts';
import type { MetricKind } from '../kinds/metric-kind.ts';
import { answerFor, planQuestions, type MetricPlan } from '../metric-plan.ts';

export type MetricStates = Map<string, unknown>;

/** A plan with its kind, looked up once. */
export interface KindPlan {
  plan: MetricPlan;
  kind: MetricKind<unknown>;
}

export function kindPlans(plans: readonly MetricPlan[]): KindPlan[] {
  return plans.map((plan) => ({ plan, kind: kindOf(plan.metric.kind) }));
}

export function createMetricStates(plans: readonly KindPlan[]): MetricStates {
  return new Map(plans.map(({ plan, kind }) => [plan.metric.id, kind.create(plan)]));
}

/** Folds one response's answers into each plan's state (`states` in the order of `plans`). */
export function addToMetricStates(plans: readonly KindPlan[], states: readonly unknown[], answers: readonly Answer[]): void {
  for (let m = 0; m < plans.length; m++) {
    const { plan, kind } = plans[m] as KindPlan;
    const answer = answerFor(plan, answers);
    if (answer !== null) kind.add(plan, states[m], answer, answers);
  }
}

export function mergeMetricStates(plans: readonly KindPlan[], into: MetricStates, from: MetricStates): void {
  for (const { plan, kind } of plans) kind.merge(into.get(plan.metric.id), from.get(plan.metric.id));
}

/** The states of `plans` in their order, for the loop over every response. */
export function statesInOrder(plans: readonly KindPlan[], states: MetricStates): unknown[] {
  return plans.map(({ plan }) => states.get(plan.metric.id));
}

export function metricFold(plans: readonly KindPlan[]): Fold<MetricStates> {
  // The states of a map in plan order, found once per map (responses are folded into the same map millions of times).
  const ordered = new WeakMap<MetricStates, unknown[]>();
  return {
    create: () => createMetricStates(plans),
    add(states, response) {
      let list = ordered.get(states);
      if (list === undefined) ordered.set(states, (list = statesInOrder(plans, states)));
      addToMetricStates(plans, list, response.answers);
    },
    merge: (into, from) => mergeMetricStates(plans, into, from),
    // One part per metric, reading its question (and its `among` and retention's `by`).
    split: () => ({
      parts: plans.map((p) => ({ reads: { questions: planQuestions(p.plan) }, fold: metricFold([p]) as Fold<unknown> })),
      join: (states) => new Map(plans.map(({ plan }, m) => [plan.metric.id, (states[m] as MetricStates).get(plan.metric.id)])),
    }),
  };
}

/** What folding these metrics reads. */
export function plansReads(plans: readonly KindPlan[], more: readonly number[] = []): FoldReads {
  return { questions: [...new Set([...more, ...plans.flatMap(({ plan }) => planQuestions(plan))])] };
}
