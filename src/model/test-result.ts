/** A statistical test's outcome, as breakdowns carry it. */
export interface TestResult {
  method: 'chi-square' | 'welch-t' | 'nps-z';
  statistic: number;
  df: number | null;
  pValue: number;
}
