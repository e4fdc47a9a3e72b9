/** What a reader needs to judge the weights: how much they vary, the effective n, and how raking went. */
export interface WeightingDiagnostics {
  method: 'column' | 'poststratify' | 'rake';
  by: string[];
  trim: number | null;
  /** Respondents carrying a weight, and those left out for not answering a weighting question. */
  n: number;
  unweightable: number;
  /** Kish: (Σw)²/Σw², and the design effect due to weighting n / nEffective. */
  nEffective: number;
  designEffect: number;
  /** Respondents weighted 0 (in a category whose population share is 0). */
  zeroWeights: number;
  /** Weights relative to their mean; the smallest and the ratio are over the non-zero weights. */
  minWeight: number;
  maxWeight: number;
  maxMinRatio: number;
  /** Share of the total weight carried by the most heavily weighted 1% and 5% of respondents (null with untrimmed design weights, which vary within a cell). */
  topShare1: number | null;
  topShare5: number | null;
  iterations: number;
  converged: boolean;
  trimmed: number;
}
