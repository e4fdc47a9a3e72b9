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
  /** Weights relative to their mean. */
  minWeight: number;
  maxWeight: number;
  maxMinRatio: number;
  iterations: number;
  converged: boolean;
  trimmed: number;
}

export function weightingDiagnostics(plan: WeightingPlan, cells: ReadonlyMap<string, CellTotal>, calibration: Calibration, unweightable: number): WeightingDiagnostics {
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const [cell, c] of cells) {
    const g = calibration.g.get(cell) ?? 0;
    n += c.n;
    sum += g * c.a1;
    sumSquares += g * g * c.a2;
    min = Math.min(min, g * c.dMin);
    max = Math.max(max, g * c.dMax);
  }
  const mean = n > 0 ? sum / n : 0;
  const nEffective = sumSquares > 0 ? (sum * sum) / sumSquares : 0;
  return {
    method: plan.method,
    by: plan.margins.map((m) => m.question),
    trim: plan.trim ?? null,
    n,
    unweightable,
    nEffective,
    designEffect: nEffective > 0 ? n / nEffective : 0,
    minWeight: mean > 0 ? min / mean : 0,
    maxWeight: mean > 0 ? max / mean : 0,
    maxMinRatio: min > 0 ? max / min : Number.POSITIVE_INFINITY,
    iterations: calibration.iterations,
    converged: calibration.converged,
    trimmed: calibration.trimmed,
  };
}
