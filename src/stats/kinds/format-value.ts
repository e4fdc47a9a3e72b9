/** Values as reports show them, by scale: shares as a percentage with one decimal, means with two, scores with one. */
import type { Scale } from './metric-kind.ts';
import { fixed } from '../../util/fixed.ts';

export function formatValue(scale: Scale, value: number): string {
  return scale === 'mean' ? fixed(value, 2) : scale === 'score' ? fixed(value, 1) : `${fixed(value * 100, 1)}%`;
}
