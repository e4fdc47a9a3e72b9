/**
 * oneWayAnova and welchAnova (src/stats/anova.ts) against R 4.2.2 (tests/reference/anova_quantile_reference.R,
 * values in anova-quantile-reference.json): `oneway.test(y ~ g, data = dd, var.equal = TRUE | FALSE)` on
 * each dataset's groups (each entry's `call`), and `pf(x, df1, df2, lower.tail = FALSE)` for the far tail.
 * A group R cannot take (one value: oneway.test stops) is listed in `dropped`; R ran without it, while
 * our functions get it and must leave it out themselves.
 *
 * Tolerances: relative 1e-10 on statistics and degrees of freedom, relative 1e-8 on p-values (down to
 * p ≈ 3e-60).
 */
import { describe, expect, it } from 'vitest';
import { oneWayAnova, welchAnova } from '../../src/stats/anova.ts';
import { fSurvival } from '../../src/stats/distributions.ts';
import reference from '../reference/anova-quantile-reference.json' with { type: 'json' };

function counts(values: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
  return map;
}

function expectRelative(actual: number | undefined, expected: number | null, tolerance: number): void {
  expect(expected).not.toBeNull();
  const e = expected ?? Number.NaN;
  expect(Math.abs((actual ?? Number.NaN) - e)).toBeLessThanOrEqual(tolerance * Math.abs(e));
}

const datasets = reference.anova.map((entry) => ({
  ...entry,
  tables: Object.values(entry.groups as Record<string, number[]>).map(counts),
}));

describe('oneWayAnova', () => {
  it.each(datasets)('$name: matches R $equal.call', ({ tables, equal }) => {
    const result = oneWayAnova(tables);
    expect(result?.method).toBe('anova-f');
    expectRelative(result?.statistic, equal.statistic, 1e-10);
    expectRelative(result?.df, equal.df1, 1e-10);
    expectRelative(result?.df2, equal.df2, 1e-10);
    expectRelative(result?.pValue, equal.pValue, 1e-8);
  });

  it('does not depend on the order of the rows or of the groups', () => {
    const [a, b, c] = [[2.1, 3.4, 1.9, 5.0, 4.2], [6.3, 5.5, 7.1, 4.8], [3.3, 2.2, 4.4, 3.9, 5.1, 2.8, 3.0]];
    const forward = oneWayAnova([counts(a), counts(b), counts(c)]);
    const backward = oneWayAnova([counts([...c].reverse()), counts([...a].reverse()), counts([...b].reverse())]);
    expect(backward?.statistic).toBeCloseTo(forward?.statistic ?? Number.NaN, 12);
  });

  it('has no test with fewer than two groups of two values, or no spread within groups', () => {
    expect(oneWayAnova([])).toBeNull();
    expect(oneWayAnova([counts([1, 2, 3])])).toBeNull();
    expect(oneWayAnova([counts([1, 2, 3]), counts([4])])).toBeNull();
    expect(oneWayAnova([counts([1, 1, 1]), counts([4, 4])])).toBeNull();
  });

  it('gives F = 0 and p = 1 when the group means are equal', () => {
    expect(oneWayAnova([counts([1, 3]), counts([0, 2, 4])])).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('leaves out a group with no spread only if it has fewer than two values', () => {
    // [5, 5] has two values and no spread: it stays (it adds to the groups and to N), unlike Welch.
    expect(oneWayAnova([counts([1, 2, 3]), counts([5, 5]), counts([2, 4])])?.df).toBe(2);
  });
});

describe('welchAnova', () => {
  it.each(datasets)('$name: matches R $welch.call', ({ tables, welch }) => {
    const result = welchAnova(tables);
    expect(result?.method).toBe('welch-anova-f');
    expectRelative(result?.statistic, welch.statistic, 1e-10);
    expectRelative(result?.df, welch.df1, 1e-10);
    expectRelative(result?.df2, welch.df2, 1e-10);
    expectRelative(result?.pValue, welch.pValue, 1e-8);
  });

  it('has no test when a group has no spread (R: infinite weight, NaN statistic)', () => {
    expect(welchAnova([counts([1, 2, 3]), counts([5, 5]), counts([2, 4])])).toBeNull();
    expect(welchAnova([counts([1, 2, 3]), counts([7])])).toBeNull();
  });
});

describe('fSurvival in the far tail', () => {
  it.each(reference.pf)('matches R $call', ({ x, df1, df2, p }) => {
    expectRelative(fSurvival(x, df1, df2), p, 1e-8);
  });
});
