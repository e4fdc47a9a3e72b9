/**
 * The design-based test that several groups' means are equal, as R's
 * `regTermTest(svyglm(y ~ group, design), ~group)`: the Wald statistic of the k − 1 differences from the first
 * group, (Cȳ)ᵀ(C V Cᵀ)⁻¹(Cȳ), over k − 1, referred to F(k − 1, degf + 1 − k) with degf that of the design's
 * subset of respondents who answered both (svyglm's residual degrees of freedom). V is the linearised
 * covariance of the group means (their domains are disjoint, so it is what svyglm's sandwich gives for the
 * saturated model). Groups without weight are left out; null with fewer than two, or a singular V.
 */
import type { TestResult } from '../../model/test-result.ts';
import { fSurvival } from '../distributions.ts';
import type { Calibration, CellTotal } from '../weights/calibrate.ts';
import { covariance, influence, partsDegf, type Influence } from '../weights/linearized-mean.ts';
import { multiply, solve, transpose, type Matrix } from '../weights/small-matrix.ts';
import type { WeightedSums } from '../weights/weighted-sums.ts';

export function domainWaldTest(groups: readonly WeightedSums[], cells: ReadonlyMap<string, CellTotal>, calibration: Calibration): TestResult | null {
  const live: { sums: WeightedSums; inf: Influence }[] = [];
  for (const sums of groups) {
    const inf = influence(sums, cells, calibration);
    if (inf !== null) live.push({ sums, inf });
  }
  const k = live.length;
  if (k < 2) return null;
  const V: Matrix = live.map((a, i) => live.map((b, j) => covariance(a.inf, b.inf, cells, calibration, (cell) => (i === j ? (a.sums.get(cell)?.s2yy ?? 0) : 0), i !== j)));
  const C: Matrix = Array.from({ length: k - 1 }, (_, r) => live.map((_, g) => (g === r + 1 ? 1 : g === 0 ? -1 : 0)));
  const differences: Matrix = C.map((row) => [row.reduce((sum, c, g) => sum + c * (live[g]?.inf.mean ?? 0), 0)]);
  const inverseTimes = solve(multiply(multiply(C, V), transpose(C)), differences);
  if (inverseTimes === null) return null;
  const wald = differences.reduce((sum, [d], r) => sum + (d ?? 0) * (inverseTimes[r]?.[0] ?? 0), 0);
  if (!(wald >= 0) || !Number.isFinite(wald)) return null;
  // The test's domain: those in any group (they are disjoint: a single-choice `by`).
  const degf = partsDegf(live.map(({ sums }) => sums), cells, calibration);
  const df1 = k - 1;
  const df2 = degf + 1 - k;
  if (df2 < 1) return null;
  const statistic = wald / df1;
  return { method: 'wald-f', statistic, df: df1, df2, pValue: fSurvival(statistic, df1, df2) };
}
