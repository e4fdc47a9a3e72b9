/**
 * chiSquareGoodnessOfFit (src/audit/chi-square-gof.ts).
 *
 * Expected values: tests/reference/reference-values.json, the "chisquare" entries, computed by
 * scipy 1.10.1 (tests/reference/reference_values.py) with
 *   scipy.stats.chisquare(observed, f_exp=sum(observed) * numpy.array(shares))
 * and df = len(observed) - 1; each entry's `call` holds the exact call.
 */
import { describe, expect, it } from 'vitest';
import reference from '../reference/reference-values.json' with { type: 'json' };
import { chiSquareGoodnessOfFit } from '../../src/audit/chi-square-gof.ts';

describe('chiSquareGoodnessOfFit', () => {
  for (const { observed, shares, statistic, df, pValue } of reference.chisquare) {
    it(`chiSquareGoodnessOfFit(${JSON.stringify(observed)}, ${JSON.stringify(shares)}) matches scipy.stats.chisquare`, () => {
      const result = chiSquareGoodnessOfFit(observed, shares);
      expect(result?.statistic).toBeCloseTo(statistic, 9);
      expect(result?.df).toBe(df);
      expect(result?.pValue).toBeCloseTo(pValue, 9);
    });
  }

  it('chiSquareGoodnessOfFit([0, 0, 0], [0.2, 0.3, 0.5]) is null: no responses', () => {
    expect(chiSquareGoodnessOfFit([0, 0, 0], [0.2, 0.3, 0.5])).toBeNull();
  });

  it.each([
    [[12, 3], [1, 0]],
    [[12], [1]],
    [[12, 3, 4], [0, 1, 0]],
    [[12, 3], [0, 0]],
  ])('chiSquareGoodnessOfFit(%j, %j) is null: fewer than two categories with a positive share', (observed, shares) => {
    expect(chiSquareGoodnessOfFit(observed, shares)).toBeNull();
  });

  it('chiSquareGoodnessOfFit([10, 5, 1], [0.6, 0.4, 0]) is an impossible fit: X² = ∞, p = 0, df 1', () => {
    // A respondent in a category the population does not have; df counts only the positive shares (2 − 1).
    expect(chiSquareGoodnessOfFit([10, 5, 1], [0.6, 0.4, 0])).toEqual({ statistic: Number.POSITIVE_INFINITY, df: 1, pValue: 0 });
  });

  it('chiSquareGoodnessOfFit([1, 10, 5], [0, 0.6, 0.4]) is impossible whatever the order of the zero-share category', () => {
    expect(chiSquareGoodnessOfFit([1, 10, 5], [0, 0.6, 0.4])).toEqual({ statistic: Number.POSITIVE_INFINITY, df: 1, pValue: 0 });
  });

  it('chiSquareGoodnessOfFit([10, 5, 0], [0.6, 0.4, 0]) ignores an empty zero-share category, like dropping it', () => {
    // Hand: n = 15, E = (9, 6); X² = (10 − 9)²/9 + (5 − 6)²/6 = 1/9 + 1/6 = 0.2777…, df = 1.
    const result = chiSquareGoodnessOfFit([10, 5, 0], [0.6, 0.4, 0]);
    expect(result?.statistic).toBeCloseTo(1 / 9 + 1 / 6, 12);
    expect(result?.df).toBe(1);
    expect(result).toEqual(chiSquareGoodnessOfFit([10, 5], [0.6, 0.4]));
  });

  it('chiSquareGoodnessOfFit([30, 30, 30], [1/3, 1/3, 1/3]) is a perfect fit: X² = 0, p = 1', () => {
    expect(chiSquareGoodnessOfFit([30, 30, 30], [1 / 3, 1 / 3, 1 / 3])).toEqual({ statistic: 0, df: 2, pValue: 1 });
  });

  // Regression: p = 0 marks an impossible fit; a possible but very poor fit once got p = 0 too, when the
  // tail was computed as 1 − cdf. scipy 1.10 `scipy.stats.chisquare([70, 30, 10, 5, 15, 14, 10], f_exp=154 *
  // numpy.array([0.06, 0.18, 0.08, 0.02, 0.12, 0.3, 0.24]))` gives p = 9.010133453642267e-93 (fixture).
  it('chiSquareGoodnessOfFit([70, 30, 10, 5, 15, 14, 10], …) gives a tiny positive p for a possible fit, not the impossible-fit p = 0', () => {
    const entry = reference.chisquare[0];
    const result = entry === undefined ? null : chiSquareGoodnessOfFit(entry.observed, entry.shares);
    expect(result?.pValue).toBeGreaterThan(0);
  });
});
