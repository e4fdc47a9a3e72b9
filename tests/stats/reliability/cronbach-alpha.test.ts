/**
 * Cronbach's alpha and its companions against R's psych 2.2.9: psych::alpha(attitude[, c("complaints",
 * "privileges", "learning", "raises")]) and psych::alpha.ci(alpha, 30, 4, p.val = .10), as
 * tests/reference/drivers_reference.R writes them (datasets::attitude, 30 departments).
 */
import { describe, expect, it } from 'vitest';
import { cronbachAlpha, fQuantile } from '../../../src/stats/reliability/cronbach-alpha.ts';
import reference from '../../reference/drivers-reference.json' with { type: 'json' };

/** The sample covariance matrix (n − 1) of columns, as R's cov(). */
function covariance(columns: readonly (readonly number[])[]): number[][] {
  const n = columns[0]?.length ?? 0;
  const means = columns.map((c) => c.reduce((a, b) => a + b, 0) / n);
  return columns.map((a, i) => columns.map((b, j) => a.reduce((sum, v, r) => sum + (v - (means[i] ?? 0)) * ((b[r] ?? 0) - (means[j] ?? 0)), 0) / (n - 1)));
}

const data = reference.data as Record<string, number[]>;
const want = reference.alpha;
const items = want.items.map((id) => data[id] as number[]);

describe('cronbachAlpha', () => {
  it('matches psych::alpha: raw and standardised alpha, the mean inter-item r, item-rest r, alpha if deleted, Feldt', () => {
    const got = cronbachAlpha(covariance(items), want.n, 0.95);
    if (got === null) throw new Error('no alpha');
    expect(got.alpha).toBeCloseTo(want.raw, 12);
    expect(got.standardized).toBeCloseTo(want.standardized, 12);
    expect(got.averageR).toBeCloseTo(want.averageR, 12);
    got.itemRest.forEach((r, i) => expect(r).toBeCloseTo(want.itemRest[i] as number, 12));
    got.alphaIfDeleted.forEach((a, i) => expect(a).toBeCloseTo(want.alphaIfDeleted[i] as number, 12));
    expect(got.ci[0]).toBeCloseTo(want.feldt95[0] as number, 10);
    expect(got.ci[1]).toBeCloseTo(want.feldt95[1] as number, 10);
    const ninety = cronbachAlpha(covariance(items), want.n, 0.9);
    expect(ninety?.ci[0]).toBeCloseTo(want.feldt90[0] as number, 10);
    expect(ninety?.ci[1]).toBeCloseTo(want.feldt90[1] as number, 10);
  });

  it('gives nothing for one item or one respondent; with an item that does not vary, alpha but no correlations', () => {
    expect(cronbachAlpha([[1]], 30)).toBeNull();
    expect(cronbachAlpha(covariance(items), 1)).toBeNull();
    // By hand: k/(k − 1)·(1 − trace/sum) = 2·(1 − 1/1) = 0, as psych::alpha gives for a constant item beside another.
    expect(
      cronbachAlpha(
        [
          [0, 0],
          [0, 1],
        ],
        10,
      ),
    ).toMatchObject({ alpha: 0, standardized: null, averageR: null, itemRest: [null, null] });
    // A total without variance leaves no alpha at all.
    expect(
      cronbachAlpha(
        [
          [1, -1],
          [-1, 1],
        ],
        10,
      ),
    ).toBeNull();
  });

  it('has an F quantile that agrees with R', () => {
    // F(2, 2) has median 1.
    expect(fQuantile(0.5, 2, 2)).toBeCloseTo(1, 12);
    // qf(p, 1, d) = qt((1 + p) / 2, d)^2: qt(0.975, 10) = 2.228138851986274 (R).
    expect(fQuantile(0.95, 1, 10)).toBeCloseTo(2.228138851986274 ** 2, 9);
  });
});
