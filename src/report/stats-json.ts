/** `stats.json` (docs/outputs.md): every result of one analysis, in one object. */
import type { Codebook } from '../codebook/schema.ts';
import type { Audit } from '../model/audit.ts';
import type { Flag } from '../model/flag.ts';
import type { BreakdownResult } from '../model/breakdown-result.ts';
import type { MetricResult } from '../model/metric-result.ts';
import type { WeightingDiagnostics } from '../model/weighting-diagnostics.ts';
import type { ValidationSummary } from '../model/validation.ts';
import type { Stats } from '../model/stats.ts';

export function buildStats(args: {
  codebook: Codebook;
  sha256: string;
  validation: ValidationSummary;
  metrics: MetricResult[];
  breakdowns: BreakdownResult[];
  audit: { audit: Audit; flags: Flag[] };
  weighting?: WeightingDiagnostics;
}): Stats {
  const { codebook, validation } = args;
  return {
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
    },
    confidence: codebook.confidence,
    weighting: args.weighting ?? { method: codebook.weighting.method },
    metrics: args.metrics,
    breakdowns: args.breakdowns,
    audit: args.audit.audit,
    flags: args.audit.flags,
  };
}
