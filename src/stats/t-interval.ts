import { mean, sampleStandardDeviation } from 'simple-statistics';
import { tQuantile } from './distributions.ts';
import type { Interval } from './interval.ts';

export interface MeanInterval extends Interval {
  /** Sample standard deviation (n − 1 denominator); null for n = 1. */
  sd: number | null;
}

/**
 * Mean with its t interval: x̄ ± t(1−α/2, n−1) · s/√n.
 *
 * Preconditions: finite values. No values → null. One value → its mean with `ci: null` (no spread to
 * estimate). All values equal → the zero-width interval [x̄, x̄].
 */
export function tInterval(values: readonly number[], level: number): MeanInterval | null {
  const n = values.length;
  if (n === 0) return null;
  const first = values[0] as number;
  if (n === 1) return { estimate: first, ci: null, sd: null };
  // Identical values: exactly that value and no spread (summation would leave rounding dust in both).
  if (values.every((value) => value === first)) return { estimate: first, ci: [first, first], sd: 0 };
  const estimate = mean(values as number[]);
  const sd = sampleStandardDeviation(values as number[]);
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { estimate, ci: [estimate - half, estimate + half], sd };
}
