/**
 * totalVariationDistance (src/audit/total-variation-distance.ts): ½ Σ |pᵢ − qᵢ|.
 *
 * Expected values are hand calculations, with the arithmetic in a comment beside each case.
 */
import { describe, expect, it } from 'vitest';
import { totalVariationDistance } from '../../src/audit/total-variation-distance.ts';
import { seededRandom } from '../../src/util/random.ts';

describe('totalVariationDistance', () => {
  it('totalVariationDistance([0.5, 0.3, 0.2], [0.4, 0.4, 0.2]) is 0.1', () => {
    // Hand: ½ (|0.5 − 0.4| + |0.3 − 0.4| + |0.2 − 0.2|) = ½ (0.1 + 0.1 + 0) = 0.1
    expect(totalVariationDistance([0.5, 0.3, 0.2], [0.4, 0.4, 0.2])).toBeCloseTo(0.1, 12);
  });

  it('totalVariationDistance of the 154-respondent sample against its 7-category benchmark is 464/1100', () => {
    // Sample shares (70, 30, 10, 5, 15, 14, 10)/154 against population (0.06, 0.18, 0.08, 0.02, 0.12, 0.30, 0.24)
    // (the fixture's first "chisquare" case). Categories above the population: 70, 30, 5 →
    // Σ (pᵢ − qᵢ) over them = 105/154 − (0.06 + 0.18 + 0.02) = 15/22 − 0.26 = (750 − 286)/1100 = 464/1100.
    // Both shares sum to 1, so the categories below contribute the same amount; ½ · 2 · 464/1100 = 0.421818…
    const sample = [70, 30, 10, 5, 15, 14, 10].map((count) => count / 154);
    const population = [0.06, 0.18, 0.08, 0.02, 0.12, 0.3, 0.24];
    expect(totalVariationDistance(sample, population)).toBeCloseTo(464 / 1100, 12);
  });

  it('totalVariationDistance([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]) is exactly 0: identical distributions', () => {
    expect(totalVariationDistance([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])).toBe(0);
  });

  it('totalVariationDistance([1, 0], [0, 1]) is 1: disjoint supports', () => {
    // Hand: ½ (|1 − 0| + |0 − 1|) = ½ · 2 = 1
    expect(totalVariationDistance([1, 0], [0, 1])).toBe(1);
  });

  it('is symmetric and within [0, 1] for any two distributions (300 seeded pairs)', () => {
    const random = seededRandom(99);
    const distribution = (k: number): number[] => {
      const weights = Array.from({ length: k }, () => random.next());
      const total = weights.reduce((sum, w) => sum + w, 0);
      return weights.map((w) => w / total);
    };
    for (let draw = 0; draw < 300; draw++) {
      const k = random.int(2, 8);
      const [p, q] = [distribution(k), distribution(k)];
      const label = `totalVariationDistance(${JSON.stringify(p)}, ${JSON.stringify(q)})`;
      const distance = totalVariationDistance(p, q);
      expect(distance, label).toBe(totalVariationDistance(q, p));
      expect(distance, label).toBeGreaterThanOrEqual(0);
      expect(distance, label).toBeLessThanOrEqual(1 + 1e-12);
    }
  });
});
