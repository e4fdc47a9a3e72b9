/**
 * A key-driver analysis from its complete cases (drivers-fold.ts): the correlation matrix of [outcome,
 * drivers], relative importance (relative-importance.ts), and percentile intervals for each driver's LMG and
 * Johnson parts of R² from a seeded bootstrap: `bootstrap` resamples of the respondents with replacement
 * (mulberry32 from `seed`), the analysis redone on each, the (1 − level)/2 and (1 + level)/2 quantiles of
 * what they give (R's `quantile(type = 7)`). A resample whose drivers are collinear or constant is skipped
 * (`replicates` counts those used). Same cases and seed, same intervals. No bootstrap where it would cost more
 * than MAX_BOOTSTRAP_WORK.
 */
import type { Codebook, DriverAnalysis } from '../../codebook/schema.ts';
import type { DriverResult } from '../../model/driver-result.ts';
import { seededRandom } from '../../util/random.ts';
import type { DriverCases } from './drivers-fold.ts';
import { relativeImportance, type RelativeImportance } from './relative-importance.ts';

/** n · B · (p + 1)² at most for a bootstrap (about 1M respondents × 40 replicates × 7 variables). */
export const MAX_BOOTSTRAP_WORK = 2e9;

export function driverAnalysis(codebook: Codebook, analysis: DriverAnalysis, position: number, cases: DriverCases | undefined): DriverResult {
  const outcome = typeof analysis.outcome === 'string' ? analysis.outcome : analysis.outcome.metric;
  const metric = typeof analysis.outcome === 'string' ? undefined : codebook.metrics.find((m) => m.id === outcome);
  const labelOf = (id: string): string => codebook.questions.find((q) => q.id === id)?.label ?? id;
  const width = analysis.drivers.length + 1;
  const values = cases?.values ?? [];
  const n = Math.floor(values.length / width);
  const all = Array.from({ length: n }, (_, r) => r);
  const result = importanceOf(values, width, all);
  const level = codebook.confidence;
  // The bootstrap redoes the analysis B times over n rows: skipped where that would take minutes.
  const affordable = n * analysis.bootstrap * width * width <= MAX_BOOTSTRAP_WORK;
  const intervals = result === null || analysis.bootstrap === 0 || !affordable ? null : bootstrap(values, width, n, analysis.bootstrap, analysis.seed, level);
  return {
    id: analysis.id ?? `drivers-${position + 1}`,
    label: analysis.label ?? (metric === undefined ? labelOf(outcome) : (metric.label ?? metric.id)),
    outcome,
    model: metric !== undefined && metric.kind !== 'mean' ? 'linear-probability' : 'linear',
    n,
    r2: result?.r2 ?? null,
    bootstrap: intervals === null ? null : { replicates: intervals.replicates, seed: analysis.seed, level, method: 'percentile' },
    drivers: analysis.drivers.map((id, j) => ({
      id,
      label: labelOf(id),
      beta: result?.beta[j] ?? null,
      lmg: result?.lmg[j] ?? null,
      lmgCi: intervals?.lmg[j] ?? null,
      johnson: result?.johnson[j] ?? null,
      johnsonCi: intervals?.johnson[j] ?? null,
    })),
  };
}

/** Relative importance over the given rows (indices, repeats allowed), from their correlation matrix. */
function importanceOf(values: readonly number[], width: number, rows: readonly number[]): RelativeImportance | null {
  if (rows.length < 2) return null;
  const means = new Array<number>(width).fill(0);
  for (const r of rows) for (let i = 0; i < width; i++) means[i] = (means[i] ?? 0) + (values[r * width + i] ?? 0);
  for (let i = 0; i < width; i++) means[i] = (means[i] ?? 0) / rows.length;
  const cross = Array.from({ length: width }, () => new Array<number>(width).fill(0));
  for (const r of rows) {
    for (let i = 0; i < width; i++) {
      const a = (values[r * width + i] ?? 0) - (means[i] ?? 0);
      const line = cross[i] as number[];
      for (let j = i; j < width; j++) line[j] = (line[j] ?? 0) + a * ((values[r * width + j] ?? 0) - (means[j] ?? 0));
    }
  }
  const sd = cross.map((line, i) => Math.sqrt(line[i] ?? 0));
  // A variable that does not vary among these rows leaves no correlation.
  if (sd.some((s) => !(s > 0))) return null;
  const correlation = cross.map((_, i) => cross.map((__, j) => (i <= j ? (cross[i]?.[j] ?? 0) : (cross[j]?.[i] ?? 0)) / ((sd[i] as number) * (sd[j] as number))));
  return relativeImportance(correlation);
}

function bootstrap(values: readonly number[], width: number, n: number, replicates: number, seed: number, level: number): { replicates: number; lmg: [number, number][]; johnson: [number, number][] } {
  const random = seededRandom(seed);
  const p = width - 1;
  const lmg: number[][] = Array.from({ length: p }, () => []);
  const johnson: number[][] = Array.from({ length: p }, () => []);
  const rows = new Array<number>(n).fill(0);
  let used = 0;
  for (let b = 0; b < replicates; b++) {
    for (let r = 0; r < n; r++) rows[r] = Math.floor(random.next() * n);
    const result = importanceOf(values, width, rows);
    if (result === null) continue;
    used++;
    result.lmg.forEach((x, j) => lmg[j]?.push(x));
    result.johnson.forEach((x, j) => johnson[j]?.push(x));
  }
  const interval = (draws: number[]): [number, number] => {
    const sorted = [...draws].sort((a, b) => a - b);
    return [quantile7(sorted, (1 - level) / 2), quantile7(sorted, (1 + level) / 2)];
  };
  return { replicates: used, lmg: lmg.map(interval), johnson: johnson.map(interval) };
}

/** R's quantile(type = 7) of sorted values: linear between the order statistics at (n − 1)·p. */
export function quantile7(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(sorted.length - 1, low + 1);
  return (sorted[low] as number) + (h - low) * ((sorted[high] as number) - (sorted[low] as number));
}
