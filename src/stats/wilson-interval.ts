import { zFor } from './distributions.ts';
import { clamp, type Interval } from './interval.ts';

/**
 * Wilson score interval for a proportion x/n (Wilson 1927; Brown, Cai & DasGupta 2001):
 * centre (p̂ + z²/2n) / (1 + z²/n), half-width z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²).
 *
 * Preconditions: 0 ≤ x ≤ n integers. n = 0 has no estimate: returns null. At x = 0 the low end is exactly 0,
 * at x = n the high end exactly 1; the interval always lies in [0, 1].
 */
export function wilsonInterval(x: number, n: number, level: number): Interval | null {
  if (n <= 0) return null;
  const z = zFor(level);
  const p = x / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const low = x === 0 ? 0 : clamp(centre - half, 0, 1);
  const high = x === n ? 1 : clamp(centre + half, 0, 1);
  return { estimate: p, ci: [low, high] };
}
