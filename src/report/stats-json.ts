/** `stats.json` (docs/outputs.md): every result of one analysis, in one object. */
import type { Audit } from '../audit/run-audit.ts';
import type { Flag } from '../audit/flag.ts';
import type { Codebook } from '../codebook/schema.ts';
import type { BreakdownResult } from '../stats/compute-breakdowns.ts';
import type { MetricResult } from '../stats/metric-result.ts';
import type { WeightingDiagnostics } from '../stats/weights/weighting-diagnostics.ts';
import type { ValidationSummary } from './validation-json.ts';

export interface Stats {
  schemaVersion: 1;
  survey: { id: string; title: string; series?: string; fielded?: { start: string; end: string }; language: string };
  input: { file: string; sha256: string; encoding: string; rowsRead: number; accepted: number; quarantined: number };
  confidence: number;
  weighting: { method: string } | WeightingDiagnostics;
  metrics: MetricResult[];
  breakdowns: BreakdownResult[];
  audit: Audit;
  flags: Flag[];
}

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
