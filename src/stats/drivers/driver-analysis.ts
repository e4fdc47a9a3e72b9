/**
 * A key-driver analysis from its complete cases (drivers-fold.ts), weighted by the survey's final weights when
 * it is weighted (respondents without a weight left out): the correlation matrix of [outcome, drivers],
 * relative importance (relative-importance.ts), each driver's Pearson and Spearman correlation with the outcome
 * (correlations.ts), and percentile intervals for each driver's LMG and Johnson shares of R² from a seeded
 * bootstrap: `bootstrap` resamples of the respondents with replacement (mulberry32 from `seed`; the weights
 * held fixed), the analysis redone on each (its parts divided by its own R²), the (1 − level)/2 and
 * (1 + level)/2 quantiles of what they give (R's `quantile(type = 7)`). A resample whose drivers are collinear
 * or constant is skipped (`replicates` counts those used). Same cases (in any order) and seed, same intervals.
 *
 * Respondents who gave the same answers (and carry the same weight) are one pattern counted several times, so
 * a resample costs n draws plus one pass over the patterns: survey answers repeat, and a million respondents
 * on five-point scales make a few thousand patterns. No bootstrap where it would cost more than
 * MAX_BOOTSTRAP_WORK.
 */
import { questionName } from '../../codebook/question-label.ts';
import { analysisId, type Codebook, type DriverAnalysis } from '../../codebook/schema.ts';
import type { Correlation, DriverResult } from '../../model/driver-result.ts';
import { seededRandom } from '../../util/random.ts';
import { correlationMatrix, correlationsOf, crossProducts, fisherInterval, midRanks, outcomeCorrelations } from './correlations.ts';
import type { DriverCases } from './drivers-fold.ts';
import { relativeImportance } from './relative-importance.ts';

/**
 * B · (n + patterns · (p + 1)² + 5 · 2^p · p²) at most for a bootstrap: each resample draws n respondents, sums
 * the patterns' cross-products, and solves a system for each of the 2^p subsets of drivers (15 drivers and 200
 * resamples would take a minute).
 */
export const MAX_BOOTSTRAP_WORK = 1e9;

/** Distinct rows of the cases (with their weight), and how often each occurs. */
interface Patterns {
  values: number[];
  /** Per pattern: its weight (1 unweighted). */
  weights: number[];
  /** Per pattern: the cases that have it. */
  counts: number[];
}

