/**
 * McDonald's omega total against R's psych 2.2.9 (tests/reference/drivers_reference.R, datasets::attitude):
 * (sum(R) − sum(u)) / sum(R) with u = psych::fa(x, nfactors = 1, fm = "pa", max.iter = 1e5, min.err = 1e-14)$uniquenesses
 * (iterated principal axes to convergence, the minres fixed point), and psych::omega(x, nfactors = 1, flip = FALSE)$omega.tot,
 * which psych fits by optim to about 1e-7.
 */
import { describe, expect, it } from 'vitest';
import { omegaTotal } from '../../../src/stats/reliability/omega.ts';
import reference from '../../reference/drivers-reference.json' with { type: 'json' };

const data = reference.data as Record<string, number[]>;

function correlation(columns: readonly (readonly number[])[]): number[][] {
  const n = columns[0]?.length ?? 0;
  const centred = columns.map((c) => {
    const mean = c.reduce((a, b) => a + b, 0) / n;
    return c.map((v) => v - mean);
  });
  const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((sum, v, r) => sum + v * (b[r] ?? 0), 0);
  return centred.map((a) => centred.map((b) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b))));
}

const cases = [
  { name: 'four items', want: reference.omega.items, columns: reference.alpha.items.map((id) => data[id] as number[]) },
  {
    name: 'four items, raises reverse-scored',
    want: reference.omega.reversed,
    columns: reference.alpha.items.map((id) => {
      const x = data[id] as number[];
      return id === 'raises' ? x.map((v) => Math.max(...x) + Math.min(...x) - v) : x;
    }),
  },
  { name: 'six items', want: reference.omega.six, columns: ['complaints', 'privileges', 'learning', 'raises', 'critical', 'advance'].map((id) => data[id] as number[]) },
];

describe('omegaTotal', () => {
  for (const { name, want, columns } of cases) {
    it(`matches psych's one-factor omega total and loadings (${name})`, () => {
      const got = omegaTotal(correlation(columns));
      if (got === null) throw new Error('no omega');
      expect(got.omega).toBeCloseTo(want.pa, 11);
      got.loadings.forEach((l, i) => expect(l).toBeCloseTo(want.loadings[i] as number, 9));
      expect(Math.abs(got.omega - want.minres)).toBeLessThan(1e-6);
    });
  }

  it('is null under three items, for a singular matrix, and for a Heywood case', () => {
    expect(omegaTotal([[1, 0.5], [0.5, 1]])).toBeNull();
    expect(omegaTotal([[1, 1, 0.5], [1, 1, 0.5], [0.5, 0.5, 1]])).toBeNull();
    // One factor through three items needs λ1·λ2 = 0.9, λ1·λ3 = 0.9, λ2·λ3 = 0.5: λ1² = 1.62 > 1.
    expect(omegaTotal([[1, 0.9, 0.9], [0.9, 1, 0.5], [0.9, 0.5, 1]])).toBeNull();
  });

  it('gives the hand value where every pair of items correlates equally', () => {
    const got = omegaTotal([[1, 0.6, 0.6, 0.6], [0.6, 1, 0.6, 0.6], [0.6, 0.6, 1, 0.6], [0.6, 0.6, 0.6, 1]]);
    // Equal correlations ρ: λ² = ρ, so ω = (k²ρ) / (k + k(k − 1)ρ) = 16·0.6 / (4 + 12·0.6), by hand.
    expect(got?.omega).toBeCloseTo((16 * 0.6) / (4 + 12 * 0.6), 12);
  });
});
