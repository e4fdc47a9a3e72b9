/**
 * One-way analysis of means: do several group means differ? From per-group frequency tables (value → count),
 * the form the breakdowns keep, as R's `oneway.test(y ~ g, var.equal = TRUE | FALSE)`.
 */
import { sum } from 'simple-statistics';
import { fSurvival } from './distributions.ts';
import type { TestResult } from '../model/test-result.ts';

/** An ANOVA's outcome: a `TestResult` whose `df` is the numerator's (k − 1) and `df2` the denominator's. */
export type AnovaResult = TestResult & { method: 'anova-f' | 'welch-anova-f'; df: number; df2: number };

/**
 * Classic one-way ANOVA (equal variances), as R `oneway.test(y ~ g, var.equal = TRUE)` and scipy
 * `f_oneway`: with k groups of n_i values, means m_i and variances v_i (n_i − 1 denominator), N = Σ n_i and
 * ȳ the mean of all values,
 *
 *     F = [Σ n_i (m_i − ȳ)² / (k − 1)] / [Σ (n_i − 1) v_i / (N − k)],  df = (k − 1, N − k),
 *
 * p = P(F(k − 1, N − k) ≥ F).
 *
 * Groups with fewer than two values are left out (R stops on them instead). Null when fewer than two groups
 * remain, or when no group has any spread (Σ (n_i − 1) v_i = 0: F would be infinite or 0/0).
 */
export function oneWayAnova(groups: readonly ReadonlyMap<number, number>[]): AnovaResult | null {
  const kept = groups.map(groupMoments).filter((g) => g.n >= 2);
  const k = kept.length;
  if (k < 2) return null;
  const n = sum(kept.map((g) => g.n));
  const within = sum(kept.map((g) => g.squares));
  if (within === 0) return null;
  const grandMean = sum(kept.map((g) => g.sum)) / n;
  const between = sum(kept.map((g) => g.n * (g.mean - grandMean) ** 2));
  const statistic = between / (k - 1) / (within / (n - k));
  const df1 = k - 1;
  const df2 = n - k;
  return { method: 'anova-f', statistic, df: df1, df2, pValue: fSurvival(statistic, df1, df2) };
}

/**
 * Welch's heteroscedastic one-way ANOVA, as R `oneway.test(y ~ g, var.equal = FALSE)` (Welch 1951): with
 * w_i = n_i / v_i, W = Σ w_i, m = Σ w_i m_i / W and λ = Σ (1 − w_i/W)² / (n_i − 1) / (k² − 1),
 *
 *     F = Σ w_i (m_i − m)² / [(k − 1)(1 + 2(k − 2)λ)],  df = (k − 1, 1 / (3λ)).
 *
 * With two groups F is the square of Welch's t (`welchTest` in group-tests.ts).
 *
 * Groups with fewer than two values are left out (R stops on them instead). Null when fewer than two groups
 * remain, or when a remaining group has no spread: its weight n_i / 0 is infinite (R returns NaN), and
 * a group of identical answers would look certain.
 */
export function welchAnova(groups: readonly ReadonlyMap<number, number>[]): AnovaResult | null {
  const kept = groups.map(groupMoments).filter((g) => g.n >= 2);
  const k = kept.length;
  if (k < 2 || kept.some((g) => g.squares === 0)) return null;
  const weights = kept.map((g) => g.n / (g.squares / (g.n - 1)));
  const totalWeight = sum(weights);
  const lambda = sum(kept.map((g, i) => (1 - (weights[i] ?? 0) / totalWeight) ** 2 / (g.n - 1))) / (k ** 2 - 1);
  const mean = sum(kept.map((g, i) => (weights[i] ?? 0) * g.mean)) / totalWeight;
  const between = sum(kept.map((g, i) => (weights[i] ?? 0) * (g.mean - mean) ** 2));
  const statistic = between / ((k - 1) * (1 + 2 * (k - 2) * lambda));
  const df1 = k - 1;
  const df2 = 1 / (3 * lambda);
  return { method: 'welch-anova-f', statistic, df: df1, df2, pValue: fSurvival(statistic, df1, df2) };
}

interface GroupMoments {
  n: number;
  sum: number;
  mean: number;
  /** Σ c (v − mean)², the within-group sum of squares. */
  squares: number;
}

function groupMoments(counts: ReadonlyMap<number, number>): GroupMoments {
  // Compensated sums in value order, so the result does not depend on the order the rows came in.
  const entries = [...counts].filter(([, c]) => c > 0).sort(([a], [b]) => a - b);
  const n = sum(entries.map(([, c]) => c));
  const total = sum(entries.map(([v, c]) => v * c));
  const mean = n > 0 ? total / n : 0;
  return { n, sum: total, mean, squares: sum(entries.map(([v, c]) => c * (v - mean) ** 2)) };
}
