import { sum } from 'simple-statistics';
import { tQuantile } from './distributions.ts';
import type { Interval } from './interval.ts';

export interface MeanInterval extends Interval {
  /** Sample standard deviation (n − 1 denominator); null for n = 1. */
  sd: number | null;
}

/**
 * Mean with its t interval, x̄ ± t(1−α/2, n−1) · s/√n, from a frequency table (value → how many gave it):
 * the form a streaming summary keeps. Sums run over the values in ascending order with compensated
 * summation (simple-statistics `sum`), so the result does not depend on row order; the variance is the
 * two-pass Σ c(v − x̄)² / (n − 1).
 *
 * Preconditions: finite values, positive counts. No values → null. One respondent → the value with
 * `ci: null` (no spread to estimate). All values equal → exactly that value and the interval [x̄, x̄].
 */
export function tIntervalFromCounts(counts: ReadonlyMap<number, number>, level: number): MeanInterval | null {
  const entries = [...counts].filter(([, c]) => c > 0).sort(([a], [b]) => a - b);
  const n = sum(entries.map(([, c]) => c));
  const [first] = entries;
  if (first === undefined || n === 0) return null;
  if (entries.length === 1) return { estimate: first[0], ci: n === 1 ? null : [first[0], first[0]], sd: n === 1 ? null : 0 };
  const estimate = sum(entries.map(([v, c]) => v * c)) / n;
  const sd = Math.sqrt(sum(entries.map(([v, c]) => c * (v - estimate) ** 2)) / (n - 1));
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { estimate, ci: [estimate - half, estimate + half], sd };
}

/** `tIntervalFromCounts` for a list of values. */
export function tInterval(values: readonly number[], level: number): MeanInterval | null {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return tIntervalFromCounts(counts, level);
}
