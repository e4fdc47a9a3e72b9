/**
 * Relative importance against independent computations on datasets::attitude (outcome rating, six drivers):
 * LMG against R's all-subsets computation (summary(lm(rating ~ S))$r.squared for every subset S, averaged
 * over orderings: tests/reference/drivers_reference.R) and Johnson's relative weights against numpy
 * (numpy.linalg.eigh of R_xx: tests/reference/relative_weights_reference.py), which also gives the
 * correlation matrix (numpy.corrcoef) both start from.
 */
import { describe, expect, it } from 'vitest';
import { relativeImportance, sqrtm } from '../../../src/stats/drivers/relative-importance.ts';
import drivers from '../../reference/drivers-reference.json' with { type: 'json' };
import weights from '../../reference/relative-weights-reference.json' with { type: 'json' };

describe('relativeImportance', () => {
  const got = relativeImportance(weights.correlation);

  it('splits R² by LMG as R over all 64 subsets, and gives the standardised coefficients of lm', () => {
    if (got === null) throw new Error('no result');
    expect(got.r2).toBeCloseTo(drivers.lmg.r2, 12);
    got.lmg.forEach((share, j) => expect(share).toBeCloseTo(drivers.lmg.shares[j] as number, 12));
    got.beta.forEach((b, j) => expect(b).toBeCloseTo(drivers.lmg.beta[j] as number, 12));
    expect(got.lmg.reduce((a, b) => a + b, 0)).toBeCloseTo(got.r2, 12);
  });

  it("gives Johnson's relative weights as numpy, summing to R²", () => {
    if (got === null) throw new Error('no result');
    got.johnson.forEach((w, j) => expect(w).toBeCloseTo(weights.weights[j] as number, 12));
    expect(got.johnson.reduce((a, b) => a + b, 0)).toBeCloseTo(weights.r2, 12);
  });

  it('refuses collinear drivers and has a matrix square root that squares back', () => {
    expect(
      relativeImportance([
        [1, 0.5, 0.5],
        [0.5, 1, 1],
        [0.5, 1, 1],
      ]),
    ).toBeNull();
    const a = [
      [2, 1],
      [1, 2],
    ];
    const root = sqrtm(a);
    // [[2, 1], [1, 2]] = V diag(3, 1) V': its root is ((√3 + 1)/2, (√3 − 1)/2) in each row, by hand.
    expect(root?.[0]?.[0]).toBeCloseTo((Math.sqrt(3) + 1) / 2, 14);
    expect(root?.[0]?.[1]).toBeCloseTo((Math.sqrt(3) - 1) / 2, 14);
  });
});
