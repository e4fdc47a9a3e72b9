/**
 * What weighting needs from the codebook, looked up once: the weighting questions (their position in a
 * response and their population shares in option order) and how a response maps to its weighting cell.
 */
import type { Codebook, Design, Weighting } from '../../codebook/schema.ts';
import type { Answer, Response } from '../../model/response.ts';
import { DESIGN_SEPARATOR } from '../design/design-key.ts';
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
  /** Whether design weights come from a column of the export (else every design weight is 1, or from `fpc`). */
  designWeights: boolean;
  /** The sampling design (`design`): each respondent's cell then carries its stratum and units. */
  design?: DesignSpec;
}

/** What the variance needs to know of the design beyond each respondent's place in it. */
export interface DesignSpec {
  /** Whether `ids` names PSUs (else every respondent is a PSU of their own). */
  clustered: boolean;
  /** Whether the second stage counts: a second `ids` with its `fpc` (R ignores later stages without one). */
  twoStage: boolean;
  /** Stages named in `ids`. */
  stages: number;
  /** Whether `strata` names the strata (else the whole sample is one). */
  strata: boolean;
  /** Whether `fpc` gives population sizes. */
  fpc: boolean;
  nest: boolean;
  lonelyPsu: Design['lonelyPsu'];
}

/** The codebook's design as the variance needs it; undefined without `design`. */
export function designSpec(codebook: Codebook): DesignSpec | undefined {
  const { design } = codebook;
  if (design === undefined) return undefined;
  const ids = design.ids ?? [];
  return {
    clustered: ids.length > 0,
    twoStage: ids.length > 1 && (design.fpc?.length ?? 0) > 1,
    stages: ids.length,
    strata: design.strata !== undefined,
    fpc: design.fpc !== undefined,
    nest: design.nest,
    lonelyPsu: design.lonelyPsu,
  };
}

/** Undefined when the codebook does not weight (and has no design). */
export function planWeighting(codebook: Codebook): WeightingPlan | undefined {
  return planWeightingOf(codebook, codebook.weighting);
}

/** The plan of one weighting of the codebook: its own, or one of `weightings` (on the same design). */
export function planWeightingOf(codebook: Codebook, weighting: Weighting): WeightingPlan | undefined {
  const design = designSpec(codebook);
  // A design alone is estimated as R's svydesign does: weights from `fpc`, else all 1.
  if (weighting.method === 'none') return design === undefined ? undefined : { method: 'column', margins: [], designWeights: false, design };
  const margins = weighting.method === 'column' ? [] : (weighting.by ?? []).map((id) => marginOf(codebook, id));
  return {
    method: weighting.method,
    margins,
    ...(weighting.trim === undefined ? {} : { trim: weighting.trim }),
    designWeights: weighting.column !== undefined,
    ...(design === undefined ? {} : { design }),
  };
}

/**
 * The weighting the audit uses to see how much each headline depends on who answered, when the codebook
 * does not weight: raking (post-stratification for one) to every benchmarked question, on top of the
 * codebook's design if it has one. Undefined without benchmarks, or when the codebook weights (then its own
 * weighting is the comparison).
 */
export function planAuditWeighting(codebook: Codebook): WeightingPlan | undefined {
  if (codebook.weighting.method !== 'none' || codebook.benchmarks.length === 0) return undefined;
  const margins = codebook.benchmarks.map((b) => marginOf(codebook, b.question));
  const design = designSpec(codebook);
  return { method: margins.length === 1 ? 'poststratify' : 'rake', margins, designWeights: false, ...(design === undefined ? {} : { design }) };
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
export function cellKey(plan: WeightingPlan, response: Response, designWeight: number): string | undefined {
  const cell = cellOf(plan, response.answers);
  if (cell === undefined) return undefined;
  const weighted = plan.trim === undefined || !plan.designWeights ? cell : `${cell}|${designWeight}`;
  return plan.design === undefined || response.design === undefined ? weighted : `${weighted}${DESIGN_SEPARATOR}${response.design}`;
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
    // The weighting part ends at a trimmed design weight (`|`) or at the design's key.
    const end = [cell.indexOf('|'), cell.indexOf(DESIGN_SEPARATOR)].filter((at) => at >= 0);
    levels = cell.slice(0, end.length > 0 ? Math.min(...end) : cell.length).split(',').map(Number);
    splitCells.set(cell, levels);
  }
  return levels[m] ?? Number.NaN;
}
