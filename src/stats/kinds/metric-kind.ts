/**
 * What the rest of the tool needs to know about a metric kind, answered by the kind's own module
 * (`kindOf(kind)` in ./index.ts): how its values read, how it accumulates responses into mergeable counts
 * and weighted sums, how it finishes into a result (weighted and not), how its groups are tested, and how
 * two waves of it compare. A kind's state `S` is plain data (it crosses threads by structured clone).
 */
import type { CiMethod, Metric } from '../../codebook/schema.ts';
import type { GroupResult, MetricResult } from '../../model/metric-result.ts';
import type { Answer } from '../../model/response.ts';
import type { TestResult } from '../../model/test-result.ts';
import type { WaveChange } from '../../model/series.ts';
import type { MetricPlan } from '../metric-plan.ts';
import type { Calibration, CellTotal } from '../weights/calibrate.ts';
import type { ValueSums, WeightedSums } from '../weights/weighted-sums.ts';

/**
 * How a kind's values read: `share` a fraction 0..1 shown as a percentage, `mean` a value on the question's
 * own scale, `score` an NPS on −100..100.
 */
export type Scale = 'share' | 'mean' | 'score';

/**
 * The charts a kind's results get: a bar in its section's share chart, a chart of its options' shares, a
 * retention curve over its levels, the NPS bar of promoters, passives and detractors, a histogram of a
 * number question's answers.
 */
export type ChartRole = 'section' | 'options' | 'curve' | 'nps' | 'histogram';

/** The answer of a respondent in a metric's denominator. */
export type Given = Exclude<Answer, null>;

export interface IntervalSettings {
  level: number;
  ciMethod: CiMethod;
}

/** What a weighted estimate needs beyond its sums: the weighting cells and their calibration. */
export interface WeightingContext {
  cells: ReadonlyMap<string, CellTotal>;
  calibration: Calibration;
}

/** A wave-over-wave change before it is placed between two waves. */
export type Change = Omit<WaveChange, 'from' | 'to' | 'significant'>;

export interface MetricKind<S> {
  kind: Metric['kind'];
  scale: Scale;
  /** One estimate that can head a report (not a set of option shares). */
  headline: boolean;
  charts: readonly ChartRole[];
  /** A value on the kind's scale as reports and the terminal show it. */
  format(value: number): string;

  /** Empty counts of one metric (or of one group of a breakdown). */
  create(plan: MetricPlan): S;
  /** Folds in one respondent of the metric's denominator: `answer` to its question, `answers` to all. */
  add(plan: MetricPlan, state: S, answer: Given, answers: readonly Answer[]): void;
  /** `into` += `from`, both of the same plan. */
  merge(into: S, from: S): void;
  finish(plan: MetricPlan, state: S, settings: IntervalSettings): MetricResult;

  /** Weighted estimation: the number of variables whose weighted sums are kept. */
  variables(plan: MetricPlan): number;
  /** One respondent's value of each variable (`add(v, y)`; a variable not added leaves the respondent out of it). */
  addWeighted(plan: MetricPlan, answer: Given, answers: readonly Answer[], add: (v: number, y: number) => void): void;
  /**
   * Whether the weighted fold also keeps, per distinct value of the answer, the per-cell sums of the
   * respondents who gave it (`values` in finishWeighted): what a quantile needs, which no fixed set of
   * variables gives.
   */
  weightedValues?: boolean;
  /** The weighted result from the sums of the variables, the unweighted one kept alongside. */
  finishWeighted(plan: MetricPlan, unweighted: MetricResult, sums: readonly WeightedSums[], context: WeightingContext, settings: IntervalSettings, values?: ValueSums): MetricResult;

  /** Breakdowns by group; absent for kinds that cannot be broken down (the codebook refuses them). */
  groups?: GroupTests<S>;
  /** The later wave's unweighted result minus the earlier's, with an interval; null when it cannot be had. */
  change(a: MetricResult, b: MetricResult, level: number): Change | null;
}

// Members are methods, so a kind of any state is a MetricKind<unknown> (see index.ts).
export interface GroupTests<S> {
  /** The counts of the respondents in `whole` but not in `part`. */
  subtract(whole: S, part: S): S;
  /** The test of a group against the rest of the respondents. */
  vsRest(group: S, rest: S): TestResult | null;
  /** The tests that the groups differ at all, the main one first (none when the kind has none). */
  overall(groups: readonly S[]): TestResult[];
  /** The one variable whose weighted group estimates and design-based tests are taken, for a respondent. */
  value(plan: MetricPlan, answer: Given): number;
  /**
   * The design-based test of a group against the rest: Rao-Scott on the weighted 2×2 table of group and
   * success (`table`), or svyglm's t on the linearised difference of the two domains' means (`domain`).
   */
  weightedTest: 'table' | 'domain';
  /** The weighted estimate of a group from the sums of `value`. */
  finishWeighted(plan: MetricPlan, group: GroupResult, sums: WeightedSums, context: WeightingContext, settings: IntervalSettings): GroupResult;
}
