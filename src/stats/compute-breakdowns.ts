/**
 * Each breakdown metric within each group of its `by` question. A multi-select puts a respondent in every
 * group they chose; respondents who did not answer `by` are in no group.
 */
import type { Codebook } from '../codebook/schema.ts';
import type { Response } from '../validate/answer.ts';
import { computeMetric } from './compute-metric.ts';
import { groupFlags, type GroupResult } from './metric-result.ts';

export interface BreakdownResult {
  by: string;
  metric: string;
  groups: GroupResult[];
}

export function computeBreakdowns(codebook: Codebook, responses: readonly Response[]): BreakdownResult[] {
  return codebook.breakdowns.flatMap((breakdown) => {
    const at = codebook.questions.findIndex((q) => q.id === breakdown.by);
    const question = codebook.questions[at];
    const options = question !== undefined && 'options' in question ? question.options : [];
    const members = options.map((_, i) =>
      responses.filter((r) => {
        const answer = r.answers[at];
        return Array.isArray(answer) ? answer.includes(i) : answer === i;
      }),
    );
    return breakdown.metrics.map((metricId) => {
      const metric = codebook.metrics.find((m) => m.id === metricId);
      if (metric === undefined) throw new Error(`breakdown names unknown metric ${metricId}; crossCheck should have refused it`);
      const groups = options.map((value, i): GroupResult => {
        const result = computeMetric(codebook, metric, members[i] ?? []);
        return { value, estimate: result.estimate, ci: result.ci, n: result.n, flags: groupFlags(result.n) };
      });
      return { by: breakdown.by, metric: metricId, groups };
    });
  });
}
