/**
 * What folding one metric needs, looked up once: where its question and `among` question sit in a response,
 * which levels (options, a rating's whole numbers, bins: question-levels.ts) count as success, and how a
 * number answer maps to its level for the kinds that count levels.
 */
import { questionLevels, type Levels } from '../codebook/question-levels.ts';
import { metricKindRules, type Codebook, type Metric, type Question } from '../codebook/schema.ts';
import type { Answer } from '../model/response.ts';
import { allowedLevels, isAllowed } from '../validate/allowed-levels.ts';
import { optionMatcher } from '../validate/parse-answer.ts';

export interface MetricPlan {
  metric: Metric;
  question: Question;
  /** Index of the metric's question in `Response.answers`. */
  at: number;
  /** Index of the `among` question, the level indices it allows, and the level of its answer; undefined without `among`. */
  among?: { at: number; allowed: ReadonlySet<number>; level?: Levels['of'] };
  /** Level indices that count as success (proportion, top-box, bottom-box). */
  success: ReadonlySet<number>;
  /** The question's levels (a choice question's options; none for a kind that counts values). */
  labels: readonly string[];
  /** For a kind that counts levels of a number question: an answer's level (the answer as it is otherwise). */
  level?: Levels['of'];
  /** retention: where the `by` question sits in a response, and its levels. */
  by?: { at: number; levels: string[] };
}

export function planMetric(codebook: Codebook, metric: Metric): MetricPlan {
  const at = codebook.questions.findIndex((q) => q.id === metric.question);
  const question = codebook.questions[at];
  if (question === undefined) throw new Error(`metric ${metric.id} names unknown question ${metric.question}; crossCheck should have refused it`);
  const levels = metricKindRules[metric.kind].levels ? questionLevels(question) : undefined;
  const labels = levels?.labels ?? [];
  const indices = labels.map((_, i) => i);
  let success = new Set<number>();
  // Top-box and bottom-box: the top or bottom `box` levels; proportion, retention, pmf: the levels listed in `success`.
  if (metric.kind === 'top-box') success = new Set(indices.slice(labels.length - metric.box));
  if (metric.kind === 'bottom-box') success = new Set(indices.slice(0, metric.box));
  if ('success' in metric) {
    const matcher = optionMatcher(labels);
    success = new Set(metric.success.map((label) => matcher.match(label)).filter((i): i is number => i !== undefined));
  }
  const plan: MetricPlan = { metric, question, at, success, labels };
  // A choice question's answers are already its levels.
  if (levels !== undefined && !('options' in question)) plan.level = levels.of;
  if ('by' in metric) {
    const byAt = codebook.questions.findIndex((q) => q.id === metric.by);
    const byQuestion = codebook.questions[byAt];
    plan.by = { at: byAt, levels: byQuestion !== undefined && 'options' in byQuestion ? [...byQuestion.options] : [] };
  }
  if (metric.among !== undefined) plan.among = { at: codebook.questions.findIndex((q) => q.id === metric.among?.question), ...allowedLevels(codebook, metric.among) };
  return plan;
}

/** The answer this metric counts for a response, or null when the response is outside its denominator. */
/** The answers a metric reads: its question's, its `among` question's and (retention) its `by` question's. */
export function planQuestions(plan: MetricPlan): number[] {
  return [plan.at, ...(plan.among === undefined ? [] : [plan.among.at]), ...(plan.by === undefined ? [] : [plan.by.at])];
}

export function answerFor(plan: MetricPlan, answers: readonly Answer[]): Exclude<Answer, null> | null {
  if (plan.among !== undefined && !isAllowed(answers[plan.among.at] ?? null, plan.among.allowed, plan.among.level)) return null;
  const answer = answers[plan.at] ?? null;
  return plan.level === undefined ? answer : plan.level(answer);
}
