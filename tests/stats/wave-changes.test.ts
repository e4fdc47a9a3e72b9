/**
 * Wave-over-wave changes against statsmodels 0.13 / scipy 1.10:
 * statsmodels.stats.proportion.confint_proportions_2indep(137, 154, 170, 200, method='newcomb') → p1 − p2 in
 * (−0.03354409498487855, 0.10865893555589287); (56, 70, 48, 80) → (0.05243147240236498, 0.33387265403690614).
 * Welch: means 3.95 (sd 0.95, n 154) and 4.10 (sd 0.90, n 200), d = 0.15 ± scipy.stats.t.ppf(0.975, df)·√(v1 + v2)
 * with Welch-Satterthwaite df = 320.0293 → (−0.04585694587551689, 0.34585694587551585).
 */
import { describe, expect, it } from 'vitest';
import { newcombeInterval } from '../../src/stats/newcombe-interval.ts';
import { changeBetween } from '../../src/stats/wave-changes.ts';
import type { MetricResult } from '../../src/model/metric-result.ts';

const metric = (fields: Partial<MetricResult>): MetricResult => ({
  id: 'm',
  kind: 'proportion',
  section: 'other',
  label: 'm',
  question: 'q',
  estimate: 0,
  ci: [0, 0],
  level: 0.95,
  method: 'wilson',
  n: 0,
  nEffective: 0,
  weighted: false,
  ...fields,
});

describe('wave changes', () => {
  it('gives the difference of two shares Newcombe\'s hybrid score interval', () => {
    // Later wave 137/154 against earlier 170/200: the interval of p_later − p_earlier.
    const a = newcombeInterval(170, 200, 137, 154, 0.95);
    expect(a?.ci[0]).toBeCloseTo(-0.03354409498487855, 12);
    expect(a?.ci[1]).toBeCloseTo(0.10865893555589287, 12);
    const b = newcombeInterval(48, 80, 56, 70, 0.95);
    expect(b?.ci[0]).toBeCloseTo(0.05243147240236498, 12);
    expect(b?.ci[1]).toBeCloseTo(0.33387265403690614, 12);
  });

  it('gives the difference of two means Welch\'s t interval, and marks significance by whether it excludes 0', () => {
    const change = changeBetween(metric({ kind: 'mean', estimate: 3.95, sd: 0.95, n: 154 }), metric({ kind: 'mean', estimate: 4.1, sd: 0.9, n: 200 }), 0.95);
    expect(change?.method).toBe('welch');
    expect(change?.ci[0]).toBeCloseTo(-0.04585694587551689, 10);
    expect(change?.ci[1]).toBeCloseTo(0.34585694587551585, 10);
    const shares = changeBetween(metric({ estimate: 48 / 80, count: 48, n: 80 }), metric({ estimate: 56 / 70, count: 56, n: 70 }), 0.95);
    expect(shares?.method).toBe('newcombe');
  });

  it('uses the linearised standard errors when a wave is weighted', () => {
    const change = changeBetween(metric({ estimate: 0.5, se: 0.03, weighted: true }), metric({ estimate: 0.6, se: 0.04, weighted: true }), 0.95);
    // 0.1 ± 1.959964 · √(0.03² + 0.04²) = 0.1 ± 0.0979982 (hand calculation).
    expect(change?.ci[0]).toBeCloseTo(0.1 - 0.0979982, 6);
    expect(change?.method).toBe('normal');
  });
});
