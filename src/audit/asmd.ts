/**
 * Absolute standardized mean difference of a category's share, as Meta's `balance` reports it for a
 * one-hot encoded categorical variable against its target: |p − q| / √(q(1 − q)), the standard deviation
 * being the target population's. Null when q is 0 or 1 (no spread to standardise by).
 */
export function asmd(sample: number, population: number): number | null {
  const spread = Math.sqrt(population * (1 - population));
  return spread > 0 ? Math.abs(sample - population) / spread : null;
}
