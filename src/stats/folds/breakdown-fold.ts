/**
 * The counts behind the breakdowns, by the id of the `by` question: per metric id, the metric's state within
 * each level of `by` (an option, a bin of a number question; a multi-select puts a respondent in every group
 * chosen), and among all who answered `by` (the rest of a group is that less the group).
 */
import { questionLevels, type Levels } from '../../codebook/question-levels.ts';
import type { Codebook } from '../../codebook/schema.ts';
import type { Fold } from '../../model/fold.ts';
import type { Answer } from '../../model/response.ts';
import type { MetricPlan } from '../metric-plan.ts';
import { addToMetricStates, createMetricStates, kindPlans, mergeMetricStates, plansReads, statesInOrder, type KindPlan, type MetricStates } from './metric-fold.ts';

export interface BreakdownState {
  /** Per metric id: its state among the respondents who answered `by`. */
  answered: MetricStates;
  /** Per metric id: its state within each option of `by`, in option order. */
  groups: Map<string, unknown[]>;
}

/** By the id of the `by` question. */
export type BreakdownStates = Map<string, BreakdownState>;

/** A `by` question: where it sits in a response, its number of levels, and every metric broken down by it. */
export interface BreakdownPlan {
  by: string;
  at: number;
  options: number;
  /** The level of an answer to a number question (bins, a rating's whole numbers); absent for a choice question. */
  level?: Levels['of'];
  plans: KindPlan[];
}

/** The groups of a respondent: the level(s) of their answer to `by`. */
export function groupsOf(entry: BreakdownPlan, answers: readonly Answer[]): number | readonly number[] | null {
  const answer = answers[entry.at] ?? null;
  return entry.level === undefined ? answer as number | readonly number[] | null : entry.level(answer);
}

/** One entry per distinct `by` question, with the metrics of every breakdown by it (in first-named order). */
export function breakdownPlans(codebook: Codebook, plans: readonly MetricPlan[]): BreakdownPlan[] {
  const byQuestion = new Map<string, BreakdownPlan>();
  for (const breakdown of codebook.breakdowns) {
    const at = codebook.questions.findIndex((q) => q.id === breakdown.by);
    const question = codebook.questions[at];
    const levels = question === undefined ? undefined : questionLevels(question);
    const entry: BreakdownPlan = byQuestion.get(breakdown.by) ?? { by: breakdown.by, at, options: levels?.labels.length ?? 0, plans: [] };
    if (levels !== undefined && question !== undefined && !('options' in question)) entry.level = levels.of;
    byQuestion.set(breakdown.by, entry);
    for (const id of breakdown.metrics) {
      const plan = plans.find((p) => p.metric.id === id);
      if (plan === undefined) throw new Error(`breakdown names unknown metric ${id}; crossCheck should have refused it`);
      if (!entry.plans.some((p) => p.plan === plan)) entry.plans.push(...kindPlans([plan]));
    }
  }
  return [...byQuestion.values()];
}

/** The states of one `by` in the order the fold walks them: answered[m] and groups[g][m]. */
interface Ordered {
  answered: unknown[];
  groups: unknown[][];
}

export function breakdownFold(entries: readonly BreakdownPlan[]): Fold<BreakdownStates> {
  const ordered = new WeakMap<BreakdownStates, Ordered[]>();
  const order = (states: BreakdownStates): Ordered[] =>
    entries.map(({ by, options, plans }) => {
      const state = states.get(by) as BreakdownState;
      const perMetric = plans.map(({ plan }) => state.groups.get(plan.metric.id) ?? []);
      return { answered: statesInOrder(plans, state.answered), groups: Array.from({ length: options }, (_, g) => perMetric.map((groups) => groups[g])) };
    });
  return {
    create: () =>
      new Map(
        entries.map(({ by, options, plans }) => [
          by,
          { answered: createMetricStates(plans), groups: new Map(plans.map(({ plan, kind }) => [plan.metric.id, Array.from({ length: options }, () => kind.create(plan))])) },
        ]),
      ),
    add(states, { answers }) {
      let lists = ordered.get(states);
      if (lists === undefined) ordered.set(states, (lists = order(states)));
      for (let b = 0; b < entries.length; b++) {
        const entry = entries[b] as BreakdownPlan;
        const { plans } = entry;
        const by = groupsOf(entry, answers);
        if (by === null || by === undefined) continue;
        const list = lists[b] as Ordered;
        addToMetricStates(plans, list.answered, answers);
        if (typeof by === 'number') addToMetricStates(plans, list.groups[by] ?? [], answers);
        else if (Array.isArray(by)) for (const g of by) addToMetricStates(plans, list.groups[g] ?? [], answers);
      }
    },
    merge(into, from) {
      for (const { by, plans } of entries) {
        const a = into.get(by) as BreakdownState;
        const b = from.get(by) as BreakdownState;
        mergeMetricStates(plans, a.answered, b.answered);
        for (const { plan, kind } of plans) {
          const groups = b.groups.get(plan.metric.id) ?? [];
          a.groups.get(plan.metric.id)?.forEach((state, g) => kind.merge(state, groups[g]));
        }
      }
    },
    // One part per `by` question and metric, reading the two.
    split: () => {
      const pairs = entries.flatMap((entry) => entry.plans.map((p) => ({ entry, p })));
      return {
        parts: pairs.map(({ entry, p }) => ({ reads: plansReads([p], [entry.at]), fold: breakdownFold([{ ...entry, plans: [p] }]) as Fold<unknown> })),
        join: (states) => {
          const joined: BreakdownStates = new Map(entries.map(({ by }) => [by, { answered: new Map(), groups: new Map() }]));
          pairs.forEach(({ entry, p }, i) => {
            const id = p.plan.metric.id;
            const part = (states[i] as BreakdownStates).get(entry.by) as BreakdownState;
            const into = joined.get(entry.by) as BreakdownState;
            into.answered.set(id, part.answered.get(id));
            into.groups.set(id, part.groups.get(id) ?? []);
          });
          return joined;
        },
      };
    },
  };
}
