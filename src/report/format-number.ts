/** Number formats of reports: shares as percent with one decimal, p-values, signed differences (other values: util/fixed.ts). */
import { fixed } from '../util/fixed.ts';

export function formatPercent(share: number): string {
  return `${fixed(share * 100, 1)}%`;
}

/** A difference with its sign (`+2.1%`, `−0.4%`), by `format` of its size; one that rounds to zero gets none (`0.0%`, not `−0.0%`). */
export function formatSigned(value: number, format: (size: number) => string): string {
  const size = format(Math.abs(value));
  if (!/[1-9]/.test(size)) return size;
  return `${value >= 0 ? '+' : '−'}${size}`;
}

/** A p-value as a report states it: `p < 0.001` or `p = 0.042`. */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${fixed(p, 3)}`;
}
