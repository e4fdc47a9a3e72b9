/**
 * What each key-driver analysis needs: the respondents with the outcome and every driver answered (complete
 * cases), kept as rows of [outcome, drivers...] so the analysis can be bootstrapped. The outcome is a
 * question's value (a likert's code 1..k), a share metric's success (1 or 0, in its denominator), or a mean
 * metric's value; each driver its question's value. Merged in row order, so the rows (and a seeded bootstrap
 * over them) are the same however the export was read.
 */
import type { Codebook, DriverAnalysis } from '../../codebook/schema.ts';
import type { Fold } from '../../model/fold.ts';
import { isHit } from '../kinds/share-kind.ts';
import { valueOf } from '../kinds/value-kind.ts';
import { answerFor, planMetric } from '../metric-plan.ts';
import type { Variable } from '../reliability/reliability-fold.ts';

/** The complete cases of one analysis: `width` values a row, rows one after another. */
export interface DriverCases {
  width: number;
  values: number[];
}

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

export function driversFold(codebook: Codebook): Fold<DriverCases[]> {
  const analyses = codebook.drivers.map((analysis) => [outcomeVariable(codebook, analysis), ...analysis.drivers.map((id) => questionValue(codebook, id))]);
  const row: number[] = [];
  return {
    create: () => analyses.map((vars) => ({ width: vars.length, values: [] })),
    add(states, { answers }) {
      analyses.forEach((vars, a) => {
        row.length = 0;
        for (const variable of vars) {
          const value = variable(answers);
          if (value === null) return;
          row.push(value);
        }
        const cases = states[a] as DriverCases;
        for (const value of row) cases.values.push(value);
      });
    },
    merge(into, from) {
      into.forEach((cases, a) => {
        const other = from[a] as DriverCases;
        for (const value of other.values) cases.values.push(value);
      });
    },
  };
}
