/** `stats.json` (docs/outputs.md): every result of one analysis, in one object. */
import type { Codebook } from '../codebook/schema.ts';
import type { Audit } from '../model/audit.ts';
import type { Flag } from '../model/flag.ts';
import type { BreakdownResult } from '../model/breakdown-result.ts';
import type { MetricResult } from '../model/metric-result.ts';
import type { WeightingDiagnostics } from '../model/weighting-diagnostics.ts';
import type { WeightingComparison } from '../model/weighting-comparison.ts';
import type { DesignDiagnostics } from '../model/design-diagnostics.ts';
import type { ValidationSummary } from '../model/validation.ts';
import type { Stats } from '../model/stats.ts';
import type { TableResult } from '../model/table-result.ts';
import type { ReliabilityResult } from '../model/reliability-result.ts';
import type { IndexResult } from '../model/index-result.ts';
import type { DriverResult } from '../model/driver-result.ts';

/**
 * Every number in `stats.json` is finite: JSON would write NaN and ±Infinity as null, and the reports as
 * "NaN%". One that is not is a bug, stopped here rather than written (the message names where it is).
 */
export function assertFinite(value: unknown, where = 'stats'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${where} is ${value}: a statistic that is not a number reached the outputs`);
  } else if (Array.isArray(value)) value.forEach((item, i) => assertFinite(item, `${where}[${i}]`));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) assertFinite(item, `${where}.${key}`);
}

export function buildStats(args: {
  codebook: Codebook;
  sha256: string;
  validation: ValidationSummary;
  metrics: MetricResult[];
  breakdowns: BreakdownResult[];
  audit: { audit: Audit; flags: Flag[] };
  weighting?: WeightingDiagnostics;
  design?: DesignDiagnostics;
  weightings?: WeightingComparison[];
  tables?: TableResult[];
  indexes?: IndexResult[];
  reliability?: ReliabilityResult[];
  drivers?: DriverResult[];
}): Stats {
  const { codebook, validation } = args;
  const stats: Stats = {
    schemaVersion: 1,
    survey: {
      id: codebook.id,
      title: codebook.title,
      ...(codebook.series === undefined ? {} : { series: codebook.series }),
      ...(codebook.fielded === undefined ? {} : { fielded: codebook.fielded }),
      language: codebook.language,
    },
    input: {
      file: codebook.source.file,
      sha256: args.sha256,
      encoding: validation.encoding,
      rowsRead: validation.rowsRead,
      accepted: validation.accepted,
      quarantined: validation.quarantined,
      filtered: validation.filtered,
    },
    confidence: codebook.confidence,
    weighting: args.weighting ?? { method: codebook.weighting.method },
    ...(args.design === undefined ? {} : { design: args.design }),
    metrics: args.metrics,
    ...(args.weightings === undefined ? {} : { weightings: args.weightings }),
    breakdowns: args.breakdowns,
    ...(args.tables === undefined || args.tables.length === 0 ? {} : { tables: args.tables }),
    ...(args.indexes === undefined || args.indexes.length === 0 ? {} : { indexes: args.indexes }),
    ...(args.reliability === undefined || args.reliability.length === 0 ? {} : { reliability: args.reliability }),
    ...(args.drivers === undefined || args.drivers.length === 0 ? {} : { drivers: args.drivers }),
    audit: args.audit.audit,
    flags: args.audit.flags,
  };
  assertFinite(stats);
  return stats;
}
