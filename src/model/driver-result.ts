/**
 * A key-driver analysis as `stats.json` carries it (`drivers`; docs/outputs.md): over the respondents with
 * the outcome and every driver (complete cases), weighted by the survey's final weights when it is weighted,
 * the linear model's R² (a linear probability model when the outcome is a share metric's success) and per
 * driver its Pearson and Spearman correlation with the outcome (Fisher-z intervals), its standardised
 * coefficient and its part of R² by LMG (Shapley) and by Johnson's relative weights.
 */
/** A correlation and its interval (null under four effective respondents). */
export interface Correlation {
  r: number;
  ci: [number, number] | null;
}

export interface DriverResult {
  id: string;
  label: string;
  /** The outcome's question or metric id. */
  outcome: string;
  model: 'linear' | 'linear-probability';
  weighted: boolean;
  n: number;
  /** Kish's effective n (n when unweighted): the n of the correlations' intervals. */
  effectiveN: number;
  r2: number | null;
  /** Why there is no model (r2 null): under p + 2 complete answers, a variable that does not vary, collinear drivers. */
  noModel: 'too-few' | 'no-variance' | 'collinear' | null;
  /** The seeded bootstrap behind the intervals (null when `bootstrap: 0`, when skipped, or without a model). */
  bootstrap: { replicates: number; seed: number; level: number; method: 'percentile' } | null;
  /** The bootstrap asked for was skipped: it would have cost more than MAX_BOOTSTRAP_WORK (stats/drivers/driver-analysis.ts). */
  bootstrapSkipped: boolean;
  drivers: {
    id: string;
    label: string;
    /** The driver's mean over the same respondents (weighted when they are), and the scale it is read on (a likert's 1..k, a rating's or number's min..max, NPS 0..10; else the range seen). */
    mean: number | null;
    scale: [number, number] | null;
    pearson: Correlation | null;
    spearman: Correlation | null;
    beta: number | null;
    /** Parts of R² (each set sums to R²). */
    lmg: number | null;
    johnson: number | null;
    /** The same as shares of R² (each set sums to 1), with their bootstrap intervals. */
    lmgShare: number | null;
    lmgShareCi: [number, number] | null;
    johnsonShare: number | null;
    johnsonShareCi: [number, number] | null;
  }[];
}
