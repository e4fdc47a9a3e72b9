/**
 * The reliability of one index's items as `stats.json` carries it (`reliability`; docs/outputs.md), over the
 * respondents who answered every item, unweighted: Cronbach's alpha with Feldt's interval, standardised alpha,
 * the mean inter-item correlation, McDonald's omega (total, one factor; null under three items or where the
 * factor cannot be fitted), and per item its item–rest correlation and alpha if it were deleted.
 * `flags`: `low-alpha` (alpha under 0.7), `item-lowers-alpha` (some item's deletion would raise alpha).
 */
export interface ReliabilityResult {
  index: string;
  label: string;
  items: string[];
  n: number;
  alpha: number | null;
  /** Why alpha is null: under two complete answers, or a total score that does not vary. */
  noAlpha: 'too-few' | 'no-variance' | null;
  ci: [number, number] | null;
  level: number;
  standardized: number | null;
  averageR: number | null;
  omega: number | null;
  itemRest: (number | null)[];
  alphaIfDeleted: (number | null)[];
  flags: string[];
}
