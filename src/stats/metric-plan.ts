/**
 * What folding one metric needs, looked up once: where its question and `among` question sit in a response,
 * which option indices count as success, and how a likert maps to its codes.
 */
import type { Codebook, Metric, Question } from '../codebook/schema.ts';
import type { Answer } from '../model/response.ts';
import { optionMatcher } from '../validate/parse-answer.ts';

export interface MetricPlan {
  metric: Metric;
  question: Question;
  /** Index of the metric's question in `Response.answers`. */
  at: number;
  /** Index of the `among` question, and the option indices it allows; undefined without `among`. */
  among?: { at: number; allowed: ReadonlySet<number> };
  /** Option indices that count as success (proportion, top-box). */
  success: ReadonlySet<number>;
  /** Number of options of a choice question (0 otherwise). */
  optionCount: number;
  /** retention: where the `by` question sits in a response, and its levels. */
  by?: { at: number; levels: string[] };
}

export function planMetric(codebook: Codebook, metric: Metric): MetricPlan {
  const at = codebook.questions.findIndex((q) => q.id === metric.question);
  const question = codebook.questions[at];
  if (question === undefined) throw new Error(`metric ${metric.id} names unknown question ${metric.question}; crossCheck should have refused it`);
  const options = 'options' in question ? question.options : [];
  let success = new Set<number>();
  // Top-box: the top `box` options; proportion, retention, pmf: the options listed in `success`.
  if ('box' in metric) success = new Set(options.map((_, i) => i).slice(options.length - metric.box));
  if ('success' in metric) {
    const matcher = optionMatcher(options);
    success = new Set(metric.success.map((label) => matcher.match(label)).filter((i): i is number => i !== undefined));
  }
  const plan: MetricPlan = { metric, question, at, success, optionCount: options.length };
  if ('by' in metric) {
    const byAt = codebook.questions.findIndex((q) => q.id === metric.by);
    const byQuestion = codebook.questions[byAt];
    plan.by = { at: byAt, levels: byQuestion !== undefined && 'options' in byQuestion ? [...byQuestion.options] : [] };
  }
  if (metric.among !== undefined) {
    const amongAt = codebook.questions.findIndex((q) => q.id === metric.among?.question);
    const amongQuestion = codebook.questions[amongAt];
    const matcher = optionMatcher(amongQuestion !== undefined && 'options' in amongQuestion ? amongQuestion.options : []);
    const allowed = new Set(metric.among.in.map((label) => matcher.match(label)).filter((i): i is number => i !== undefined));
    plan.among = { at: amongAt, allowed };
  }
  return plan;
}

/** The answer this metric counts for a response, or null when the response is outside its denominator. */
export function answerFor(plan: MetricPlan, answers: readonly Answer[]): Exclude<Answer, null> | null {
  if (plan.among !== undefined) {
    const among = answers[plan.among.at];
    const allowed = plan.among.allowed;
    const inScope = Array.isArray(among) ? among.some((i) => allowed.has(i)) : typeof among === 'number' && allowed.has(among);
    if (!inScope) return null;
  }
  return answers[plan.at] ?? null;
}
