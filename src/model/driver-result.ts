/**
 * A key-driver analysis as `stats.json` carries it (`drivers`; docs/outputs.md): over the respondents with
 * the outcome and every driver (complete cases), unweighted, the linear model's R² (a linear probability model
 * when the outcome is a share metric's success) and per driver its standardised coefficient and its part of R²
 * by LMG (Shapley) and by Johnson's relative weights.
 */
export interface DriverResult {
  id: string;
  label: string;
  /** The outcome's question or metric id. */
  outcome: string;
  model: 'linear' | 'linear-probability';
  n: number;
  r2: number | null;
  /** The seeded bootstrap behind the intervals (null when `bootstrap: 0` or there is no model). */
  bootstrap: { replicates: number; seed: number; level: number; method: 'percentile' } | null;
  drivers: { id: string; label: string; beta: number | null; lmg: number | null; lmgCi: [number, number] | null; johnson: number | null; johnsonCi: [number, number] | null }[];
}