/** `weights`: the final weight of each case (drivers-fold.ts finalWeights), absent when the survey is unweighted. */
export function driverAnalysis(codebook: Codebook, analysis: DriverAnalysis, position: number, cases: DriverCases | undefined, weights?: ArrayLike<number>): DriverResult {
  const outcome = typeof analysis.outcome === 'string' ? analysis.outcome : analysis.outcome.metric;
  const metric = typeof analysis.outcome === 'string' ? undefined : codebook.metrics.find((m) => m.id === outcome);
  const labelOf = (id: string): string => questionName(codebook, id);
  const width = analysis.drivers.length + 1;
  const patterns = patternsOf(cases?.values ?? [], width, cases?.counts ?? [], weights);
  const n = patterns.counts.reduce((sum, c) => sum + c, 0);
  const all = patterns.counts.map((count, k) => count * (patterns.weights[k] as number));
  const p = width - 1;
  const rows = patternIndices(patterns);
  const cross = crossProducts(patterns.values, width, rows, all);
  // A model needs a residual degree of freedom: with n ≤ p + 1 respondents any drivers fit exactly (R² = 1).
  const correlation = n < p + 2 || cross === null ? null : correlationsOf(cross);
  const result = correlation === null ? null : relativeImportance(correlation);
  const noModel = n < p + 2 ? 'too-few' : correlation === null ? 'no-variance' : result === null ? 'collinear' : null;
  const level = codebook.confidence;
  const kish = kishN(patterns);
  const correlationOf = (r: number | null | undefined, spearman: boolean): Correlation | null => (r === null || r === undefined ? null : { r, ci: fisherInterval(r, kish, level, spearman) });
  // Each driver's correlation with the outcome stands on its own: a driver that does not vary leaves the others theirs.
  const pearson = n < 2 ? [] : outcomeCorrelations(cross, width);
  const spearman = n < 2 ? [] : outcomeCorrelations(crossProducts(midRanks(patterns.values, width, all), width, rows, all), width);
  // The bootstrap redoes the analysis B times: skipped where that would take minutes.
  const affordable = analysis.bootstrap * (n + patterns.counts.length * width * width + 5 * 2 ** p * p * p) <= MAX_BOOTSTRAP_WORK;
  const intervals = result === null || analysis.bootstrap === 0 || !affordable ? null : bootstrap(patterns, width, analysis.bootstrap, analysis.seed, level);
  const r2 = result === null ? null : clampShare(result.r2);
  return {
    id: analysisId(analysis, position),
    label: analysis.label ?? (metric === undefined ? labelOf(outcome) : (metric.label ?? metric.id)),
    outcome,
    model: metric !== undefined && metric.kind !== 'mean' ? 'linear-probability' : 'linear',
    weighted: weights !== undefined,
    n,
    effectiveN: kish,
    r2,
    noModel,
    bootstrap: intervals === null ? null : { replicates: intervals.replicates, seed: analysis.seed, level, method: 'percentile' },
    bootstrapSkipped: result !== null && analysis.bootstrap > 0 && !affordable,
    drivers: analysis.drivers.map((id, j) => ({
      id,
      label: labelOf(id),
      ...performanceOf(codebook, id, patterns, width, j + 1),
      pearson: correlationOf(pearson[j], false),
      spearman: correlationOf(spearman[j], true),
      beta: result?.beta[j] ?? null,
      lmg: result?.lmg[j] ?? null,
      johnson: result?.johnson[j] ?? null,
      lmgShare: shareOf(result?.lmg[j], result?.r2),
      lmgShareCi: intervals?.lmg[j] ?? null,
      johnsonShare: shareOf(result?.johnson[j], result?.r2),
      johnsonShareCi: intervals?.johnson[j] ?? null,
    })),
  };
}

/** The cases (rows with their counts) as patterns in a fixed order (by their values, then weight), leaving out those with no weight: the same however the rows were ordered. */
function patternsOf(values: readonly number[], width: number, counts: readonly number[], weights?: ArrayLike<number>): Patterns {
  const rows = Math.floor(values.length / width);
  const index = new Map<string, number>();
  const found: { row: number[]; weight: number; count: number }[] = [];
  for (let r = 0; r < rows; r++) {
    const w = weights === undefined ? 1 : (weights[r] as number);
    if (!(w > 0)) continue;
    const row = values.slice(r * width, (r + 1) * width);
    const key = `${row.join(',')}|${w}`;
    const k = index.get(key);
    const count = counts[r] ?? 0;
    if (k === undefined) {
      index.set(key, found.length);
      found.push({ row, weight: w, count });
    } else (found[k] as { count: number }).count += count;
  }
  found.sort((a, b) => {
    for (let i = 0; i < width; i++) if (a.row[i] !== b.row[i]) return (a.row[i] as number) - (b.row[i] as number);
    return a.weight - b.weight;
  });
  return { values: found.flatMap((p) => p.row), weights: found.map((p) => p.weight), counts: found.map((p) => p.count) };
}

/** Column `at`'s weighted mean over the cases, and the scale of the question it comes from. */
function performanceOf(codebook: Codebook, id: string, patterns: Patterns, width: number, at: number): { mean: number | null; scale: [number, number] | null } {
  let total = 0;
  let sum = 0;
  let low = Infinity;
  let high = -Infinity;
  patterns.counts.forEach((count, k) => {
    const w = count * (patterns.weights[k] as number);
    const x = patterns.values[k * width + at] as number;
    total += w;
    sum += w * x;
    low = Math.min(low, x);
    high = Math.max(high, x);
  });
  if (!(total > 0)) return { mean: null, scale: null };
  const question = codebook.questions.find((q) => q.id === id);
  const scale: [number, number] =
    question?.type === 'likert'
      ? [1, question.options.length]
      : question?.type === 'nps'
        ? [0, 10]
        : (question?.type === 'rating' || question?.type === 'numeric') && question.min !== undefined && question.max !== undefined
          ? [question.min, question.max]
          : [low, high];
  return { mean: sum / total, scale };
}

