import type { GroupResult } from './metric-result.ts';
import type { TestResult } from './test-result.ts';
/** A breakdown's result as `stats.json` carries it: one metric within each group of a question. */

export interface BreakdownResult {
  by: string;
  metric: string;
  groups: GroupResult[];
  /** How the groups' p-values were adjusted. */
  adjust: 'holm' | 'bh';
  /**
   * Do the groups differ at all (single-choice `by` only); null otherwise. Shares: chi-square (Rao-Scott F
   * when weighted); means and NPS: Welch's ANOVA (the design-based Wald F when weighted).
   */
  test: TestResult | null;
  /** More tests of the same question, unweighted: the classic one-way ANOVA (means, NPS) and chi-square on the NPS classes. */
  otherTests?: TestResult[];
  /** The tests' basis: unweighted counts, or the weighted design (Rao-Scott for shares, svyglm's t on the linearised difference for means and NPS). */
  tests: 'unweighted' | 'design-based';
}
