/** Number formats of reports: shares as percent with one decimal, other values with fixed decimals. */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export function formatFixed(value: number, decimals: number): string {
  return value.toFixed(decimals);
}
