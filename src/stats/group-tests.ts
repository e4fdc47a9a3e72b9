/**
 * Tests behind the breakdowns, on unweighted counts: is a group different from the rest of the
 * respondents, and do the groups differ at all? Each function states its test; all are two-sided.
 */
import { chiSquareSurvival, normalTwoSided, tTwoSided } from './distributions.ts';
import type { TestResult } from '../model/test-result.ts';

/**
 * Pearson chi-square test of independence on a contingency table (rows: groups; columns: outcomes), without
 * continuity correction, as scipy's `chi2_contingency(table, correction=False)`. Rows and columns that are
 * all zero are left out. Null when fewer than two rows or columns remain.
 */
export function chiSquareIndependence(table: readonly (readonly number[])[]): TestResult | null {
  const rows = table.filter((row) => row.some((v) => v > 0));
  const columns = (rows[0] ?? []).map((_, j) => j).filter((j) => rows.some((row) => (row[j] ?? 0) > 0));
  if (rows.length < 2 || columns.length < 2) return null;
  const rowTotals = rows.map((row) => columns.reduce((sum, j) => sum + (row[j] ?? 0), 0));
  const columnTotals = columns.map((j) => rows.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  const n = rowTotals.reduce((a, b) => a + b, 0);
  let statistic = 0;
  rows.forEach((row, i) =>
    columns.forEach((j, k) => {
      const expected = ((rowTotals[i] ?? 0) * (columnTotals[k] ?? 0)) / n;
      statistic += ((row[j] ?? 0) - expected) ** 2 / expected;
    }),
  );
  const df = (rows.length - 1) * (columns.length - 1);
  return { method: 'chi-square', statistic, df, pValue: chiSquareSurvival(statistic, df) };
}

/**
 * Welch's t-test of two means from frequency tables (value → count), as scipy's
 * `ttest_ind(a, b, equal_var=False)`; Welch-Satterthwaite degrees of freedom. Null when a side has fewer
 * than two values or no spread.
 */
export function welchTest(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): TestResult | null {
  const sa = moments(a);
  const sb = moments(b);
  if (sa.n < 2 || sb.n < 2) return null;
  const va = sa.variance / sa.n;
  const vb = sb.variance / sb.n;
  // A side where everyone gave the same value has no spread to estimate from: its plug-in variance 0 would
  // make the smallest group look certain. No test then.
  if (va === 0 || vb === 0) return null;
  const statistic = (sa.mean - sb.mean) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (sa.n - 1) + vb ** 2 / (sb.n - 1));
  return { method: 'welch-t', statistic, df, pValue: tTwoSided(statistic, df) };
}

/** z-test of two NPS from counts of promoters, passives and detractors, with the trinomial variances; null when a side has no spread. */
export function npsTest(a: readonly [number, number, number], b: readonly [number, number, number]): TestResult | null {
  const pa = npsParts(a);
  const pb = npsParts(b);
  if (pa === null || pb === null || pa.variance === 0 || pb.variance === 0) return null;
  const statistic = (pa.nps - pb.nps) / Math.sqrt(pa.variance + pb.variance);
  return { method: 'nps-z', statistic, df: null, pValue: normalTwoSided(statistic) };
}

/**
 * p-values adjusted for the number of tests: Holm's step-down (family-wise error) or Benjamini-Hochberg's
 * step-up (false discovery rate), as statsmodels' `multipletests(method='holm' | 'fdr_bh')`.
 */
export function adjustPValues(pValues: readonly number[], method: 'holm' | 'bh'): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = Array.from({ length: m }, () => 0);
  if (method === 'holm') {
    let running = 0;
    order.forEach(({ p, i }, k) => {
      running = Math.max(running, Math.min(1, (m - k) * p));
      adjusted[i] = running;
    });
  } else {
    let running = 1;
    for (let k = m - 1; k >= 0; k--) {
      const { p, i } = order[k] as { p: number; i: number };
      running = Math.min(running, Math.min(1, (m / (k + 1)) * p));
      adjusted[i] = running;
    }
  }
  return adjusted;
}

/** n, mean and sample variance (n − 1) of a frequency table (value → count), summed in value order. */
export function moments(unordered: ReadonlyMap<number, number>): { n: number; mean: number; variance: number } {
  // Sums in value order, so the result does not depend on the order the rows came in.
  const counts = [...unordered].sort(([a], [b]) => a - b);
  let n = 0;
  let sum = 0;
  for (const [value, count] of counts) {
    n += count;
    sum += value * count;
  }
  const mean = n > 0 ? sum / n : 0;
  let squares = 0;
  for (const [value, count] of counts) squares += count * (value - mean) ** 2;
  return { n, mean, variance: n > 1 ? squares / (n - 1) : 0 };
}

function npsParts([promoters, passives, detractors]: readonly [number, number, number]): { nps: number; variance: number } | null {
  const n = promoters + passives + detractors;
  if (n === 0) return null;
  const pp = promoters / n;
  const pd = detractors / n;
  return { nps: 100 * (pp - pd), variance: (1e4 * (pp + pd - (pp - pd) ** 2)) / n };
}

/** The tests that exist, in order. */
export function present(...tests: (TestResult | null)[]): TestResult[] {
  return tests.filter((test): test is TestResult => test !== null);
}
