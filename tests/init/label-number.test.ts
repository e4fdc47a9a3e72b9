/** labelNumber: the number a choice label stands for, to order `18-24`, `35+`, `不到1个月`. */
import { describe, expect, it } from 'vitest';
import { labelNumber } from '../../src/init/label-number.ts';

describe('labelNumber', () => {
  it('is the first number in the label', () => {
    expect(labelNumber('18-24')).toBe(18);
    expect(labelNumber('$25,000-$49,999')).toBe(25_000);
    expect(labelNumber('(100,200]')).toBe(100);
    expect(labelNumber('5k or less')).toBeLessThan(5_000);
    expect(labelNumber('Never')).toBeUndefined();
  });

  it('is nudged down for "under" and up for "or more", never past the next number', () => {
    expect(labelNumber('18岁以下')).toBeLessThan(18);
    expect(labelNumber('18岁以下')).toBeGreaterThan(17.9);
    expect(labelNumber('<12 yrs')).toBeLessThan(labelNumber('12 yrs') as number);
    expect(labelNumber('35+')).toBeGreaterThan(35);
    expect(labelNumber('41岁及以上')).toBeGreaterThan(41);
    expect(labelNumber('超过3年')).toBeGreaterThan(labelNumber('3年') as number);
  });

  it('counts units of time in days, so months and years compare', () => {
    expect(labelNumber('6-12 months')).toBe(180);
    expect(labelNumber('1-2 years')).toBe(365);
    expect(labelNumber('3个月以上')).toBeGreaterThan(90);
    expect(labelNumber('1年以上')).toBeGreaterThan(labelNumber('3个月以上') as number);
    expect(labelNumber('2 hours')).toBeLessThan(labelNumber('1 day') as number);
  });
});
