/** ratingRange: a rating's min and max from the question text's anchors, else the answers, widened only when obvious. */
import { describe, expect, it } from 'vitest';
import { ratingRange } from '../../src/init/rating-range.ts';

describe('ratingRange', () => {
  it('takes the answers\' range when it is a scale in use (1-5, 0-3, 1-4, 1-11), never inventing a 0', () => {
    expect(ratingRange('Blair', { min: 1, max: 5 })).toEqual({ min: 1, max: 5, from: 'answers' });
    expect(ratingRange('political.knowledge', { min: 0, max: 3 })).toEqual({ min: 0, max: 3, from: 'answers' });
    expect(ratingRange('q', { min: 1, max: 4 })).toEqual({ min: 1, max: 4, from: 'answers' });
    expect(ratingRange('Europe', { min: 1, max: 11 })).toEqual({ min: 1, max: 11, from: 'answers' });
  });

  it('widens by one step to a common scale nobody used the end of, and says so', () => {
    expect(ratingRange('q', { min: 2, max: 5 })).toEqual({ min: 1, max: 5, from: 'widened', note: 'answers seen 2–5; drafted as the 1–5 scale: check' });
    expect(ratingRange('q', { min: 0, max: 9 })).toMatchObject({ min: 0, max: 10, from: 'widened' });
  });

  it('is no rating for answers that fit no common scale: a count or a measure', () => {
    // 3-6 is two steps from 1-6: not obvious.
    expect(ratingRange('q', { min: 3, max: 6 })).toBeUndefined();
    // AER::GSS7402's kids, 0-8.
    expect(ratingRange('kids', { min: 0, max: 8 })).toBeUndefined();
  });

  it('takes the anchors the question names when the answers lie within them', () => {
    expect(ratingRange('Rate it from 1 to 5', { min: 2, max: 5 })).toEqual({ min: 1, max: 5, from: 'question', note: '1–5 from the question text; answers seen 2–5' });
    expect(ratingRange('满意度（1-7分）', { min: 1, max: 7 })).toEqual({ min: 1, max: 7, from: 'question' });
    expect(ratingRange('2.1、过去7天中，您有几天使用了Kimi？', { min: 1, max: 7 })).toEqual({ min: 0, max: 7, from: 'question', note: 'days in the past 7, 0–7; answers seen 1–7' });
    // Anchors the answers fall outside of are not the scale.
    expect(ratingRange('Rate 1-5', { min: 0, max: 5 })).toEqual({ min: 0, max: 5, from: 'answers' });
    expect(ratingRange('Rate 1-5', { min: 0, max: 8 })).toBeUndefined();
  });
});
