/** `stats.json` (docs/outputs.md): every result of one analysis, in one object. */
import type { Audit } from './audit.ts';
import type { BreakdownResult } from './breakdown-result.ts';
import type { Flag } from './flag.ts';
import type { MetricResult } from './metric-result.ts';
import type { WeightingComparison } from './weighting-comparison.ts';
import type { WeightingDiagnostics } from './weighting-diagnostics.ts';
import type { DesignDiagnostics } from './design-diagnostics.ts';
import type { DriverResult } from './driver-result.ts';
import type { ReliabilityResult } from './reliability-result.ts';
import type { IndexResult } from './index-result.ts';
import type { TableResult } from './table-result.ts';

export interface Stats {
  schemaVersion: 1;
  survey: { id: string; title: string; series?: string; fielded?: { start: string; end: string }; language: string };
  input: { file: string; sha256: string; encoding: string; rowsRead: number; accepted: number; quarantined: number; filtered: number };
  confidence: number;
  weighting: { method: string } | WeightingDiagnostics;
  /** With a sampling design (`design`). */
  design?: DesignDiagnostics;
  metrics: MetricResult[];
  /** With `weightings`: every headline metric under each. */
  weightings?: WeightingComparison[];
  breakdowns: BreakdownResult[];
  /** The banner tables (`tables`, or the default one). */
  tables?: TableResult[];
  /** Per index (`indexes`), how it is scored and its scores. */
  indexes?: IndexResult[];
  /** Per index (`indexes`), the reliability of its items. */
  reliability?: ReliabilityResult[];
  /** The key-driver analyses (`drivers`). */
  drivers?: DriverResult[];
  audit: Audit;
  flags: Flag[];
}
