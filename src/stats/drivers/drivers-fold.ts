/**
 * What each key-driver analysis needs: the respondents with the outcome and every driver answered (complete
 * cases), kept as distinct rows of [outcome, drivers...] with how many respondents gave each, so the analysis
 * can be bootstrapped. The outcome is a question's value (a likert's code 1..k), a share metric's success (1
 * or 0, in its denominator), or a mean metric's value; each driver its question's value. The analysis sorts
 * the rows (driver-analysis.ts), so they are the same however the export was read. When the survey is
 * weighted, a row is also its design weight and weighting cell, whose calibration factor is known only at the
 * end (final weight g·d).
 */
import type { Codebook, DriverAnalysis } from '../../codebook/schema.ts';
import type { Fold } from '../../model/fold.ts';
import { isHit } from '../kinds/share-kind.ts';
import { valueOf } from '../kinds/value-kind.ts';
import { answerFor, planMetric, planQuestions } from '../metric-plan.ts';
import { questionsAt, readCase, type Variable } from '../reliability/reliability-fold.ts';
import { cellKey, planWeighting } from '../weights/weighting-plan.ts';

/** The complete cases of one analysis: `width` values a row, rows one after another, each distinct. */
export interface DriverCases {
  width: number;
  values: number[];
  /** Per row: the respondents who gave it. */
  counts: number[];
  /** Weighted surveys: per row its design weight, and its weighting cell as an index into `cellNames` (−1: unweightable, no weight). */
  weighted?: { designWeights: number[]; cells: number[]; cellNames: string[]; cellIndex: Map<string, number> };
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
  const weighting = planWeighting(codebook);
  const row: number[] = [];
  const reads = codebook.drivers.flatMap((analysis) => [
    ...(typeof analysis.outcome === 'string' ? [analysis.outcome] : []),
    ...analysis.drivers,
  ]);
  const outcomeMetrics = codebook.drivers.flatMap((analysis) => (typeof analysis.outcome === 'string' ? [] : [analysis.outcome.metric]));
  const metricQuestions = outcomeMetrics.flatMap((id) => {
    const metric = codebook.metrics.find((m) => m.id === id);
    return metric === undefined ? [] : planQuestions(planMetric(codebook, metric));
  });
  return {
    reads: {
      questions: [...new Set([...questionsAt(codebook, reads), ...metricQuestions, ...(weighting?.margins.map((m) => m.at) ?? [])])],
      ...(weighting === undefined ? {} : { weights: true, design: true }),
    },
    create: () => analyses.map((vars) => ({ width: vars.length, values: [], counts: [], ...(weighting === undefined ? {} : { weighted: { designWeights: [], cells: [], cellNames: [], cellIndex: new Map() } }) })),
    add(states, response) {
      const { answers } = response;
      const cell = weighting === undefined ? undefined : cellKey(weighting, response, response.weight ?? 1);
      analyses.forEach((vars, a) => {
        if (readCase(vars, answers, row)) addCase(states[a] as DriverCases, row, cell, response.weight ?? 1, 1);
      });
    },
    merge(into, from) {
      into.forEach((cases, a) => {
        const other = from[a] as DriverCases;
        const { width } = other;
        for (let r = 0; r < other.counts.length; r++) {
          const c = other.weighted?.cells[r] ?? -1;
          addCase(cases, other.values.slice(r * width, (r + 1) * width), c < 0 ? undefined : other.weighted?.cellNames[c], other.weighted?.designWeights[r] ?? 1, other.counts[r] ?? 0);
        }
      });
    },
  };
}

/** Where each distinct row of a state sits (a cache beside it, rebuilt from it when missing). */
const rowIndexes = new WeakMap<DriverCases, Map<string, number>>();

/** Adds `count` respondents with these values (and, weighted, cell and design weight) to their row, or as a new row. */
function addCase(cases: DriverCases, values: readonly number[], cell: string | undefined, designWeight: number, count: number): void {
  let index = rowIndexes.get(cases);
  if (index === undefined) {
    index = new Map();
    for (let r = 0; r < cases.counts.length; r++) index.set(rowKey(cases, cases.values.slice(r * cases.width, (r + 1) * cases.width), r), r);
    rowIndexes.set(cases, index);
  }
  const weighted = cases.weighted;
  const key = `${values.join(',')}${weighted === undefined ? '' : `|${cell ?? ''}|${designWeight}`}`;
  const found = index.get(key);
  if (found !== undefined) {
    cases.counts[found] = (cases.counts[found] ?? 0) + count;
    return;
  }
  index.set(key, cases.counts.length);
  for (const value of values) cases.values.push(value);
  cases.counts.push(count);
  if (weighted !== undefined) addCell(weighted, cell, designWeight);
}

/** A stored row's key, as addCase writes it. */
function rowKey(cases: DriverCases, values: readonly number[], r: number): string {
  const weighted = cases.weighted;
  if (weighted === undefined) return values.join(',');
  const c = weighted.cells[r] ?? -1;
  return `${values.join(',')}|${c < 0 ? '' : (weighted.cellNames[c] ?? '')}|${weighted.designWeights[r] ?? 1}`;
}

function addCell(weighted: NonNullable<DriverCases['weighted']>, cell: string | undefined, designWeight: number): void {
  weighted.designWeights.push(designWeight);
  if (cell === undefined) {
    weighted.cells.push(-1);
    return;
  }
  let index = weighted.cellIndex.get(cell);
  if (index === undefined) {
    index = weighted.cellNames.push(cell) - 1;
    weighted.cellIndex.set(cell, index);
  }
  weighted.cells.push(index);
}

/** Each row's final weight g·d from the calibration's factor per cell (0 for an unweightable row). */
export function finalWeights(cases: DriverCases, g: ReadonlyMap<string, number>): Float64Array | undefined {
  const { weighted } = cases;
  if (weighted === undefined) return undefined;
  const factors = weighted.cellNames.map((name) => g.get(name) ?? 0);
  return Float64Array.from(weighted.cells, (c, r) => (c < 0 ? 0 : (factors[c] ?? 0) * (weighted.designWeights[r] ?? 0)));
}
