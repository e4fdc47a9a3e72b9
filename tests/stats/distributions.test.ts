/**
 * Distribution functions (src/stats/distributions.ts).
 *
 * Expected values: tests/reference/reference-values.json, the "quantiles" entries, computed by
 * scipy 1.10.1 (tests/reference/reference_values.py); each entry's `call` is the exact scipy call
 * (e.g. `scipy.stats.t.ppf(0.975, 9)`), matched below to the function under test.
 *
 * A few extra values (marked) come from scipy 1.17.1, whose t.ppf uses Boost (scipy PR #22962) and agrees
 * with a 40-digit mpmath 1.3.0 root of the t CDF to ~1e-16; scipy 1.10's cephes t.ppf, which built the
 * fixture, is off by up to 5e-9 at df 4-5 (see t-interval.test.ts).
 */
import { describe, expect, it } from 'vitest';
import reference from '../reference/reference-values.json' with { type: 'json' };
import { betaQuantile, chiSquareSurvival, normalQuantile, tQuantile, zFor } from '../../src/stats/distributions.ts';

/** The fixture's scipy call → the same quantity from the function under test. */
const UNDER_TEST: Record<string, { call: string; compute: () => number }> = {
  'scipy.stats.norm.ppf(0.975)': { call: 'normalQuantile(0.975)', compute: () => normalQuantile(0.975) },
  'scipy.stats.t.ppf(0.975, 9)': { call: 'tQuantile(0.975, 9)', compute: () => tQuantile(0.975, 9) },
  'scipy.stats.t.ppf(0.95, 153)': { call: 'tQuantile(0.95, 153)', compute: () => tQuantile(0.95, 153) },
  'scipy.stats.chi2.sf(12.5, 6)': { call: 'chiSquareSurvival(12.5, 6)', compute: () => chiSquareSurvival(12.5, 6) },
  'scipy.stats.beta.ppf(0.025, 3, 8)': { call: 'betaQuantile(0.025, 3, 8)', compute: () => betaQuantile(0.025, 3, 8) },
};

const cases = reference.quantiles.map((entry) => ({ ...entry, ours: UNDER_TEST[entry.call]?.call ?? 'unmapped' }));

describe('distributions', () => {
  it('maps every reference quantile to a function under test', () => {
    expect(cases.filter((entry) => entry.ours === 'unmapped').map((entry) => entry.call)).toEqual([]);
  });

  // scipy 1.10's t.ppf(0.975, 9) is 5.7e-11 from the exact 2.262157162798205, well within 1e-9.
  for (const { call, ours, value } of cases) {
    it(`${ours} matches ${call}`, () => {
      const compute = UNDER_TEST[call]?.compute;
      if (compute === undefined) throw new Error(`no function under test for ${call}`);
      expect(compute()).toBeCloseTo(value, 9);
    });
  }

  it('zFor(0.95) is scipy.stats.norm.ppf(0.975), the two-sided critical z', () => {
    const fixture = reference.quantiles.find((entry) => entry.call === 'scipy.stats.norm.ppf(0.975)');
    expect(zFor(0.95)).toBeCloseTo(fixture?.value ?? Number.NaN, 12);
  });

  it.each([
    // [p, df, scipy 1.17.1 scipy.stats.t.ppf(p, df)]
    [0.95, 4, 2.1318467863266495],
    [0.975, 4, 2.7764451051977934],
    [0.975, 5, 2.5705818356363146],
    [0.95, 5, 2.0150483733330233],
  ])('tQuantile(%d, %i) is exact to 1e-13 (scipy 1.17.1 scipy.stats.t.ppf = %d)', (p, df, expected) => {
    expect(Math.abs(tQuantile(p, df) - expected)).toBeLessThan(1e-13);
  });

  it('betaQuantile(0.975, 1, 1) is 0.975: Beta(1, 1) is uniform (hand)', () => {
    expect(betaQuantile(0.975, 1, 1)).toBeCloseTo(0.975, 12);
  });

  it('chiSquareSurvival(0, 3) is 1 and chiSquareSurvival(x, df) falls as x grows', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    const tail = [0.5, 2, 5, 12.5, 30].map((x) => chiSquareSurvival(x, 6));
    expect(tail).toEqual([...tail].sort((a, b) => b - a));
  });

  // Regression: computing 1 − cdf cancelled to 0 once the upper tail dropped below ~1e-16. scipy 1.10
  // (fixture "chisquare", scipy.stats.chisquare([70, 30, 10, 5, 15, 14, 10], f_exp=154 * ...)) and scipy
  // 1.17.1 `scipy.stats.chi2.sf(444.12770562770555, 6)` both give 9.010133453642267e-93.
  it('chiSquareSurvival(444.12770562770555, 6) keeps its relative precision far in the tail (scipy.stats.chi2.sf = 9.010133453642267e-93)', () => {
    expect(chiSquareSurvival(444.12770562770555, 6) / 9.010133453642267e-93).toBeCloseTo(1, 9);
  });
});
