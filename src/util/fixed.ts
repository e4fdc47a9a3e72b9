/**
 * `value.toFixed(decimals)`, rounded from its 15 significant digits: the same sums added in another order (by
 * an engine, or by two threads) can differ in their last bits, and 6271.25 summed so may come out as
 * 6271.249999999999, which `toFixed(1)` writes as 6271.2 where the file path writes 6271.3. A double differs
 * from its 15-digit decimal only by such noise, so every other value is written as `toFixed` writes it.
 */
export function fixed(value: number, decimals: number): string {
  return Number.isFinite(value) ? Number(value.toPrecision(15)).toFixed(decimals) : value.toFixed(decimals);
}
