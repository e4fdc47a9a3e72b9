/**
 * Figures rounded from their 15 significant digits. Expected strings written by hand: 6271.249999999999 is
 * what DuckDB's order of adding the lonely design's weights gave for a weighted base of 6271.25 (the CSV's
 * order gave 6271.25 exactly).
 */
import { describe, expect, it } from 'vitest';
import { fixed } from '../../src/util/fixed.ts';

describe('fixed', () => {
  it('writes a sum off by its last bits as the exact sum is written', () => {
    expect(fixed(6271.249999999999, 1)).toBe('6271.3');
    expect(fixed(6271.25, 1)).toBe('6271.3');
    expect(fixed(0.16499999999999998, 2)).toBe('0.17');
    expect(fixed(-0.16499999999999998, 2)).toBe('-0.17');
  });

  it('writes every other value as toFixed does', () => {
    // 1.005 is 1.00499999999999989… as a double, and its 15 digits give the same double back.
    expect(fixed(1.005, 2)).toBe('1.00');
    expect(fixed(2.675, 2)).toBe('2.67');
    expect(fixed(0.1 + 0.2, 1)).toBe('0.3');
    expect(fixed(123456789012.345, 1)).toBe('123456789012.3');
    expect(fixed(1e21, 2)).toBe('1e+21');
    expect(fixed(Number.NaN, 1)).toBe('NaN');
    expect(fixed(Number.POSITIVE_INFINITY, 1)).toBe('Infinity');
    expect(fixed(-0, 1)).toBe('0.0');
  });
});
