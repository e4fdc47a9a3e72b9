/**
 * Waves of one series (surveys sharing `series`), in fieldwork order: for every headline metric the waves
 * have in common, its estimate and interval per wave, and the change between consecutive waves with an
 * interval for the difference: Newcombe's hybrid score interval for unweighted shares, Welch's t interval
 * for unweighted means and ratios, a normal interval on the two variances for NPS and weighted estimates.
 * A change is significant when its interval excludes 0.
 */
import type { Stats } from '../report/stats-json.ts';
import { tQuantile, zFor } from './distributions.ts';
import type { MetricResult } from './metric-result.ts';
import { newcombeInterval } from './newcombe-interval.ts';

export interface WavePoint {
  survey: string;
  title: string;
  start: string | null;
  estimate: number | null;
  ci: [number, number] | null;
  n: number;
}

export interface WaveChange {
  from: string;
  to: string;
  difference: number;
  ci: [number, number];
  method: 'newcombe' | 'welch' | 'normal';
  significant: boolean;
}

export interface SeriesMetric {
  metric: string;
  label: string;
  kind: MetricResult['kind'];
  points: WavePoint[];
  changes: WaveChange[];
}

const SHARES = new Set(['proportion', 'top-box', 'pmf', 'retention']);

export function seriesTrends(waves: readonly Stats[], level: number): SeriesMetric[] {
  const ordered = [...waves].sort((a, b) => (a.survey.fielded?.start ?? a.survey.id).localeCompare(b.survey.fielded?.start ?? b.survey.id));
  const first = ordered[0];
  if (first === undefined) return [];
  return first.metrics
    .filter((m) => m.kind !== 'distribution' && ordered.every((w) => w.metrics.some((x) => x.id === m.id && x.kind === m.kind)))
    .map((m) => {
      const results = ordered.map((w) => w.metrics.find((x) => x.id === m.id) as MetricResult);
      const points = results.map((r, i) => ({
        survey: ordered[i]?.survey.id ?? '',
        title: ordered[i]?.survey.title ?? '',
        start: ordered[i]?.survey.fielded?.start ?? null,
        estimate: r.estimate,
        ci: r.ci,
        n: r.n,
      }));
      const changes: WaveChange[] = [];
      for (let i = 1; i < results.length; i++) {
        const change = changeBetween(results[i - 1] as MetricResult, results[i] as MetricResult, level);
        if (change !== null) changes.push({ from: points[i - 1]?.survey ?? '', to: points[i]?.survey ?? '', ...change, significant: change.ci[0] > 0 || change.ci[1] < 0 });
      }
      return { metric: m.id, label: m.label, kind: m.kind, points, changes };
    });
}

/** The later wave minus the earlier, with its interval; null when either estimate is missing. */
export function changeBetween(a: MetricResult, b: MetricResult, level: number): Omit<WaveChange, 'from' | 'to' | 'significant'> | null {
  if (a.estimate === null || b.estimate === null) return null;
  const difference = b.estimate - a.estimate;
  const normal = (varA: number, varB: number): Omit<WaveChange, 'from' | 'to' | 'significant'> => {
    const half = zFor(level) * Math.sqrt(varA + varB);
    return { difference, ci: [difference - half, difference + half], method: 'normal' };
  };
  if (a.weighted || b.weighted) return normal((a.se ?? 0) ** 2, (b.se ?? 0) ** 2);
  if (SHARES.has(a.kind) && a.count !== undefined && b.count !== undefined) {
    const interval = newcombeInterval(a.count, a.n, b.count, b.n, level);
    return interval === null ? null : { difference: interval.difference, ci: interval.ci, method: 'newcombe' };
  }
  if ((a.kind === 'mean' || a.kind === 'ratio') && a.sd !== null && a.sd !== undefined && b.sd !== null && b.sd !== undefined && a.n > 1 && b.n > 1) {
    const va = a.sd ** 2 / a.n;
    const vb = b.sd ** 2 / b.n;
    if (va + vb === 0) return { difference, ci: [difference, difference], method: 'welch' };
    const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
    const half = tQuantile(1 - (1 - level) / 2, df) * Math.sqrt(va + vb);
    return { difference, ci: [difference - half, difference + half], method: 'welch' };
  }
  if (a.kind === 'nps') {
    const variance = (m: MetricResult): number => {
      const p = m.promoters ?? 0;
      const d = m.detractors ?? 0;
      return m.n > 0 ? (1e4 * (p + d - (p - d) ** 2)) / m.n : 0;
    };
    return normal(variance(a), variance(b));
  }
  return null;
}

/** Each series with two or more waves, by name, its waves in the order given. */
export function seriesWithWaves(waves: readonly Stats[]): [string, Stats[]][] {
  const bySeries = new Map<string, Stats[]>();
  for (const stats of waves) {
    if (stats.survey.series !== undefined) bySeries.set(stats.survey.series, [...(bySeries.get(stats.survey.series) ?? []), stats]);
  }
  return [...bySeries].filter(([, members]) => members.length >= 2).sort(([a], [b]) => (a < b ? -1 : 1));
}
