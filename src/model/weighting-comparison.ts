/** One weighting of `weightings` (docs/outputs.md): every headline metric estimated under it, beside the codebook's own. */
export interface WeightingComparison {
  id: string;
  label: string;
  method: 'none' | 'column' | 'poststratify' | 'rake';
  by: string[];
  column: string | null;
  trim: number | null;
  /** Kish's effective sample size of the weights (null without weights). */
  nEffective: number | null;
  /** Respondents left out of this weighting: no answer to a question it weights on, or no valid weight in its column. */
  unweightable: number;
  metrics: ComparedMetric[];
}

export interface ComparedMetric {
  id: string;
  estimate: number | null;
  ci: [number, number] | null;
  /** The standard error (linearised with weights or a design; null for an unweighted estimate). */
  se: number | null;
  n: number;
}
