/** `stats.json` (docs/outputs.md): every result of one analysis, in one object. */
import type { Audit } from './audit.ts';
import type { BreakdownResult } from './breakdown-result.ts';
import type { Flag } from './flag.ts';
import type { MetricResult } from './metric-result.ts';
import type { WeightingDiagnostics } from './weighting-diagnostics.ts';

export interface Stats {
  schemaVersion: 1;
  survey: { id: string; title: string; series?: string; fielded?: { start: string; end: string }; language: string };
  input: { file: string; sha256: string; encoding: string; rowsRead: number; accepted: number; quarantined: number; filtered: number };
  confidence: number;
  weighting: { method: string } | WeightingDiagnostics;
  metrics: MetricResult[];
  breakdowns: BreakdownResult[];
  audit: Audit;
  flags: Flag[];
}
