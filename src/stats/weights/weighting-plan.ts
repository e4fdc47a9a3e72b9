/**
 * What weighting needs from the codebook, looked up once: the weighting questions (their position in a
 * response and their population shares in option order) and how a response maps to its weighting cell.
 */
import type { Codebook } from '../../codebook/schema.ts';
import type { Answer } from '../../model/response.ts';
import { optionMatcher } from '../../validate/parse-answer.ts';

export interface WeightingMargin {
  question: string;
  /** Index of the question in `Response.answers`. */
  at: number;
  /** Population share of each option, in option order. */
  shares: number[];
}

export interface WeightingPlan {
  method: 'column' | 'poststratify' | 'rake';
  margins: WeightingMargin[];
  /** Cap on a weight, as a multiple of the mean weight (`weighting.trim`). */
  trim?: number;
  /** Whether design weights come from a column of the export (else every design weight is 1). */
  designWeights: boolean;
}

/** Undefined when the codebook does not weight. */
export function planWeighting(codebook: Codebook): WeightingPlan | undefined {
  const { weighting } = codebook;
  if (weighting.method === 'none') return undefined;
  const margins = weighting.method === 'column' ? [] : (weighting.by ?? []).map((id) => marginOf(codebook, id));
  return {
    method: weighting.method,
    margins,
    ...(weighting.trim === undefined ? {} : { trim: weighting.trim }),
    designWeights: weighting.column !== undefined,
  };
}

/**
 * The weighting the audit uses to see how much each headline depends on who answered, when the codebook
 * does not weight: raking (post-stratification for one) to every benchmarked question. Undefined without
 * benchmarks, or when the codebook weights (then its own weighting is the comparison).
 */
export function planAuditWeighting(codebook: Codebook): WeightingPlan | undefined {
  if (codebook.weighting.method !== 'none' || codebook.benchmarks.length === 0) return undefined;
  const margins = codebook.benchmarks.map((b) => marginOf(codebook, b.question));
  return { method: margins.length === 1 ? 'poststratify' : 'rake', margins, designWeights: false };
}

function marginOf(codebook: Codebook, id: string): WeightingMargin {
    const at = codebook.questions.findIndex((q) => q.id === id);
    const question = codebook.questions[at];
    const options = question !== undefined && 'options' in question ? question.options : [];
    const benchmark = codebook.benchmarks.find((b) => b.question === id);
    const matcher = optionMatcher(options);
    const shares = options.map(() => 0);
    for (const [label, share] of Object.entries(benchmark?.shares ?? {})) {
      const i = matcher.match(label);
      if (i !== undefined) shares[i] = share;
    }
    const total = shares.reduce((sum, s) => sum + s, 0);
    return { question: id, at, shares: shares.map((s) => (total > 0 ? s / total : 0)) };
}

/**
 * The respondent's weighting cell, e.g. `3,1`; undefined when a weighting question is unanswered. When design
 * weights are trimmed, weights differ within a cell, so the cell also carries the design weight (`3,1|2.5`):
 * respondents sharing a key then share their final weight, which is what per-cell sums need.
 */
export function cellKey(plan: WeightingPlan, answers: readonly Answer[], designWeight: number): string | undefined {
  const cell = cellOf(plan, answers);
  return cell === undefined || plan.trim === undefined || !plan.designWeights ? cell : `${cell}|${designWeight}`;
}

export function cellOf(plan: WeightingPlan, answers: readonly Answer[]): string | undefined {
  const parts: number[] = [];
  for (const margin of plan.margins) {
    const answer = answers[margin.at];
    if (typeof answer !== 'number') return undefined;
    parts.push(answer);
  }
  return parts.join(',');
}

/** Cell keys already split into their option indices: the variance code asks for them in its inner loops. */
const splitCells = new Map<string, number[]>();

/** The option index of margin `m` in a cell key. */
export function levelOf(cell: string, m: number): number {
  let levels = splitCells.get(cell);
  if (levels === undefined) {
    if (splitCells.size >= 100_000) splitCells.clear();
    levels = (cell.split('|')[0] ?? '').split(',').map(Number);
    splitCells.set(cell, levels);
  }
  return levels[m] ?? Number.NaN;
}
