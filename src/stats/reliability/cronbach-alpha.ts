/**
 * Scale reliability of a set of items (a likert battery an index is built from), from their sample
 * covariance matrix over the respondents who answered every item, as R's `psych::alpha` reports it:
 *
 *   α = k/(k − 1) · (1 − Σ C_ii / Σ C_ij)        Cronbach's alpha (psych `raw_alpha`)
 *   standardised α: the same on the correlation matrix (psych `std.alpha`)
 *   α if an item is deleted (psych `alpha.drop$raw_alpha`)
 *   item–rest correlation: of an item with the sum of the others (psych `item.stats$r.drop`)
 *   Feldt's interval: 1 − (1 − α)·F(1 − γ/2 | γ/2; n − 1, (n − 1)(k − 1)), γ = 1 − level (psych `alpha.ci`)
 *
 * Preconditions: at least two items, at least two respondents, and a scale whose total has variance; null
 * otherwise. An item that does not vary leaves alpha (as psych gives it) but no correlations: standardised alpha,
 * the mean inter-item r and its own item–rest r are null; so is an item–rest r whose rest does not vary. Pure.
 */
import { betaQuantile } from '../distributions.ts';
import { correlationOf } from './reliability-fold.ts';

export interface Reliability {
  alpha: number;
  standardized: number | null;
  /** Feldt's interval for α at `level`. */
  ci: [number, number];
  level: number;
  /** Per item: its correlation with the sum of the other items, and α without it. */
  itemRest: (number | null)[];
  alphaIfDeleted: (number | null)[];
  /** The mean correlation between two items. */
  averageR: number | null;
}

export function cronbachAlpha(covariance: readonly (readonly number[])[], n: number, level = 0.95): Reliability | null {
  const k = covariance.length;
  if (k < 2 || n < 2) return null;
  const alpha = rawAlpha(covariance);
  if (alpha === null) return null;
  const correlation = correlationOf(covariance);
  const standardized = correlation === null ? null : rawAlpha(correlation);
  let pairs = 0;
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) pairs += correlation?.[i]?.[j] ?? 0;
  const itemRest = covariance.map((row, i) => {
    let withRest = 0;
    let rest = 0;
    for (let j = 0; j < k; j++) {
      if (j === i) continue;
      withRest += row[j] ?? 0;
      for (let l = 0; l < k; l++) if (l !== i) rest += covariance[j]?.[l] ?? 0;
    }
    const spread = Math.sqrt((row[i] ?? 0) * rest);
    return spread > 0 ? withRest / spread : null;
  });
  const alphaIfDeleted = covariance.map((_, i) => (k > 2 ? rawAlpha(without(covariance, i)) : null));
  const gamma = 1 - level;
  const df1 = n - 1;
  const df2 = (n - 1) * (k - 1);
  const ci: [number, number] = [1 - (1 - alpha) * fQuantile(1 - gamma / 2, df1, df2), 1 - (1 - alpha) * fQuantile(gamma / 2, df1, df2)];
  return { alpha, standardized, ci, level, itemRest, alphaIfDeleted, averageR: correlation === null ? null : pairs / ((k * (k - 1)) / 2) };
}

/** k/(k − 1)·(1 − trace/sum); null when the sum is not positive. */
function rawAlpha(matrix: readonly (readonly number[])[]): number | null {
  const k = matrix.length;
  let trace = 0;
  let total = 0;
  matrix.forEach((row, i) => {
    trace += row[i] ?? 0;
    for (const c of row) total += c;
  });
  return total > 0 ? (k / (k - 1)) * (1 - trace / total) : null;
}

function without(matrix: readonly (readonly number[])[], drop: number): number[][] {
  return matrix.filter((_, i) => i !== drop).map((row) => row.filter((_, j) => j !== drop));
}

/** The p-quantile of F(d1, d2), from the Beta(d1/2, d2/2) quantile q: (d2/d1)·q/(1 − q). */
export function fQuantile(p: number, d1: number, d2: number): number {
  const q = betaQuantile(p, d1 / 2, d2 / 2);
  return (d2 / d1) * (q / (1 - q));
}
