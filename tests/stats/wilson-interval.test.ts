/**
 * wilsonInterval (src/stats/wilson-interval.ts).
 *
 * Expected values: tests/reference/reference-values.json, the "proportion" entries with method 'wilson',
 * computed by statsmodels 0.13.5 (scipy 1.10.1, tests/reference/reference_values.py) with
 *   statsmodels.stats.proportion.proportion_confint(x, n, alpha=round(1 - level, 10), method='wilson')
 * Each entry's `call` holds the exact call, e.g. `proportion_confint(3, 10, alpha=0.05, method='wilson')`.
 */
import { describe, expect, it } from 'vitest';
import reference from '../reference/reference-values.json' with { type: 'json' };
import { wilsonInterval } from '../../src/stats/wilson-interval.ts';

const cases = reference.proportion.filter((entry) => entry.method === 'wilson');
const LEVELS = [0.8, 0.9, 0.95, 0.99];

describe('wilsonInterval', () => {
  it('has reference cases to compare with, including n = 1', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(cases.some((entry) => entry.n === 1)).toBe(true);
  });

  for (const { x, n, level, low, high } of cases) {
    it(`wilsonInterval(${x}, ${n}, ${level}) matches statsmodels proportion_confint(method='wilson')`, () => {
      const result = wilsonInterval(x, n, level);
      expect(result?.estimate).toBe(x / n);
      // statsmodels gives -1.7e-18 for the low end at 0/154; ours is exactly 0 (checked below), within 1e-9.
      expect(result?.ci?.[0]).toBeCloseTo(low, 9);
      expect(result?.ci?.[1]).toBeCloseTo(high, 9);
    });
  }

  it('wilsonInterval(0, 0, 0.95) is null: no responses, no estimate', () => {
    expect(wilsonInterval(0, 0, 0.95)).toBeNull();
  });

  it.each([1, 2, 10, 154, 5000])('wilsonInterval(0, %i, level) starts at exactly 0 at every level', (n) => {
    for (const level of LEVELS) expect(wilsonInterval(0, n, level)?.ci?.[0]).toBe(0);
  });

  it.each([1, 2, 10, 154, 5000])('wilsonInterval(n, n, level) ends at exactly 1 at every level, n = %i', (n) => {
    for (const level of LEVELS) expect(wilsonInterval(n, n, level)?.ci?.[1]).toBe(1);
  });

  it('every x/n with n ≤ 40 gives a finite interval inside [0, 1] that contains x/n', () => {
    for (let n = 1; n <= 40; n++) {
      for (let x = 0; x <= n; x++) {
        for (const level of LEVELS) {
          const label = `wilsonInterval(${x}, ${n}, ${level})`;
          const [low, high] = wilsonInterval(x, n, level)?.ci ?? [Number.NaN, Number.NaN];
          expect(Number.isFinite(low) && Number.isFinite(high), label).toBe(true);
          expect(low, label).toBeGreaterThanOrEqual(0);
          expect(low, label).toBeLessThanOrEqual(x / n);
          expect(high, label).toBeGreaterThanOrEqual(x / n);
          expect(high, label).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('narrows as n grows for the same x/n = k/10 (n = 10, 100, 1000)', () => {
    const width = (x: number, n: number, level: number): number => {
      const ci = wilsonInterval(x, n, level)?.ci;
      return ci ? ci[1] - ci[0] : Number.NaN;
    };
    for (let k = 0; k <= 10; k++) {
      for (const level of LEVELS) {
        const [w10, w100, w1000] = [10, 100, 1000].map((n) => width((k * n) / 10, n, level));
        const label = `x/n = ${k}/10 at level ${level}: widths ${w10}, ${w100}, ${w1000}`;
        expect(w100, label).toBeLessThan(w10 ?? Number.NaN);
        expect(w1000, label).toBeLessThan(w100 ?? Number.NaN);
      }
    }
  });

  it('widens as the level rises for the same x and n', () => {
    const widths = LEVELS.map((level) => {
      const ci = wilsonInterval(3, 10, level)?.ci;
      return ci ? ci[1] - ci[0] : Number.NaN;
    });
    expect(widths).toEqual([...widths].sort((a, b) => a - b));
    expect(new Set(widths).size).toBe(LEVELS.length);
  });
});
