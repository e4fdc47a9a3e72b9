/**
 * Total variation distance between two distributions over the same categories: ½ Σ |pᵢ − qᵢ|, in [0, 1];
 * the share of the sample that would have to change category to match the population.
 */
export function totalVariationDistance(p: readonly number[], q: readonly number[]): number {
  return p.reduce((sum, pi, i) => sum + Math.abs(pi - (q[i] ?? 0)), 0) / 2;
}
