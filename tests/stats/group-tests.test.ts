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
    // Means get no overall test (no ANOVA): none rather than a wrong one.
    expect(mean.groups?.overall([{ counts: counts([1, 2]) }, { counts: counts([3, 4]) }])).toBeNull();
  });

  it('subtracts a group from the whole to get the rest', () => {
    expect(shareGroups.subtract({ n: 10, x: 7 }, { n: 4, x: 1 })).toEqual({ n: 6, x: 6 });
    expect(mean.groups?.subtract({ counts: counts([1, 2, 2, 3]) }, { counts: counts([2, 3]) })).toEqual({ counts: counts([1, 2]) });
  });
});
