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
  drivers: { id: string; label: string; beta: number | null; lmg: number | null; johnson: number | null }[];
}
