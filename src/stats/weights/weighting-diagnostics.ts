/** What a reader needs to judge the weights: how much they vary, the effective n, and how raking went. */
import type { Calibration, CellTotal } from './calibrate.ts';
import type { WeightingPlan } from './weighting-plan.ts';

export interface WeightingDiagnostics {
  method: WeightingPlan['method'];
  by: string[];
  trim: number | null;
  /** Respondents carrying a weight, and those left out for not answering a weighting question. */
  n: number;
  unweightable: number;
  /** Kish: (Σw)²/Σw², and the design effect due to weighting n / nEffective. */
  nEffective: number;
  designEffect: number;
  /** Respondents weighted 0 (in a category whose population share is 0). */
  zeroWeights: number;
  /** Weights relative to their mean; the smallest and the ratio are over the non-zero weights. */
  minWeight: number;
  maxWeight: number;
  maxMinRatio: number;
  /** Share of the total weight carried by the most heavily weighted 1% and 5% of respondents (null with untrimmed design weights, which vary within a cell). */
  topShare1: number | null;
  topShare5: number | null;
  iterations: number;
  converged: boolean;
  trimmed: number;
}

export function weightingDiagnostics(plan: WeightingPlan, cells: ReadonlyMap<string, CellTotal>, calibration: Calibration, unweightable: number): WeightingDiagnostics {
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  let min = Number.POSITIVE_INFINITY;
  let zeroWeights = 0;
  let max = 0;
  for (const [cell, c] of cells) {
    const g = calibration.g.get(cell) ?? 0;
    n += c.n;
    sum += g * c.a1;
    sumSquares += g * g * c.a2;
    // Zero weights (a category the population does not have) are counted apart; the ratio is over the others.
    if (g * c.dMin > 0) min = Math.min(min, g * c.dMin);
    else zeroWeights += c.n;
    max = Math.max(max, g * c.dMax);
  }
  const mean = n > 0 ? sum / n : 0;
  const topShare = (fraction: number): number | null => {
    // Design weights vary within a cell unless the cell key carries them (when trimming).
    if ((plan.designWeights && plan.trim === undefined) || sum <= 0) return null;
    // Every respondent of a key carries the same weight: take the heaviest keys first, part of the last.
    const weightOf = (cell: string, c: CellTotal): number => ((calibration.g.get(cell) ?? 0) * c.a1) / Math.max(1, c.n);
    let left = fraction * n;
    let carried = 0;
    for (const [cell, c] of [...cells].sort(([a, ca], [b, cb]) => weightOf(b, cb) - weightOf(a, ca) || (a < b ? -1 : 1))) {
      const take = Math.min(left, c.n);
      carried += take * weightOf(cell, c);
      left -= take;
      if (left <= 0) break;
    }
    return carried / sum;
  };
  const nEffective = sumSquares > 0 ? (sum * sum) / sumSquares : 0;
  return {
    method: plan.method,
    by: plan.margins.map((m) => m.question),
    trim: plan.trim ?? null,
    n,
    unweightable,
    nEffective,
    designEffect: nEffective > 0 ? n / nEffective : 0,
    minWeight: mean > 0 && Number.isFinite(min) ? min / mean : 0,
    maxWeight: mean > 0 ? max / mean : 0,
    maxMinRatio: Number.isFinite(min) && min > 0 ? max / min : 0,
    zeroWeights,
    topShare1: topShare(0.01),
    topShare5: topShare(0.05),
    iterations: calibration.iterations,
    converged: calibration.converged,
    trimmed: calibration.trimmed,
  };
}