function patternIndices(patterns: Patterns): number[] {
  return patterns.counts.map((_, k) => k);
}

/** Kish's effective n, (Σw)²/Σw², over the cases. */
function kishN(patterns: Patterns): number {
  let sum = 0;
  let squares = 0;
  patterns.counts.forEach((count, k) => {
    const w = patterns.weights[k] as number;
    sum += count * w;
    squares += count * w * w;
  });
  return squares > 0 ? (sum * sum) / squares : 0;
}

function shareOf(part: number | undefined, r2: number | undefined): number | null {
  return part === undefined || r2 === undefined || !(r2 > 0) ? null : clampShare(part / r2);
}

/** Rounding can carry an R² or a share of it just past 1 (or below 0). */
function clampShare(x: number): number {
  return Math.max(0, Math.min(1, x));
}

function bootstrap(patterns: Patterns, width: number, replicates: number, seed: number, level: number): { replicates: number; lmg: [number, number][]; johnson: [number, number][] } {
  const random = seededRandom(seed);
  const p = width - 1;
  const n = patterns.counts.reduce((sum, c) => sum + c, 0);
  const lmg: number[][] = Array.from({ length: p }, () => []);
  const johnson: number[][] = Array.from({ length: p }, () => []);
  const drawn = new Float64Array(patterns.counts.length);
  const table = aliasTable(patterns.counts);
  const rows = patternIndices(patterns);
  let used = 0;
  for (let b = 0; b < replicates; b++) {
    drawn.fill(0);
    for (let r = 0; r < n; r++) {
      const k = table.draw(random.next());
      drawn[k] = (drawn[k] as number) + 1;
    }
    for (let k = 0; k < drawn.length; k++) drawn[k] = (drawn[k] as number) * (patterns.weights[k] as number);
    const correlation = correlationMatrix(patterns.values, width, rows, drawn);
    const result = correlation === null ? null : relativeImportance(correlation);
    if (result === null || !(result.r2 > 0)) continue;
    used++;
    result.lmg.forEach((x, j) => lmg[j]?.push(clampShare(x / result.r2)));
    result.johnson.forEach((x, j) => johnson[j]?.push(clampShare(x / result.r2)));
  }
  const interval = (draws: number[]): [number, number] => {
    const sorted = [...draws].sort((a, b) => a - b);
    return [quantile7(sorted, (1 - level) / 2), quantile7(sorted, (1 + level) / 2)];
  };
  return { replicates: used, lmg: lmg.map(interval), johnson: johnson.map(interval) };
}

/**
 * Vose's alias table for drawing pattern k with probability counts[k]/n from one uniform number u in [0, 1):
 * the same as drawing a respondent at random and taking their pattern, in two lookups of a small table.
 */
function aliasTable(counts: readonly number[]): { draw(u: number): number } {
  const size = counts.length;
  const total = counts.reduce((sum, c) => sum + c, 0);
  const probability = Float64Array.from(counts, (c) => (c * size) / total);
  const alias = new Int32Array(size);
  const small: number[] = [];
  const large: number[] = [];
  probability.forEach((p, k) => (p < 1 ? small : large).push(k));
  while (small.length > 0 && large.length > 0) {
    const less = small.pop() as number;
    const more = large.pop() as number;
    alias[less] = more;
    probability[more] = (probability[more] as number) + (probability[less] as number) - 1;
    (probability[more] < 1 ? small : large).push(more);
  }
  // What is left has probability 1 up to rounding.
  for (const k of [...small, ...large]) probability[k] = 1;
  return {
    draw(u) {
      const scaled = u * size;
      const k = Math.floor(scaled);
      return scaled - k < (probability[k] as number) ? k : (alias[k] as number);
    },
  };
}

/** R's quantile(type = 7) of sorted values: linear between the order statistics at (n − 1)·p. */
export function quantile7(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(sorted.length - 1, low + 1);
  return (sorted[low] as number) + (h - low) * ((sorted[high] as number) - (sorted[low] as number));
}
