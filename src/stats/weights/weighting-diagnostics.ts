/** What a reader needs to judge the weights: how much they vary, the effective n, and how raking went. */
import type { Calibration, CellTotal } from './calibrate.ts';
import type { WeightingPlan } from './weighting-plan.ts';
import type { WeightingDiagnostics } from '../../model/weighting-diagnostics.ts';

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
