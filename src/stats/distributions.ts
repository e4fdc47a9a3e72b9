/**
 * Distribution functions from stdlib (@stdlib/stats-base-dists-*), a tested library; nothing here is a
 * hand-rolled special function.
 */
import { createRequire } from 'node:module';
import type betaincFunction from '@stdlib/math-base-special-betainc';
import type betaQuantileFunction from '@stdlib/stats-base-dists-beta-quantile';
import type gammaincFunction from '@stdlib/math-base-special-gammainc';
import type normalQuantileFunction from '@stdlib/stats-base-dists-normal-quantile';
import type normalCdfFunction from '@stdlib/stats-base-dists-normal-cdf';
import type tCdfFunction from '@stdlib/stats-base-dists-t-cdf';
import type tQuantileFunction from '@stdlib/stats-base-dists-t-quantile';

const requirePackage = createRequire(import.meta.url);

/**
 * A stdlib function, loaded on its first use: the threads that fold parts of a large export never compute an
 * interval, and loading these packages is most of the start-up of such a thread.
 */
function lazy<F>(name: string): () => F {
  let loaded: F | undefined;
  return () => (loaded ??= requirePackage(name) as F);
}

const betainc = lazy<typeof betaincFunction>('@stdlib/math-base-special-betainc');
const betaQuantileImpl = lazy<typeof betaQuantileFunction>('@stdlib/stats-base-dists-beta-quantile');
const gammainc = lazy<typeof gammaincFunction>('@stdlib/math-base-special-gammainc');
const normalQuantileImpl = lazy<typeof normalQuantileFunction>('@stdlib/stats-base-dists-normal-quantile');
const normalCdfImpl = lazy<typeof normalCdfFunction>('@stdlib/stats-base-dists-normal-cdf');
const tCdfImpl = lazy<typeof tCdfFunction>('@stdlib/stats-base-dists-t-cdf');
const tQuantileImpl = lazy<typeof tQuantileFunction>('@stdlib/stats-base-dists-t-quantile');

/** Standard normal quantile: the z with P(Z ≤ z) = p. */
export function normalQuantile(p: number): number {
  return normalQuantileImpl()(p, 0, 1);
}

/** Standard normal CDF: P(Z ≤ x). */
export function normalCdf(x: number): number {
  return normalCdfImpl()(x, 0, 1);
}

/**
 * Upper tail of the F distribution, P(F ≥ x) with (d1, d2) degrees of freedom: the regularised incomplete
 * beta I_{d2/(d2 + d1·x)}(d2/2, d1/2), computed directly so small p-values keep their precision.
 */
export function fSurvival(x: number, d1: number, d2: number): number {
  return x <= 0 ? 1 : betainc()(d2 / (d2 + d1 * x), d2 / 2, d1 / 2, true, false);
}

/** Two-sided p-value of a standard normal statistic: 2·P(Z ≥ |z|). */
export function normalTwoSided(z: number): number {
  return 2 * normalCdfImpl()(-Math.abs(z), 0, 1);
}

/** Two-sided p-value of a t statistic with `df` degrees of freedom: 2·P(T ≥ |t|). */
export function tTwoSided(t: number, df: number): number {
  return 2 * tCdfImpl()(-Math.abs(t), df);
}

/** Student t quantile with `df` degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  return tQuantileImpl()(p, df);
}

/** Beta(a, b) quantile. */
export function betaQuantile(p: number, a: number, b: number): number {
  return betaQuantileImpl()(p, a, b);
}

/**
 * Upper tail of the chi-square distribution, P(X ≥ x) with `df` degrees of freedom: the regularised upper
 * incomplete gamma Q(df/2, x/2), computed directly so far-tail p-values keep their relative precision
 * (1 − CDF would round to 0 below about 1e-16).
 */
export function chiSquareSurvival(x: number, df: number): number {
  return x <= 0 ? 1 : gammainc()(x / 2, df / 2, true, true);
}

/** The two-sided critical z for a confidence level, e.g. 1.959964 for 0.95. */
export function zFor(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}
