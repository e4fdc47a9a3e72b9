/**
 * Weighted quantiles and their Woodruff confidence intervals, as R survey 4.1-1 `svyquantile` computes them
 * with its defaults `qrule = "math"` and `interval.type = "mean"` (or `"beta"`). Pure: the caller supplies
 * the design-based share and its standard error (its own linearised variance code).
 */
import { betaQuantile, normalQuantile, tQuantile } from './distributions.ts';

export interface WeightedValue {
  value: number;
  weight: number;
  /**
   * How many rows (respondents) share this value and weight, when values come merged (default 1). R works on
   * rows: its fall-back to the second row gives the first value again when two rows hold it.
   */
  rows?: number;
}

/**
 * The p-quantile of weighted values, exactly R survey's `qrule_math(x, w, p)` (via `survey:::qs`): drop zero
 * weights, sort by value, take the cumulative weights C_i with total W and pos = the last i with
 * C_i ≤ p·W; the quantile is x_pos when C_pos = p·W exactly (p − C_pos/W == 0) and x_{pos+1} (x_n at the
 * end) otherwise: the smallest value whose cumulative share reaches p.
 *
 * R's quirk is kept: when even the first weight exceeds p·W (p = 0, or a small p), R's `last()` falls back
 * to pos = 1 and the rule returns the value of the SECOND row (x = [1, 4] with weights [3, 1] has median 4;
 * x = [1, 1, 4] with weights [2, 1, 1] has median 1): with merged values, give `rows`.
 *
 * Ties keep their given order, as R's `order()` does; the cumulative weights are compensated sums (R
 * accumulates `cumsum` and `sum` in long double), so the result does not depend on the row order.
 *
 * Preconditions: finite values, finite weights ≥ 0, 0 ≤ p ≤ 1 (else RangeError). No positive weight → null.
 */
export function weightedQuantile(values: readonly WeightedValue[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`weightedQuantile: p must be in [0, 1], got ${p}`);
  if (values.some(({ weight }) => !(weight >= 0 && weight < Infinity))) {
    throw new RangeError('weightedQuantile: weights must be finite and not negative');
  }
  const sorted = values.filter(({ weight }) => weight > 0).sort((a, b) => a.value - b.value);
  const cumulative = compensatedCumulativeSums(sorted.map(({ weight }) => weight));
  const total = cumulative.at(-1);
  if (total === undefined) return null;
  const target = p * total;
  let pos = -1;
  for (let i = cumulative.length - 1; i >= 0; i--) {
    if ((cumulative[i] ?? Infinity) <= target) {
      pos = i;
      break;
    }
  }
  // R's fall-back: position 1 and then the next row, which is still the first value when it fills two rows.
  if (pos < 0) {
    const first = sorted[0] as WeightedValue;
    return (first.rows ?? 1) >= 2 ? first.value : (sorted[1] ?? first).value;
  }
  const next = Math.min(pos + 1, sorted.length - 1);
  const below = p - (cumulative[pos] ?? 0) / total;
  return (sorted[below === 0 ? pos : next] as WeightedValue).value;
}

export interface WoodruffOptions {
  /**
   * The values with their weights, for the quantiles of the interval's bounds. R uses
   * `weights(design, "sampling")` here and `weights(design)` for the estimate q̂; for a `svydesign` (also when
   * post-stratified, raked or trimmed) both are 1/design$prob, the final weights, so pass the same list as
   * for q̂. Only replicate-weight designs, whose svyquantile is other code, tell them apart.
   */
  values: readonly WeightedValue[];
  /** p̂, the weighted share of values at or below q̂: R's `coef(svymean(~as.numeric(x <= qhat), design))`. */
  proportion: number;
  /** The design-based standard error of `proportion`: R's `SE(svymean(...))`. */
  se: number;
  /** Degrees of freedom (R: `degf(design)`, rows with positive weight − 1 for `ids = ~1`); Infinity → normal. */
  df: number;
  /** Confidence level, e.g. 0.95 (R: 1 − alpha). */
  level: number;
}

