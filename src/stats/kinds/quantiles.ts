/**
 * `quantiles`: chosen quantiles (by default the quartiles) of a number question's answers, each with
 * Woodruff's interval, as R's `svyquantile(~x, design, quantiles = probs, ci = TRUE)` with survey 4.x's
 * defaults (qrule = "math": the smallest answer whose cumulative share reaches p; interval.type = "mean": a
 * Wald interval for the share at or below the estimate, mapped back through the quantile function, with
 * degf(design) degrees of freedom). Unweighted, the design is `svydesign(ids = ~1, weights = ~1)`. In results
 * as `groups` (one per quantile, `p` its probability) and a `histogram`. Not a headline, not broken down.
 */
import type { GroupResult, HistogramBin, MetricResult } from '../../model/metric-result.ts';
import { groupFlags } from '../group-flags.ts';
import type { MetricPlan } from '../metric-plan.ts';
import { weightedQuantile, woodruffInterval, type WeightedValue } from '../weighted-quantile.ts';
import { linearizedMean } from '../weights/linearized-mean.ts';
import { cellEntries, type CellSums, type ValueSums, type WeightedSums } from '../weights/weighted-sums.ts';
import { baseResult, weightedBase } from './base-result.ts';
import { formatValue } from './format-value.ts';
import type { IntervalSettings, MetricKind, WeightingContext } from './metric-kind.ts';
import { valueOf, type ValueCounts } from './value-kind.ts';

/** A quantile's name in results: `25%`, `50%`, `2.5%`. */
export function quantileLabel(p: number): string {
  return `${Number((100 * p).toPrecision(6))}%`;
}

function probsOf(plan: MetricPlan): number[] {
  return 'probs' in plan.metric ? plan.metric.probs : [0.5];
}

/** Values in ascending order with their weights (counts unweighted) and the respondents who gave each. */
function sortedValues(weights: ReadonlyMap<number, number>, counts: ReadonlyMap<number, number>): WeightedValue[] {
  return [...weights].sort(([a], [b]) => a - b).map(([value, weight]) => ({ value, weight, rows: counts.get(value) ?? 1 }));
}

/** One quantile with its interval, from the share at or below the estimate and its standard error. */
function quantileGroup(values: readonly WeightedValue[], p: number, n: number, share: (q: number) => { proportion: number; se: number; df: number } | null, level: number): GroupResult {
  const q = weightedQuantile(values, p);
  const base = { value: quantileLabel(p), p, n, flags: groupFlags(n) };
  if (q === null) return { ...base, estimate: null, ci: null };
  const at = share(q);
  if (at === null) return { ...base, estimate: q, ci: null };
  // No sampling error (a census stratum by stratum): the share at or below q̂ is exact, and so is q̂. R gets
  // there by its own rounding of the same share; a share summed in another order may land a hair off it.
  if (at.se === 0) return { ...base, estimate: q, ci: [q, q] };
  const interval = woodruffInterval({ values, proportion: at.proportion, se: at.se, df: at.df, level });
  return { ...base, estimate: q, ci: interval.lower === null || interval.upper === null ? null : [interval.lower, interval.upper] };
}

/**
 * Bins for a histogram: one per whole number when the answers are whole numbers spanning at most 30, else
 * Sturges' number of bins (at most 30) of a round width (1, 2, 2.5 or 5 times a power of 10).
 */
export function histogram(weights: ReadonlyMap<number, number>, counts: ReadonlyMap<number, number>): HistogramBin[] {
  const values = [...counts.keys()].sort((a, b) => a - b);
  const low = values[0];
  const high = values.at(-1);
  if (low === undefined || high === undefined) return [];
  const whole = values.every(Number.isInteger) && high - low <= 30;
  let width: number;
  let start: number;
  let bins: number;
  if (whole) {
    width = 1;
    start = low;
    bins = high - low + 1;
  } else {
    const n = [...counts.values()].reduce((sum, c) => sum + c, 0);
    const wanted = Math.min(30, Math.ceil(Math.log2(Math.max(n, 1)) + 1));
    const raw = (high - low) / wanted || 1;
    const power = 10 ** Math.floor(Math.log10(raw));
    width = ([1, 2, 2.5, 5, 10].find((step) => step * power >= raw) ?? 10) * power;
    start = Math.floor(low / width) * width;
    // The last bin holds its upper edge: a top answer on an edge (100 of 0–100) needs no bin of its own.
    bins = Math.max(1, Math.ceil((high - start) / width - 1e-9));
  }
  const total = [...weights.values()].reduce((sum, w) => sum + w, 0);
  const result: HistogramBin[] = Array.from({ length: bins }, (_, i) => ({ from: start + i * width, to: start + (i + 1) * width, count: 0, share: 0 }));
  for (const value of values) {
    const i = Math.min(bins - 1, Math.floor((value - start) / width + 1e-9));
    const bin = result[i];
    if (bin === undefined) continue;
    bin.count += counts.get(value) ?? 0;
    bin.share += total > 0 ? (weights.get(value) ?? 0) / total : 0;
  }
  return result;
}

