import { describe, expect, it } from 'vitest';
import { binLabel, binLevels, questionLevels } from '../../src/codebook/question-levels.ts';

describe('questionLevels', () => {
  it("gives a rating one level per whole number of its range, and none to an answer between them", () => {
    const levels = questionLevels({ id: 'r', column: 'R', type: 'rating', min: 1, max: 5 });
    expect(levels?.labels).toEqual(['1', '2', '3', '4', '5']);
    expect([1, 5, 3.5, 0, 6].map((answer) => levels?.of(answer))).toEqual([0, 4, null, null, null]);
  });

  it('has no levels for a numeric question without bins, nor for a rating over a long or fractional range', () => {
    expect(questionLevels({ id: 'n', column: 'N', type: 'numeric' })).toBeUndefined();
    expect(questionLevels({ id: 'r', column: 'R', type: 'rating', min: 0, max: 1000 })).toBeUndefined();
    expect(questionLevels({ id: 'r', column: 'R', type: 'rating', min: 0.5, max: 5 })).toBeUndefined();
  });

  it('bins numbers: each bin takes its lower edge, the last takes both', () => {
    const levels = binLevels([0, 18, 25, 35, 50]);
    expect(levels.labels).toEqual(['0–17', '18–24', '25–34', '35–50']);
    expect([0, 17.9, 18, 24, 25, 49.5, 50, 50.1, -1].map((answer) => levels.of(answer))).toEqual([0, 0, 1, 1, 2, 3, 3, null, null]);
  });

  it('labels open and fractional bins', () => {
    expect(binLevels([-Infinity, 18, 65, Infinity]).labels).toEqual(['<18', '18–64', '65+']);
    expect(binLabel(1.5, 2.5, false)).toBe('1.5–2.5');
    expect(binLabel(3, 4, false)).toBe('3');
  });
});
