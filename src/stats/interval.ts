/** An estimate with its confidence interval `[low, high]`; `ci` is null where no interval exists (see each estimator). */
export interface Interval {
  estimate: number;
  ci: [number, number] | null;
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
