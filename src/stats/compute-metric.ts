/**
 * One metric over a set of responses: the denominator is the respondents who answered its question (and
 * pass `among`); item non-response is never counted as a failure.
 */
import type { Codebook, Metric, Question } from '../codebook/schema.ts';
import type { Answer, Response } from '../validate/answer.ts';
import { optionMatcher } from '../validate/parse-answer.ts';
import { npsInterval } from './nps-interval.ts';
import { proportionInterval } from './proportion-interval.ts';
import { tInterval } from './t-interval.ts';
import { groupFlags, type MetricResult } from './metric-result.ts';

export function computeMetric(codebook: Codebook, metric: Metric, responses: readonly Response[]): MetricResult {
  const { level, method } = { level: codebook.confidence, method: codebook.ciMethod };
  const questionAt = codebook.questions.findIndex((q) => q.id === metric.question);
  const question = codebook.questions[questionAt] as Question;
  const inScope = responses.filter(amongFilter(codebook, metric));
  const answers = inScope.map((r) => r.answers[questionAt] ?? null).filter((a): a is Exclude<Answer, null> => a !== null);
  const n = answers.length;
  const base = {
    id: metric.id,
    kind: metric.kind,
    section: metric.section,
    label: metric.label ?? question.label ?? question.column ?? question.id,
    question: question.id,
    level,
    n,
    nEffective: n,
    weighted: false as const,
  };

  switch (metric.kind) {
    case 'proportion':
    case 'top-box': {
      const success = successSet(question, metric);
      const count = answers.filter((a) => (Array.isArray(a) ? a.some((i) => success.has(i)) : success.has(a as number))).length;
      const interval = proportionInterval(count, n, level, method);
      return { ...base, estimate: interval?.estimate ?? null, ci: interval?.ci ?? null, method, count };
    }
    case 'mean': {
      // A likert's mean is on its codes 1..k; other types are numbers already.
      const values = answers.map((a) => (question.type === 'likert' ? (a as number) + 1 : (a as number)));
      const interval = tInterval(values, level);
      return { ...base, estimate: interval?.estimate ?? null, ci: interval?.ci ?? null, method: 't', sd: interval?.sd ?? null };
    }
    case 'nps': {
      const scores = answers as number[];
      const promoters = scores.filter((s) => s >= 9).length;
      const detractors = scores.filter((s) => s <= 6).length;
      const interval = npsInterval(promoters, n - promoters - detractors, detractors, level);
      return {
        ...base,
        estimate: interval?.estimate ?? null,
        ci: interval?.ci ?? null,
        method: 'nps-trinomial-normal',
        ...(interval === null ? {} : { promoters: interval.promoters, passives: interval.passives, detractors: interval.detractors }),
      };
    }
    case 'distribution': {
      const options = 'options' in question ? question.options : [];
      const groups = options.map((value, i) => {
        const count = answers.filter((a) => (Array.isArray(a) ? a.includes(i) : a === i)).length;
        const interval = proportionInterval(count, n, level, method);
        return { value, estimate: interval?.estimate ?? null, ci: interval?.ci ?? null, n, count, flags: groupFlags(n) };
      });
      return { ...base, estimate: null, ci: null, method, groups };
    }
  }
}

function successSet(question: Question, metric: Extract<Metric, { kind: 'proportion' | 'top-box' }>): Set<number> {
  const options = 'options' in question ? question.options : [];
  if (metric.kind === 'top-box') return new Set(options.map((_, i) => i).slice(options.length - metric.box));
  const matcher = optionMatcher(options);
  return new Set(metric.success.map((label) => matcher.match(label)).filter((i): i is number => i !== undefined));
}

/** Keeps respondents whose answer to `among.question` is one of `among.in` (all of them when no `among`). */
function amongFilter(codebook: Codebook, metric: Metric): (response: Response) => boolean {
  const { among } = metric;
  if (among === undefined) return () => true;
  const at = codebook.questions.findIndex((q) => q.id === among.question);
  const question = codebook.questions[at];
  const matcher = optionMatcher(question !== undefined && 'options' in question ? question.options : []);
  const allowed = new Set(among.in.map((label) => matcher.match(label)));
  return (response) => {
    const answer = response.answers[at];
    if (Array.isArray(answer)) return answer.some((i) => allowed.has(i));
    return typeof answer === 'number' && allowed.has(answer);
  };
}
