/**
 * The tests behind a banner table's letters and arrows, two-sided: two unweighted shares by the pooled
 * two-proportion z-test (SPSS's "compare column proportions"; statsmodels `proportions_ztest([x1, x2],
 * [n1, n2])`), two unweighted means by the pooled two-sample t-test (scipy `ttest_ind(a, b)`), and the
 * adjustment of one row's p-values for their number. Weighted cells use the design-based difference of
 * two domains (weights/linearized-mean.ts `domainDifference`).
 */
import { normalTwoSided, tTwoSided } from '../distributions.ts';
import { adjustPValues, moments } from '../group-tests.ts';

/** Signed statistic and two-sided p-value; null when the test cannot be made. */
export interface ColumnTest {
  statistic: number;
  pValue: number;
}

/** z = (p1 − p2) / √(p̄(1 − p̄)(1/n1 + 1/n2)) with p̄ the pooled share; null when a side is empty or p̄ is 0 or 1. */
export function pooledZTest(x1: number, n1: number, x2: number, n2: number): ColumnTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return null;
  const statistic = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  return { statistic, pValue: normalTwoSided(statistic) };
}

/**
 * Student's t with the pooled variance s² = ((n1 − 1)s1² + (n2 − 1)s2²)/(n1 + n2 − 2) on n1 + n2 − 2
 * degrees of freedom, from frequency tables (value → count); null without a degree of freedom or spread.
 */
export function pooledTTest(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): ColumnTest | null {
  const sa = moments(a);
  const sb = moments(b);
  const df = sa.n + sb.n - 2;
  if (sa.n < 1 || sb.n < 1 || df < 1) return null;
  const pooled = ((sa.n - 1) * sa.variance + (sb.n - 1) * sb.variance) / df;
  if (!(pooled > 0)) return null;
  const statistic = (sa.mean - sb.mean) / Math.sqrt(pooled * (1 / sa.n + 1 / sb.n));
  return { statistic, pValue: tTwoSided(statistic, df) };
}

/** p-values adjusted for their number: Holm's step-down, Bonferroni's m·p (at most 1), or as they are. */
export function adjustRow(pValues: readonly number[], method: 'holm' | 'bonferroni' | 'none'): number[] {
  if (method === 'holm') return adjustPValues(pValues, 'holm');
  if (method === 'bonferroni') return pValues.map((p) => Math.min(1, p * pValues.length));
  return [...pValues];
}

/** The letter of the k-th lettered column: A..Z, then AA, AB, … (as spreadsheet columns). */
export function columnLetter(k: number): string {
  let letter = '';
  for (let n = k + 1; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}
