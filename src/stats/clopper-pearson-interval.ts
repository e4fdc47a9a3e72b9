import { betaQuantile } from './distributions.ts';
import type { Interval } from './interval.ts';

/**
 * Clopper-Pearson "exact" interval for x/n (Clopper & Pearson 1934), from beta quantiles:
 * low = B(α/2; x, n−x+1), high = B(1−α/2; x+1, n−x), with low = 0 at x = 0 and high = 1 at x = n.
 *
 * Preconditions: 0 ≤ x ≤ n integers. n = 0 has no estimate: returns null.
 */
export function clopperPearsonInterval(x: number, n: number, level: number): Interval | null {
  if (n <= 0) return null;
  const alpha = 1 - level;
  const low = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const high = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return { estimate: x / n, ci: [low, high] };
}
