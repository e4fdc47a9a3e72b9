/**
 * Waves of one series (surveys sharing `series`), in fieldwork order: for every headline metric the waves
 * have in common, its estimate and interval per wave, and the change between consecutive waves with an
 * interval for the difference: Newcombe's hybrid score interval for unweighted shares, Welch's t interval
 * for unweighted means and ratios, a normal interval on the two variances for NPS and weighted estimates.
 * A change is significant when its interval excludes 0.
 */
import { zFor } from './distributions.ts';
import { kindOf } from './kinds/index.ts';
import type { Change } from './kinds/metric-kind.ts';
import type { Stats } from '../model/stats.ts';
import type { MetricResult } from '../model/metric-result.ts';
import type { SeriesMetric, WaveChange } from '../model/series.ts';

export function seriesTrends(waves: readonly Stats[], level: number): SeriesMetric[] {
  const ordered = [...waves].sort((a, b) => (a.survey.fielded?.start ?? a.survey.id).localeCompare(b.survey.fielded?.start ?? b.survey.id));
  const first = ordered[0];
  if (first === undefined) return [];
  return first.metrics
    .filter((m) => kindOf(m.kind).headline && ordered.every((w) => w.metrics.some((x) => x.id === m.id && x.kind === m.kind)))
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

/**
 * The later wave minus the earlier, with its interval; null when either estimate is missing. Weighted
 * estimates compare by a normal interval on their standard errors; unweighted ones as their kind says.
 */
export function changeBetween(a: MetricResult, b: MetricResult, level: number): Change | null {
  if (a.estimate === null || b.estimate === null) return null;
  if (a.weighted || b.weighted) {
    const difference = b.estimate - a.estimate;
    const half = zFor(level) * Math.sqrt((a.se ?? 0) ** 2 + (b.se ?? 0) ** 2);
    return { difference, ci: [difference - half, difference + half], method: 'normal' };
  }
  return kindOf(a.kind).change(a, b, level);
}

/** Each series with two or more waves, by name, its waves in the order given. */
export function seriesWithWaves(waves: readonly Stats[]): [string, Stats[]][] {
  const bySeries = new Map<string, Stats[]>();
  for (const stats of waves) {
    if (stats.survey.series !== undefined) bySeries.set(stats.survey.series, [...(bySeries.get(stats.survey.series) ?? []), stats]);
  }
  return [...bySeries].filter(([, members]) => members.length >= 2).sort(([a], [b]) => (a < b ? -1 : 1));
}
