/**
 * Breakdown tests against scipy 1.10 / statsmodels 0.13 (tests/reference/group_tests_reference.py):
 * scipy.stats.chi2_contingency(table, correction=False), scipy.stats.ttest_ind(a, b, equal_var=False),
 * statsmodels.stats.multitest.multipletests(ps, method='holm' | 'fdr_bh'); the NPS z-test by hand formula.
 */
import { describe, expect, it } from 'vitest';
import { adjustPValues, chiSquareIndependence, npsTest, welchTest } from '../../src/stats/group-tests.ts';
import { mean } from '../../src/stats/kinds/mean.ts';
import { shareGroups } from '../../src/stats/kinds/share-kind.ts';
import reference from '../reference/group-tests-reference.json' with { type: 'json' };

function counts(values: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
  return map;
}

describe('group tests', () => {
  it.each(reference.twoByTwo)('a share, group vs rest: $call', ({ group, rest, statistic, pValue }) => {
    const [x1 = 0, n1 = 0] = group;
    const [x2 = 0, n2 = 0] = rest;
    const result = shareGroups.vsRest({ x: x1, n: n1 }, { x: x2, n: n2 });
    expect(result?.statistic).toBeCloseTo(statistic, 10);
    expect(result?.pValue).toBeCloseTo(pValue, 12);
  });

  it.each(reference.independence)('groups × outcomes: $call', ({ table, statistic, df, pValue }) => {
    const result = chiSquareIndependence(table);
    expect(result?.df).toBe(df);
    expect(result?.statistic).toBeCloseTo(statistic, 10);
    expect(result?.pValue).toBeCloseTo(pValue, 12);
  });

  it.each(reference.welch)('a mean, group vs rest: $call', ({ group, rest, statistic, df, pValue }) => {
    const result = welchTest(counts(group), counts(rest));
    expect(result?.statistic).toBeCloseTo(statistic, 10);
    expect(result?.df).toBeCloseTo(df, 10);
    expect(result?.pValue).toBeCloseTo(pValue, 10);
  });

  it.each(reference.nps)('an NPS, group vs rest: $call', ({ group, rest, statistic, pValue }) => {
    const result = npsTest(group as [number, number, number], rest as [number, number, number]);
    expect(result?.statistic).toBeCloseTo(statistic, 10);
    expect(result?.pValue).toBeCloseTo(pValue, 12);
  });

  it('adjusts p-values as Holm and Benjamini-Hochberg', () => {
    adjustPValues(reference.adjust.pValues, 'holm').forEach((p, i) => expect(p).toBeCloseTo(reference.adjust.holm[i] ?? Number.NaN, 12));
    adjustPValues(reference.adjust.pValues, 'bh').forEach((p, i) => expect(p).toBeCloseTo(reference.adjust.bh[i] ?? Number.NaN, 12));
  });

  it('has no test where there is nothing to compare', () => {
    expect(chiSquareIndependence([[5, 0]])).toBeNull();
    expect(chiSquareIndependence([[5, 0], [7, 0]])).toBeNull();
    expect(welchTest(counts([3]), counts([1, 2, 3]))).toBeNull();
    expect(welchTest(counts([2, 2]), counts([2, 2, 2]))).toBeNull();
    // Eight identical answers have no spread to estimate from: no test, rather than p ≈ 0.
    expect(welchTest(counts([5, 5, 5, 5, 5, 5, 5, 5]), counts([1, 2, 3, 4, 5, 3, 2]))).toBeNull();
    expect(npsTest([8, 0, 0], [30, 40, 30])).toBeNull();
    // Means: Welch's ANOVA, then the classic one; one group alone has nothing to compare.
    expect(mean.groups?.overall([{ counts: counts([1, 2]) }])).toEqual([]);
  });

  it("tests that several means differ with Welch's ANOVA and the one-way ANOVA (hand calculation)", () => {
    // Groups {1, 2} and {3, 4}: means 1.5 and 3.5, variances 0.5. Welch: t = 2/√(0.25 + 0.25), F = t² = 8 on
    // (1, 2) df; classic: between 2·1² + 2·1² = 4 on 1 df, within 0.5 + 0.5 = 1 on 2 df, F = 4/0.5 = 8.
    // p = P(F(1, 2) > 8) = P(|t₂| > √8) = 1 − √8/√(8 + 2) = 0.105572809 (t with 2 df: P(|T| > t) = 1 − t/√(t² + 2)).
    const tests = mean.groups?.overall([{ counts: counts([1, 2]) }, { counts: counts([3, 4]) }]) ?? [];
    expect(tests.map((t) => t.method)).toEqual(['welch-anova-f', 'anova-f']);
    for (const test of tests) {
      expect(test.statistic).toBeCloseTo(8, 12);
      expect([test.df, test.df2]).toEqual([1, 2]);
      expect(test.pValue).toBeCloseTo(1 - (2 * Math.SQRT2) / Math.sqrt(10), 12);
    }
  });

  it('subtracts a group from the whole to get the rest', () => {
    expect(shareGroups.subtract({ n: 10, x: 7 }, { n: 4, x: 1 })).toEqual({ n: 6, x: 6 });
    expect(mean.groups?.subtract({ counts: counts([1, 2, 2, 3]) }, { counts: counts([2, 3]) })).toEqual({ counts: counts([1, 2]) });
  });
});
