/**
 * A statistical test's outcome, as breakdowns carry it, named as it is: `chi-square` (Pearson, unweighted
 * counts), `rao-scott-f` (R's svychisq(statistic = "F") on a weighted or designed table), `welch-t`
 * (two unweighted means), `nps-z` (two unweighted NPS), `wald-f` (design-based, several means: regTermTest(svyglm(y ~ by), ~by)),
 * `anova-f` (unweighted one-way ANOVA, equal variances), `welch-anova-f` (Welch's heteroscedastic ANOVA).
 */
export interface TestResult {
  method: 'chi-square' | 'rao-scott-f' | 'welch-t' | 'nps-z' | 'wald-f' | 'anova-f' | 'welch-anova-f';
  statistic: number;
  /** Degrees of freedom (an F test's numerator's); null for a z test. */
  df: number | null;
  /** An F test's denominator degrees of freedom. */
  df2?: number;
  pValue: number;
}
