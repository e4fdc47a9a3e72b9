/**
 * tInterval (src/stats/t-interval.ts).
 *
 * Expected values: tests/reference/reference-values.json, the "t" entries, computed by scipy 1.10.1 /
 * numpy 1.24.2 (tests/reference/reference_values.py) with
 *   scipy.stats.t.interval(level, df=len(values) - 1, loc=numpy.mean(values), scale=scipy.stats.sem(values))
 * and sd = numpy.std(values, ddof=1); each entry's `call` holds the exact call.
 *
 * Tolerance: the bounds are compared at an absolute 1e-8, not 1e-9, because the reference itself is off.
 * scipy 1.10's t.ppf (cephes stdtri) is off by up to 5e-9 at df 4 and 5: the fixture's bounds for
 * [1, 2, 3, 4, 5] at 0.9 imply t.ppf(0.95, 4) = 2.1318467813362907, while the exact quantile (mpmath
 * 1.3.0 at 40 digits, and scipy 1.17.1 `scipy.stats.t.ppf(0.95, 4)` after scipy moved stdtrit to Boost,
 * scipy PR #22962) is 2.1318467863266495, which stdlib's tQuantile returns (see distributions.test.ts).
 * The largest gap this causes in a bound is 3.5e-9. Means and standard deviations are compared at 1e-9.
 */
import { describe, expect, it } from 'vitest';
import reference from '../reference/reference-values.json' with { type: 'json' };
import { tInterval } from '../../src/stats/t-interval.ts';
import { seededRandom } from '../../src/util/random.ts';

const BOUND_TOLERANCE = 1e-8;

describe('tInterval', () => {
  for (const { values, level, mean, sd, low, high } of reference.t) {
    it(`tInterval(${JSON.stringify(values)}, ${level}) matches scipy.stats.t.interval`, () => {
      const result = tInterval(values, level);
      expect(result?.estimate).toBeCloseTo(mean, 9);
      expect(result?.sd).toBeCloseTo(sd, 9);
      expect(Math.abs((result?.ci?.[0] ?? Number.NaN) - low)).toBeLessThan(BOUND_TOLERANCE);
      expect(Math.abs((result?.ci?.[1] ?? Number.NaN) - high)).toBeLessThan(BOUND_TOLERANCE);
    });
  }

  it('tInterval([], 0.95) is null: no values, no mean', () => {
    expect(tInterval([], 0.95)).toBeNull();
  });

  it('tInterval([7], 0.95) gives the mean 7 with ci null and sd null: one value has no spread', () => {
    expect(tInterval([7], 0.95)).toEqual({ estimate: 7, ci: null, sd: null });
  });

  it.each([
    [[4, 4, 4, 4, 4]],
    [[3, 3]],
    [[-2, -2, -2]],
    [[4.35, 4.35, 4.35, 4.35, 4.35, 4.35, 4.35]],
  ])('tInterval(%j, 0.95) of identical values is the zero-width interval [x̄, x̄] with sd 0', (values) => {
    const value = values[0];
    expect(tInterval(values, 0.95)).toEqual({ estimate: value, ci: [value, value], sd: 0 });
  });

  // Regression: a summed mean of [0.1, 0.1, 0.1] is 0.10000000000000002, which left sd = 1.7e-17 and a
  // ci of [0.09999999999999998, 0.10000000000000006] where the doc comment promises [x̄, x̄].
  it('tInterval([0.1, 0.1, 0.1], 0.95) of identical values is the zero-width interval [0.1, 0.1] with sd 0', () => {
    expect(tInterval([0.1, 0.1, 0.1], 0.95)).toEqual({ estimate: 0.1, ci: [0.1, 0.1], sd: 0 });
  });

  it('is symmetric about the mean, contains it and widens with the level (300 seeded samples)', () => {
    const random = seededRandom(42);
    for (let draw = 0; draw < 300; draw++) {
      const values = Array.from({ length: random.int(2, 60) }, () => random.int(0, 10));
      const label = `tInterval(${JSON.stringify(values)}, level)`;
      let previousWidth = -1;
      for (const level of [0.8, 0.9, 0.95, 0.99]) {
        const result = tInterval(values, level);
        const [low, high] = result?.ci ?? [Number.NaN, Number.NaN];
        const estimate = result?.estimate ?? Number.NaN;
        expect(low, label).toBeLessThanOrEqual(estimate);
        expect(high, label).toBeGreaterThanOrEqual(estimate);
        expect(high - estimate, label).toBeCloseTo(estimate - low, 9);
        expect(high - low, label).toBeGreaterThanOrEqual(previousWidth);
        previousWidth = high - low;
      }
    }
  });
});
