/** A key-driver analysis from its complete-case sums (drivers-fold.ts): correlations, then relative importance. */
import type { Codebook, DriverAnalysis } from '../../codebook/schema.ts';
import type { DriverResult } from '../../model/driver-result.ts';
import { itemCovariance, type ItemSums } from '../reliability/reliability-fold.ts';
import { relativeImportance } from './relative-importance.ts';

export function driverAnalysis(codebook: Codebook, analysis: DriverAnalysis, position: number, sums: ItemSums | undefined): DriverResult {
  const outcome = typeof analysis.outcome === 'string' ? analysis.outcome : analysis.outcome.metric;
  const metric = typeof analysis.outcome === 'string' ? undefined : codebook.metrics.find((m) => m.id === outcome);
  const labelOf = (id: string): string => codebook.questions.find((q) => q.id === id)?.label ?? id;
  const covariance = sums === undefined ? null : itemCovariance(sums);
  const sd = covariance?.map((row, i) => Math.sqrt(row[i] ?? 0));
  // Correlations; nothing when a variable does not vary among the complete cases.
  const correlation = covariance === null || sd === undefined || sd.some((s) => !(s > 0)) ? null : covariance.map((row, i) => row.map((c, j) => c / ((sd[i] as number) * (sd[j] as number))));
  const result = correlation === null ? null : relativeImportance(correlation);
  return {
    id: analysis.id ?? `drivers-${position + 1}`,
    label: analysis.label ?? (metric === undefined ? labelOf(outcome) : (metric.label ?? metric.id)),
    outcome,
    model: metric !== undefined && metric.kind !== 'mean' ? 'linear-probability' : 'linear',
    n: sums?.n ?? 0,
    r2: result?.r2 ?? null,
    drivers: analysis.drivers.map((id, j) => ({ id, label: labelOf(id), beta: result?.beta[j] ?? null, lmg: result?.lmg[j] ?? null, johnson: result?.johnson[j] ?? null })),
  };
}
