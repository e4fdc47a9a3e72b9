/**
 * clopperPearsonInterval (src/stats/clopper-pearson-interval.ts).
 *
 * Expected values: tests/reference/reference-values.json, the "proportion" entries with method 'beta'
 * (statsmodels' name for Clopper-Pearson), computed by statsmodels 0.13.5 (scipy 1.10.1,
 * tests/reference/reference_values.py) with
 *   statsmodels.stats.proportion.proportion_confint(x, n, alpha=round(1 - level, 10), method='beta')
 * Each entry's `call` holds the exact call, e.g. `proportion_confint(3, 10, alpha=0.05, method='beta')`.
 * The beta quantiles agree to about 1e-15, so the usual 1e-9 tolerance needs no loosening.
 */
import { describe, expect, it } from 'vitest';
import reference from '../reference/reference-values.json' with { type: 'json' };
import { clopperPearsonInterval } from '../../src/stats/clopper-pearson-interval.ts';

const cases = reference.proportion.filter((entry) => entry.method === 'beta');
const LEVELS = [0.8, 0.9, 0.95, 0.99];

describe('clopperPearsonInterval', () => {
  it('has reference cases to compare with, including n = 1', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(cases.some((entry) => entry.n === 1)).toBe(true);
  });

  for (const { x, n, level, low, high } of cases) {
    it(`clopperPearsonInterval(${x}, ${n}, ${level}) matches statsmodels proportion_confint(method='beta')`, () => {
      const result = clopperPearsonInterval(x, n, level);
      expect(result?.estimate).toBe(x / n);
      expect(result?.ci?.[0]).toBeCloseTo(low, 9);
      expect(result?.ci?.[1]).toBeCloseTo(high, 9);
    });
  }

  it('clopperPearsonInterval(0, 0, 0.95) is null: no responses, no estimate', () => {
    expect(clopperPearsonInterval(0, 0, 0.95)).toBeNull();
  });

  it.each([1, 2, 10, 154, 5000])('clopperPearsonInterval(0, %i, level) starts at exactly 0 at every level', (n) => {
    for (const level of LEVELS) expect(clopperPearsonInterval(0, n, level)?.ci?.[0]).toBe(0);
  });

  it.each([1, 2, 10, 154, 5000])('clopperPearsonInterval(n, n, level) ends at exactly 1 at every level, n = %i', (n) => {
    for (const level of LEVELS) expect(clopperPearsonInterval(n, n, level)?.ci?.[1]).toBe(1);
  });

  it('every x/n with n ≤ 40 gives a finite interval inside [0, 1] that contains x/n', () => {
    for (let n = 1; n <= 40; n++) {
      for (let x = 0; x <= n; x++) {
        for (const level of LEVELS) {
          const label = `clopperPearsonInterval(${x}, ${n}, ${level})`;
          const [low, high] = clopperPearsonInterval(x, n, level)?.ci ?? [Number.NaN, Number.NaN];
          expect(Number.isFinite(low) && Number.isFinite(high), label).toBe(true);
          expect(low, label).toBeGreaterThanOrEqual(0);
          expect(low, label).toBeLessThanOrEqual(x / n);
          expect(high, label).toBeGreaterThanOrEqual(x / n);
          expect(high, label).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('clopperPearsonInterval(0, 1, 0.95) is [0, 0.975]: with one response the bound is 1 − α/2 (hand: B(0.975; 1, 1) = 0.975)', () => {
    expect(clopperPearsonInterval(0, 1, 0.95)?.ci?.[0]).toBe(0);
    expect(clopperPearsonInterval(0, 1, 0.95)?.ci?.[1]).toBeCloseTo(0.975, 12);
  });
});
