/** A quantiles metric's histogram bins, counted by hand. */
import { describe, expect, it } from 'vitest';
import { histogram } from '../../src/stats/kinds/quantiles.ts';

const counted = (values: readonly number[]): Map<number, number> => {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
};

describe('histogram bins', () => {
  it('end at the largest answer: a 0–100 percentage has no bin beyond 100 (issue 21: "100–120" on apistrat meals)', () => {
    // 0, 5, …, 100: 21 answers; Sturges wants ⌈log2(21) + 1⌉ = 6 bins, width 100/6 → the round 20.
    const values = Array.from({ length: 21 }, (_, i) => i * 5);
    const counts = counted(values);
    const bins = histogram(counts, counts);
    expect(bins.map((b) => [b.from, b.to])).toEqual([[0, 20], [20, 40], [40, 60], [60, 80], [80, 100]]);
    // The last bin holds its upper edge: 80, 85, 90, 95 and 100.
    expect(bins.map((b) => b.count)).toEqual([4, 4, 4, 4, 5]);
    expect(bins.reduce((sum, b) => sum + b.share, 0)).toBeCloseTo(1, 12);
  });

  it('give whole numbers spanning at most 30 a bin each', () => {
    const counts = counted([1, 2, 2, 3, 5]);
    expect(histogram(counts, counts).map((b) => [b.from, b.to, b.count])).toEqual([[1, 2, 1], [2, 3, 2], [3, 4, 1], [4, 5, 0], [5, 6, 1]]);
  });

  it('put a single repeated value in one bin', () => {
    const counts = counted([2.5, 2.5]);
    expect(histogram(counts, counts).map((b) => [b.from, b.to, b.count])).toEqual([[2, 3, 2]]);
  });
});