/**
 * `interval.type = "mean"` (the default): Wald bounds on p̂. `"beta"`: Clopper-Pearson-like bounds on an
 * effective sample size, which needs the design's row count (R: `nrow(design)`, zero weights included) and
 * its degrees of freedom `designDf` (R: `degf(design)`, even when svyquantile is given another `df`, which
 * then only sets crit and the SE); `designDf` defaults to `df`.
 */
export type WoodruffMethod = { method?: 'mean' } | { method: 'beta'; rows: number; designDf?: number };

export interface WoodruffInterval {
  /** [p_L, p_U], the interval for p̂ before it is mapped to values (may leave [0, 1], or be NaN). */
  proportionCi: [number, number];
  /** null where R gives NaN: the bound on p̂ is below 0 (lower) or above 1 (upper), or not a number. */
  lower: number | null;
  upper: number | null;
  /** The SE svyquantile reports, (upper − lower) / (2·crit); null when a bound is. */
  se: number | null;
}

/**
 * Woodruff's confidence interval for a quantile, as R survey's `woodruffCI` inside `svyquantile`: an
 * interval [p_L, p_U] for the share p̂ of weight at or below q̂, mapped back through the quantile function,
 * [weightedQuantile(values, p_L), weightedQuantile(values, p_U)]. The interval is centred on p̂, not on the
 * requested p (R does not use p here). With a = (1 − level)/2 and crit = t(1 − a, df) (normal for df = ∞):
 *
 * - `mean`: [p_L, p_U] = p̂ + se·[t(a, df), t(1 − a, df)] (R `confint(m, level = 1 - alpha, df = df)`);
 * - `beta`: n_eff = p̂(1 − p̂)/se² · (t(a, rows − 1) / t(a, df))², p_L = Beta⁻¹(a; n_eff·p̂, n_eff(1 − p̂) + 1),
 *   p_U = Beta⁻¹(1 − a; n_eff·p̂ + 1, n_eff(1 − p̂)), with `designDf` in place of df (see WoodruffMethod).
 *
 * A bound whose p_L < 0 or p_U > 1 (or NaN, e.g. beta with se = 0) is null, as R's NaN; then `se` is null.
 * Preconditions as `weightedQuantile`; no positive weight gives null bounds.
 */
export function woodruffInterval(options: WoodruffOptions & WoodruffMethod): WoodruffInterval {
  const { values, proportion, se, df, level } = options;
  const a = (1 - level) / 2;
  const [pLow, pHigh] =
    options.method === 'beta'
      ? betaBounds(proportion, se, a, options.designDf ?? df, options.rows)
      : [proportion + se * quantileOf(a, df), proportion + se * quantileOf(1 - a, df)];
  // R passes a p_L above 1 (or a p_U below 0) to the rule as is; clamping it to [0, 1] picks the same value.
  const lower = pLow >= 0 ? weightedQuantile(values, Math.min(pLow, 1)) : null;
  const upper = pHigh <= 1 ? weightedQuantile(values, Math.max(pHigh, 0)) : null;
  return {
    proportionCi: [pLow, pHigh],
    lower,
    upper,
    se: lower === null || upper === null ? null : (upper - lower) / (2 * quantileOf(1 - a, df)),
  };
}

function betaBounds(proportion: number, se: number, a: number, designDf: number, rows: number): [number, number] {
  const nEff = ((proportion * (1 - proportion)) / se ** 2) * (quantileOf(a, rows - 1) / quantileOf(a, designDf)) ** 2;
  return [
    betaQuantile(a, nEff * proportion, nEff * (1 - proportion) + 1),
    betaQuantile(1 - a, nEff * proportion + 1, nEff * (1 - proportion)),
  ];
}

/** Student t quantile, or the normal one for df = ∞ (R's `qt(p, Inf)` = `qnorm(p)`). */
function quantileOf(p: number, df: number): number {
  return df === Infinity ? normalQuantile(p) : tQuantile(p, df);
}

/** Running sums with Neumaier's compensation, each rounded once: the cumulative weights. */
function compensatedCumulativeSums(terms: readonly number[]): number[] {
  let total = 0;
  let compensation = 0;
  return terms.map((term) => {
    const next = total + term;
    compensation += Math.abs(total) >= Math.abs(term) ? total - next + term : term - next + total;
    total = next;
    return total + compensation;
  });
}
