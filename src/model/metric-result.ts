/** A metric's result as `stats.json` carries it (docs/outputs.md), and its groups. */
import type { CiMethod, Metric } from '../codebook/schema.ts';

/** One group of a distribution or a breakdown: an option and the estimate among its respondents. */
export interface GroupResult {
  value: string;
  estimate: number | null;
  ci: [number, number] | null;
  n: number;
  /** `small-cell` below the small-cell n, `empty` when nobody in the group is in the metric's denominator. */
  flags: string[];
  /** Respondents with the option (distribution groups). */
  count?: number;
  /** quantiles: the quantile's probability (0.5 for the median). */
  p?: number;
  /** With weighting: the unweighted figures, kept alongside. */
  unweighted?: { estimate: number | null; ci: [number, number] | null };
  /** With weighting: the effective n the group's interval used (see MetricResult.nInterval). */
  nInterval?: number;
  /** Breakdown groups: the test of the group against the rest, raw and adjusted for the number of groups. */
  pValue?: number | null;
  pAdjusted?: number | null;
  significant?: boolean;
}

/** Weighted-estimate details (docs/codebook.md: "the unweighted figure stays in the output"). */
export interface WeightedDetails {
  /** Linearised standard error of the estimate. */
  se: number;
  /** Design effect against simple random sampling with replacement. */
  deff: number | null;
  unweighted: { estimate: number | null; ci: [number, number] | null; method: string };
}

/** A metric's result as `stats.json` carries it (docs/outputs.md). */
export interface MetricResult {
  id: string;
  kind: Metric['kind'];
  section: Metric['section'];
  label: string;
  question: string;
  /** Null when no respondent answered (n = 0), and for distributions (see `groups`). */
  estimate: number | null;
  ci: [number, number] | null;
  level: number;
  method: CiMethod | 't' | 'nps-trinomial-normal' | 'normal' | 'woodruff';
  /** Respondents in the denominator: those who answered (and pass `among`). */
  n: number;
  /** n, or with weighting Kish's effective sample size (Σw)²/Σw² of the denominator. */
  nEffective: number;
  /**
   * With weighting or a design: the effective n the interval used, the n of a simple random sample with the
   * same precision. A share's n* = p(1−p)/SE² (times the degrees-of-freedom factor of a design, as
   * svyciprop(method = "beta")); a mean's or an NPS's n/deff.
   */
  nInterval?: number;
  weighted: boolean;
  /** Present when weighted. */
  se?: number;
  deff?: number | null;
  unweighted?: WeightedDetails['unweighted'];
  /** Respondents counted as a success (proportion, top-box). */
  count?: number;
  sd?: number | null;
  promoters?: number;
  passives?: number;
  detractors?: number;
  groups?: GroupResult[];
  /** pmf: the bar (Sean Ellis' 40%) and whether the interval lies above it, below it, or across it. */
  bar?: number;
  verdict?: 'above' | 'below' | 'inconclusive';
  /** ratio: what the values are divided by (e.g. 7 days). */
  per?: number;
  /** quantiles: the answers in bins of equal width (weighted shares with weighting), for a histogram. */
  histogram?: HistogramBin[];
}

/** One bin of a histogram: answers from `from` up to (not including) `to`; the last bin includes `to`. */
export interface HistogramBin {
  from: number;
  to: number;
  /** Respondents in the bin, and their (weighted) share of those who answered. */
  count: number;
  share: number;
}
