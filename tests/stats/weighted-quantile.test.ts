/**
 * weightedQuantile and woodruffInterval (src/stats/weighted-quantile.ts) against R 4.2.2 with survey 4.1-1
 * (tests/reference/anova_quantile_reference.R, values in anova-quantile-reference.json):
 *
 * - `qrule_math`: `survey:::qrule_math(qx, qw, p)` on small hand-made data (each entry's `call`);
 * - `svyquantile`: per dataset `des <- svydesign(ids = ~1, weights = ~w, data = d)` and
 *   `svyquantile(~x, des, quantiles = c(0.1, 0.25, 0.5, 0.75, 0.9), ci = TRUE)` (also with
 *   `interval.type = "beta"`, and with `df = Inf` for two datasets), with p̂ and its SE from
 *   `svymean(~as.numeric(x <= qhat), des)` (`pHat_call`), which the interval is fed as the caller would.
 *
 * Quantiles and interval bounds are data values and are compared exactly; the SE svyquantile reports at a
 * relative 1e-9; the interval for p̂ before it is mapped to values at an absolute 1e-12 (for beta that is
 * R's `qbeta` against stdlib's; seen: 2e-15). `df: null` in the JSON is R's Inf; `degf` is degf(des), which the beta
 * interval's effective n uses whatever df svyquantile is given.
 */
import { describe, expect, it } from 'vitest';
import { weightedQuantile, woodruffInterval } from '../../src/stats/weighted-quantile.ts';
import type { WeightedValue } from '../../src/stats/weighted-quantile.ts';
import reference from '../reference/anova-quantile-reference.json' with { type: 'json' };

function weighted(x: readonly number[], w: readonly number[]): WeightedValue[] {
  return x.map((value, i) => ({ value, weight: w[i] ?? Number.NaN }));
}

function expectSe(actual: number | null, expected: number | null): void {
  if (expected === null) expect(actual).toBeNull();
  else expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));
}

/** Each bound within `tolerance` of R's; R's NaN (null) must be NaN here. */
function expectClose(actual: readonly number[], expected: readonly (number | null)[], tolerance: number): void {
  expected.forEach((e, i) => {
    if (e === null) expect(actual[i]).toBeNaN();
    else expect(Math.abs((actual[i] ?? Number.NaN) - e)).toBeLessThanOrEqual(tolerance);
  });
}

const data = reference.quantile_data as Record<string, { x: number[]; w: number[] }>;

describe('weightedQuantile', () => {
  for (const { x, w, values } of reference.qrule_math) {
    it.each(values)(`x = ${JSON.stringify(x)}, w = ${JSON.stringify(w)}: $call = $value`, ({ p, value }) => {
      expect(weightedQuantile(weighted(x, w), p)).toBe(value);
    });
  }

  it.each(reference.svyquantile)('$name: the estimates of $call', ({ data: name, quantiles }) => {
    const { x, w } = data[name] ?? { x: [], w: [] };
    for (const { p, quantile } of quantiles) expect(weightedQuantile(weighted(x, w), p)).toBe(quantile);
  });

  it('returns the second smallest value when the first weight alone exceeds p (R quirk kept)', () => {
    // 75% of the weight is on 1, yet R's qrule_math gives a median of 4: survey:::qrule_math(c(4, 1), c(1, 3), 0.5).
    expect(weightedQuantile(weighted([4, 1], [1, 3]), 0.5)).toBe(4);
    expect(weightedQuantile(weighted([4, 1], [1, 3]), 0.75)).toBe(1);
  });

  it('does not depend on the row order', () => {
    const { x, w } = data.continuous_unequal ?? { x: [], w: [] };
    const rows = weighted(x, w);
    const reversed = [...rows].reverse();
    for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) expect(weightedQuantile(reversed, p)).toBe(weightedQuantile(rows, p));
  });

  it('is null without a positive weight, and rejects p outside [0, 1] and negative weights', () => {
    expect(weightedQuantile([], 0.5)).toBeNull();
    expect(weightedQuantile(weighted([1, 2], [0, 0]), 0.5)).toBeNull();
    expect(() => weightedQuantile(weighted([1, 2], [1, 1]), 1.5)).toThrow(RangeError);
    expect(() => weightedQuantile(weighted([1, 2], [1, 1]), Number.NaN)).toThrow(RangeError);
    expect(() => weightedQuantile(weighted([1, 2], [1, -1]), 0.5)).toThrow(RangeError);
  });
});

describe('woodruffInterval', () => {
  const cases = reference.svyquantile.flatMap(({ name, data: dataName, call, beta_call: betaCall, df, degf, rows, quantiles }) =>
    quantiles.map((q) => ({ name, dataName, call, betaCall, df: df ?? Infinity, designDf: degf, rows, ...q })),
  );

  it.each(cases)('$name, p = $p: the interval of $call', ({ dataName, df, pHat, pHat_se: se, pconfint, ci, se: rSe }) => {
    const { x, w } = data[dataName] ?? { x: [], w: [] };
    const result = woodruffInterval({ values: weighted(x, w), proportion: pHat, se, df, level: 0.95 });
    expectClose(result.proportionCi, pconfint, 1e-12);
    expect([result.lower, result.upper]).toEqual(ci);
    expectSe(result.se, rSe);
  });

  it.each(cases)('$name, p = $p: the interval of $betaCall', ({ dataName, df, designDf, rows, pHat, pHat_se: se, beta }) => {
    const { x, w } = data[dataName] ?? { x: [], w: [] };
    const values = weighted(x, w);
    const result = woodruffInterval({ values, proportion: pHat, se, df, level: 0.95, method: 'beta', rows, designDf });
    expectClose(result.proportionCi, beta.pconfint, 1e-12);
    expect([result.lower, result.upper]).toEqual(beta.ci);
    expectSe(result.se, beta.se);
  });

  it('maps p̂ ± z·se back through the quantile rule, with the normal quantile for df = Infinity', () => {
    // p̂ ± 1.96 · 0.05 = [0.402, 0.598]: 4.02 and 5.98 of the 10 unit weights, so the values 5 and 6.
    const values = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], Array.from({ length: 10 }, () => 1));
    const result = woodruffInterval({ values, proportion: 0.5, se: 0.05, df: Infinity, level: 0.95 });
    expect([result.lower, result.upper]).toEqual([5, 6]);
    expect(result.se).toBeCloseTo(1 / (2 * 1.959963984540054), 14);
  });

  it('gives null bounds where the interval for p̂ leaves [0, 1], and then no SE', () => {
    const values = weighted([1, 2, 3], [1, 1, 1]);
    expect(woodruffInterval({ values, proportion: 0.1, se: 0.2, df: 10, level: 0.95 })).toMatchObject({ lower: null, upper: 2, se: null });
    expect(woodruffInterval({ values, proportion: 0.9, se: 0.2, df: 10, level: 0.95 })).toMatchObject({ lower: 2, upper: null, se: null });
  });
});
