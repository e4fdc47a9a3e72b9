/**
 * agrestiCoullInterval (src/stats/agresti-coull-interval.ts).
 *
 * Expected values: tests/reference/reference-values.json, the "proportion" entries with method
 * 'agresti_coull', computed by statsmodels 0.13.5 (scipy 1.10.1, tests/reference/reference_values.py) with
 *   statsmodels.stats.proportion.proportion_confint(x, n, alpha=round(1 - level, 10), method='agresti_coull')
 * (statsmodels clips this interval to [0, 1], as the function under test does). Each entry's `call` holds
 * the exact call, e.g. `proportion_confint(3, 10, alpha=0.05, method='agresti_coull')`.
 */
import { describe, expect, it } from 'vitest';
import reference from '../reference/reference-values.json' with { type: 'json' };
import { agrestiCoullInterval } from '../../src/stats/agresti-coull-interval.ts';

const cases = reference.proportion.filter((entry) => entry.method === 'agresti_coull');
const LEVELS = [0.8, 0.9, 0.95, 0.99];

describe('agrestiCoullInterval', () => {
  it('has reference cases to compare with, including n = 1', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(cases.some((entry) => entry.n === 1)).toBe(true);
  });

  for (const { x, n, level, low, high } of cases) {
    it(`agrestiCoullInterval(${x}, ${n}, ${level}) matches statsmodels proportion_confint(method='agresti_coull')`, () => {
      const result = agrestiCoullInterval(x, n, level);
      // The reported estimate stays x/n, not the shrunk p̃ = (x + z²/2) / (n + z²).
      expect(result?.estimate).toBe(x / n);
      expect(result?.ci?.[0]).toBeCloseTo(low, 9);
      expect(result?.ci?.[1]).toBeCloseTo(high, 9);
    });
  }

  it('agrestiCoullInterval(0, 0, 0.95) is null: no responses, no estimate', () => {
    expect(agrestiCoullInterval(0, 0, 0.95)).toBeNull();
  });

  it.each([1, 2, 10, 154, 5000])('agrestiCoullInterval(0, %i, level) is clipped to start at exactly 0 at every level', (n) => {
    for (const level of LEVELS) expect(agrestiCoullInterval(0, n, level)?.ci?.[0]).toBe(0);
  });

  it.each([1, 2, 10, 154, 5000])('agrestiCoullInterval(n, n, level) is clipped to end at exactly 1 at every level, n = %i', (n) => {
    for (const level of LEVELS) expect(agrestiCoullInterval(n, n, level)?.ci?.[1]).toBe(1);
  });

  it('every x/n with n ≤ 40 gives a finite interval inside [0, 1] that contains x/n', () => {
    for (let n = 1; n <= 40; n++) {
      for (let x = 0; x <= n; x++) {
        for (const level of LEVELS) {
          const label = `agrestiCoullInterval(${x}, ${n}, ${level})`;
          const [low, high] = agrestiCoullInterval(x, n, level)?.ci ?? [Number.NaN, Number.NaN];
          expect(Number.isFinite(low) && Number.isFinite(high), label).toBe(true);
          expect(low, label).toBeGreaterThanOrEqual(0);
          expect(low, label).toBeLessThanOrEqual(x / n);
          expect(high, label).toBeGreaterThanOrEqual(x / n);
          expect(high, label).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});
