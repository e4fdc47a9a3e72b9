/**
 * proportionInterval (src/stats/proportion-interval.ts): the codebook's `ciMethod` picks the estimator.
 *
 * Expected values: tests/reference/reference-values.json, all "proportion" entries, computed by
 * statsmodels 0.13.5 (scipy 1.10.1, tests/reference/reference_values.py) with
 *   statsmodels.stats.proportion.proportion_confint(x, n, alpha=round(1 - level, 10), method=M)
 * where M = 'wilson' | 'beta' (Clopper-Pearson) | 'agresti_coull'; each entry's `call` holds the exact call.
 * The property tests draw their cases from seededRandom (src/util/random.ts), so every run sees the same cases.
 */
import { describe, expect, it } from 'vitest';
import reference from '../reference/reference-values.json' with { type: 'json' };
import type { CiMethod } from '../../src/codebook/schema.ts';
import { proportionInterval } from '../../src/stats/proportion-interval.ts';
import { seededRandom } from '../../src/util/random.ts';

/** statsmodels' method name → the codebook's `ciMethod`. */
const CI_METHOD: Record<string, CiMethod> = { wilson: 'wilson', beta: 'clopper-pearson', agresti_coull: 'agresti-coull' };
const METHODS: readonly CiMethod[] = ['wilson', 'clopper-pearson', 'agresti-coull'];
const LEVELS = [0.8, 0.9, 0.95, 0.99] as const;

const cases = reference.proportion.map((entry) => ({ ...entry, ciMethod: CI_METHOD[entry.method] }));

/** ~500 seeded draws of 0 ≤ x ≤ n ≤ 5000 and a level from LEVELS. */
function drawCases(seed: number, count: number): { x: number; n: number; level: number }[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const n = random.int(1, 5000);
    return { x: random.int(0, n), n, level: LEVELS[random.int(0, LEVELS.length - 1)] ?? 0.95 };
  });
}

describe('proportionInterval', () => {
  it('knows every method the reference uses', () => {
    expect(cases.every((entry) => entry.ciMethod !== undefined)).toBe(true);
  });

  for (const { x, n, level, method, ciMethod, low, high } of cases) {
    it(`proportionInterval(${x}, ${n}, ${level}, '${String(ciMethod)}') matches statsmodels proportion_confint(method='${method}')`, () => {
      if (ciMethod === undefined) throw new Error('unmapped statsmodels method');
      const result = proportionInterval(x, n, level, ciMethod);
      expect(result?.estimate).toBe(x / n);
      expect(result?.ci?.[0]).toBeCloseTo(low, 9);
      expect(result?.ci?.[1]).toBeCloseTo(high, 9);
    });
  }

  it.each(METHODS)("proportionInterval(0, 0, 0.95, '%s') is null", (method) => {
    expect(proportionInterval(0, 0, 0.95, method)).toBeNull();
  });

  it.each(METHODS)("proportionInterval(0, n, level, '%s') starts at exactly 0 and (n, n) ends at exactly 1", (method) => {
    for (const n of [1, 7, 154, 5000]) {
      for (const level of LEVELS) {
        expect(proportionInterval(0, n, level, method)?.ci?.[0]).toBe(0);
        expect(proportionInterval(n, n, level, method)?.ci?.[1]).toBe(1);
      }
    }
  });

  it.each(METHODS)(
    "proportionInterval(x, n, level, '%s') contains x/n, lies within [0, 1] and is never NaN (500 seeded draws, n ≤ 5000)",
    (method) => {
      const draws = drawCases(20240601, 500);
      // The draws must reach the edges the contract singles out, not only the comfortable middle.
      expect(draws.some(({ n }) => n < 50)).toBe(true);
      for (const { x, n, level } of draws) {
        const label = `proportionInterval(${x}, ${n}, ${level}, '${method}')`;
        const result = proportionInterval(x, n, level, method);
        const [low, high] = result?.ci ?? [Number.NaN, Number.NaN];
        expect(result?.estimate, label).toBe(x / n);
        expect(Number.isNaN(low) || Number.isNaN(high), label).toBe(false);
        expect(low, label).toBeGreaterThanOrEqual(0);
        expect(low, label).toBeLessThanOrEqual(x / n);
        expect(high, label).toBeGreaterThanOrEqual(x / n);
        expect(high, label).toBeLessThanOrEqual(1);
      }
    },
  );

  it.each(METHODS)("proportionInterval(x, n, level, '%s') at the edges x ∈ {0, 1, n − 1, n} stays inside [0, 1] (seeded n ≤ 5000)", (method) => {
    for (const { n, level } of drawCases(7, 200)) {
      for (const x of new Set([0, 1, n - 1, n].filter((value) => value >= 0 && value <= n))) {
        const label = `proportionInterval(${x}, ${n}, ${level}, '${method}')`;
        const [low, high] = proportionInterval(x, n, level, method)?.ci ?? [Number.NaN, Number.NaN];
        expect(low, label).toBeGreaterThanOrEqual(0);
        expect(low, label).toBeLessThanOrEqual(x / n);
        expect(high, label).toBeGreaterThanOrEqual(x / n);
        expect(high, label).toBeLessThanOrEqual(1);
      }
    }
  });
});
