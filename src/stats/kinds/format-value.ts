/** Values as reports show them, by scale: shares as a percentage with one decimal, means with two, scores with one. */
import type { Scale } from './metric-kind.ts';

export function formatValue(scale: Scale, value: number): string {
  return scale === 'mean' ? value.toFixed(2) : scale === 'score' ? value.toFixed(1) : `${(value * 100).toFixed(1)}%`;
}
