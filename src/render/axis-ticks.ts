/**
 * Ticks that read: about five over a value axis, each label different from its neighbours. The step is the
 * one vega (d3's tickStep) takes for that many ticks over the domain (1, 2 or 5 times a power of ten), and the
 * format shows as many decimals as that step needs: a mean axis from 2.3 to 2.5 steps by 0.05 and shows 2.30,
 * 2.35, …, not 2.3 2.3 2.4 2.4 2.5; a share axis from 10% to 45% steps by 5% and shows 10%, 15%, …, not
 * 10%12%14%. Pure.
 */

/** How many ticks a value axis of a 420-pixel chart gets. */
export const TICK_COUNT = 5;

/** d3's tickStep: the step of about `count` ticks from `low` to `high`. */
export function tickStep(low: number, high: number, count = TICK_COUNT): number {
  const raw = Math.abs(high - low) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  return (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1) * power;
}

/** The d3-format of an axis over [low, high]: `percent` for shares (0..1 shown as %), else plain numbers. */
export function axisFormat(low: number, high: number, percent: boolean): string {
  const step = tickStep(low, high) * (percent ? 100 : 1);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return percent ? `.${decimals}%` : `.${decimals}f`;
}
