import { describe, expect, it } from 'vitest';
import { asmd } from '../../src/audit/asmd.ts';

describe('asmd', () => {
  it('standardises the share difference by the population spread (hand calculation)', () => {
    // |0.409 − 0.06| / √(0.06 · 0.94) = 0.349 / 0.237487 = 1.46955
    expect(asmd(0.409, 0.06)).toBeCloseTo(1.46955, 4);
    // |0.61 − 0.51| / √(0.51 · 0.49) = 0.1 / 0.499900 = 0.200040
    expect(asmd(0.61, 0.51)).toBeCloseTo(0.20004, 5);
  });

  it('is null where the population has no spread', () => {
    expect(asmd(0.2, 0)).toBeNull();
    expect(asmd(0.9, 1)).toBeNull();
  });
});
