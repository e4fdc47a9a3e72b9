import { describe, expect, it } from 'vitest';
import { estimateTextWidth, vegaTextWidth } from '../../src/render/text-width.ts';

describe('estimateTextWidth', () => {
  it('gives a CJK character a full em', () => {
    expect(estimateTextWidth('非常不满意', 10)).toBe(50);
  });

  it('gives Latin text less than an em per character', () => {
    expect(estimateTextWidth('Satisfied', 10)).toBeLessThan(9 * 10 * 0.7);
    expect(estimateTextWidth('Satisfied', 10)).toBeGreaterThan(9 * 10 * 0.4);
  });

  it('reads the font size from the vega item, 11 by default, and trims the text', () => {
    expect(vegaTextWidth({ fontSize: 20 }, ' 满意 ')).toBe(40);
    expect(vegaTextWidth({}, '满意')).toBe(22);
    expect(vegaTextWidth({}, null)).toBe(0);
  });
});
