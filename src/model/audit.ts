import type { WeightingDiagnostics } from './weighting-diagnostics.ts';
/** The representativeness audit as `stats.json` carries it. */

export interface AuditVariable {
  question: string;
  source: string;
  n: number;
  /** Sample shares by option; empty when nobody answered the question. */
  sample: Record<string, number>;
  population: Record<string, number>;
  /** With weighting: the weighted sample shares. */
  weightedSample?: Record<string, number | null>;
  chiSquare: number | null;
  df: number | null;
  pValue: number | null;
  tvd: number | null;
  /** Per option: the sample share minus the population share, with the interval of the sample share moved by q. */
  differences: { option: string; difference: number; ci: [number, number] | null; asmd: number | null }[];
  /** The mean ASMD over the options (with 0 < q < 1), Meta balance's summary for a categorical variable. */
  meanAsmd: number | null;
  flags: string[];
}

export interface PrecisionRow {
  metric: string;
  /** Half the interval's width, on the 0..1 share scale (NPS divided by 100). */
  marginOfError: number | null;
  n: number;
  nEffective: number;
  exceeds: boolean;
}

export interface SensitivityRow {
  metric: string;
  unweighted: number | null;
  weighted: number | null;
  /** weighted − unweighted, and the unweighted interval's half-width it is compared with. */
  shift: number | null;
  halfWidth: number | null;
  dependsOnSample: boolean;
}

export interface Audit {
  variables: AuditVariable[];
  precision: PrecisionRow[];
  weighting: WeightingDiagnostics | null;
  sensitivity: { basis: 'codebook-weighting' | 'benchmarks' | 'none'; method: string | null; rows: SensitivityRow[] };
  collection: {
    channels: Record<string, number>;
    quarantinedShare: number;
    quarantinedByRule: Record<string, number>;
    nonResponse: Record<string, number>;
  };
}
