/**
 * What each key-driver analysis needs: over the respondents with the outcome and every driver answered
 * (complete cases), their number and the sums and cross-products of [outcome, drivers...]. The outcome is a
 * question's value (a likert's code 1..k), a share metric's success (1 or 0, in its denominator), or a mean
 * metric's value; each driver its question's value (complete-case sums of reliability-fold.ts).
 */
import type { Codebook, DriverAnalysis } from '../../codebook/schema.ts';
import type { Fold } from '../../model/fold.ts';
import { isHit } from '../kinds/share-kind.ts';
import { valueOf } from '../kinds/value-kind.ts';
import { answerFor, planMetric } from '../metric-plan.ts';
import { completeCaseFold, type ItemSums, type Variable } from '../reliability/reliability-fold.ts';

function questionValue(codebook: Codebook, id: string): Variable {
  const at = codebook.questions.findIndex((q) => q.id === id);
  const question = codebook.questions[at];
  return (answers) => {
    const answer = answers[at];
    return question === undefined || typeof answer !== 'number' ? null : valueOf(question, answer);
  };
}

export function outcomeVariable(codebook: Codebook, analysis: DriverAnalysis): Variable {
  if (typeof analysis.outcome === 'string') return questionValue(codebook, analysis.outcome);
  const { metric: id } = analysis.outcome;
  const metric = codebook.metrics.find((m) => m.id === id);
  if (metric === undefined) throw new Error(`driver outcome names unknown metric ${id}; crossCheck should have refused it`);
  const plan = planMetric(codebook, metric);
  return (answers) => {
    const answer = answerFor(plan, answers);
    if (answer === null) return null;
    return metric.kind === 'mean' ? valueOf(plan.question, answer) : isHit(plan, answer) ? 1 : 0;
  };
}

export function driversFold(codebook: Codebook): Fold<ItemSums[]> {
  return completeCaseFold(codebook.drivers.map((analysis) => [outcomeVariable(codebook, analysis), ...analysis.drivers.map((id) => questionValue(codebook, id))]));
}