/** The per-cell sums of the indicator "answer ≤ q" over those who answered: what svymean(~I(x <= q)) needs. */
function atOrBelow(sums: ValueSums, q: number): WeightedSums {
  const result: WeightedSums = new Map();
  for (const [cell, values] of sums.cells) {
    const r: CellSums = { n: 0, s0y: 0, s1: 0, s2: 0, s1y: 0, s1yy: 0, s2y: 0, s2yy: 0 };
    for (const [i, n, s1, s2] of cellEntries(values)) {
      r.n += n;
      r.s1 += s1;
      r.s2 += s2;
      if ((sums.values[i] ?? Number.NaN) <= q) {
        r.s0y += n;
        r.s1y += s1;
        r.s1yy += s1;
        r.s2y += s2;
        r.s2yy += s2;
      }
    }
    result.set(cell, r);
  }
  return result;
}

function finishWeightedQuantiles(plan: MetricPlan, unweighted: MetricResult, context: WeightingContext, settings: IntervalSettings, values: ValueSums): MetricResult {
  // Per answer: its final weight and its respondents, over the cells.
  const weight = values.values.map(() => 0);
  const count = values.values.map(() => 0);
  for (const [cell, entries] of values.cells) {
    const g = context.calibration.g.get(cell) ?? 0;
    for (const [i, n, s1] of cellEntries(entries)) {
      weight[i] = (weight[i] ?? 0) + g * s1;
      // Respondents of weight 0 (a post-stratum with no population, a zero design weight) are not rows of R's answer.
      if (g * s1 > 0) count[i] = (count[i] ?? 0) + n;
    }
  }
  const weights = new Map(values.values.map((value, i) => [value, weight[i] ?? 0]));
  const counts = new Map(values.values.map((value, i) => [value, count[i] ?? 0]));
  const list = sortedValues(weights, counts);
  // Respondents who carry weight, as the other weighted metrics count them (those left out of the weighting are not).
  const n = count.reduce((sum, c) => sum + c, 0);
  const groups = probsOf(plan).map((p, g) => {
    const group = quantileGroup(
      list,
      p,
      n,
      (q) => {
        const m = linearizedMean(atOrBelow(values, q), context.cells, context.calibration);
        // svyquantile(na.rm = TRUE) works on the subset of those who answered: its degrees of freedom.
        return m === null ? null : { proportion: m.estimate, se: Math.sqrt(m.variance), df: m.domainDegf };
      },
      settings.level,
    );
    const before = unweighted.groups?.[g];
    return { ...group, unweighted: { estimate: before?.estimate ?? null, ci: before?.ci ?? null } };
  });
  return { ...weightedBase(unweighted), n, groups, histogram: histogram(weights, counts) };
}

export const quantiles: MetricKind<ValueCounts> = {
  kind: 'quantiles',
  scale: 'mean',
  headline: false,
  charts: ['histogram'],
  format: (value) => formatValue('mean', value),
  create: () => ({ counts: new Map() }),
  add(plan, state, answer) {
    const value = valueOf(plan.question, answer);
    state.counts.set(value, (state.counts.get(value) ?? 0) + 1);
  },
  merge(into, from) {
    for (const [value, count] of from.counts) into.counts.set(value, (into.counts.get(value) ?? 0) + count);
  },
  finish(plan, state, settings) {
    const list = sortedValues(state.counts, state.counts);
    const n = list.reduce((sum, v) => sum + v.weight, 0);
    const groups = probsOf(plan).map((p) =>
      quantileGroup(
        list,
        p,
        n,
        (q) => {
          if (n < 2) return null;
          const below = list.reduce((sum, v) => sum + (v.value <= q ? v.weight : 0), 0);
          const proportion = below / n;
          // svymean on svydesign(ids = ~1) with equal weights: Var = p(1 − p)/(n − 1); degf = n − 1.
          return { proportion, se: Math.sqrt((proportion * (1 - proportion)) / (n - 1)), df: n - 1 };
        },
        settings.level,
      ),
    );
    return { ...baseResult(plan, settings, { estimate: null, ci: null, method: 'woodruff', n }), groups, histogram: histogram(state.counts, state.counts) };
  },
  variables: () => 0,
  addWeighted() {},
  weightedValues: true,
  finishWeighted(plan, unweighted, _sums, context, settings, values) {
    return values === undefined ? weightedBase(unweighted) : finishWeightedQuantiles(plan, unweighted, context, settings, values);
  },
  change: () => null,
};
