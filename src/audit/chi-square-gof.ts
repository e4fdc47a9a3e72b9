import { chiSquareSurvival } from '../stats/distributions.ts';

export interface GoodnessOfFit {
  statistic: number;
  df: number;
  pValue: number;
}

/**
 * Pearson chi-square goodness-of-fit of observed counts against expected shares:
 * X² = Σ (Oᵢ − Eᵢ)² / Eᵢ with Eᵢ = n·qᵢ, df = k − 1. This is scipy's `stats.chisquare(f_obs, n * q)` when
 * the shares sum to 1 and are all positive. Beyond scipy: shares are rescaled to sum to 1 (the codebook
 * allows ±0.01), categories with qᵢ = 0 and no observations are left out (and from df), and one with
 * qᵢ = 0 but observations makes the fit impossible: X² = ∞ (null in JSON), p = 0.
 *
 * Preconditions: counts ≥ 0, shares ≥ 0 summing to about 1, at least one response. Returns null when
 * n = 0 or fewer than two categories have a positive share (nothing to test).
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], shares: readonly number[]): GoodnessOfFit | null {
  const n = observed.reduce((sum, o) => sum + o, 0);
  const shareSum = shares.reduce((sum, q) => sum + q, 0);
  const positive = shares.filter((q) => q > 0).length;
  if (n === 0 || positive < 2) return null;
  let statistic = 0;
  observed.forEach((o, i) => {
    const q = (shares[i] ?? 0) / shareSum;
    if (q > 0) statistic += (o - n * q) ** 2 / (n * q);
    else if (o > 0) statistic = Number.POSITIVE_INFINITY;
  });
  const df = positive - 1;
  const pValue = Number.isFinite(statistic) ? chiSquareSurvival(statistic, df) : 0;
  return { statistic, df, pValue };
}
