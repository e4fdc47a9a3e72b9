import type { GroupResult } from './metric-result.ts';
import type { TestResult } from './test-result.ts';
/** A breakdown's result as `stats.json` carries it: one metric within each group of a question. */

export interface BreakdownResult {
  by: string;
  metric: string;
  groups: GroupResult[];
  /** How the groups' p-values were adjusted. */
  adjust: 'holm' | 'bh';
  /** Do the groups differ at all (single-choice `by` only); null otherwise. */
  test: TestResult | null;
  /** The tests' basis: unweighted counts, or the weighted design (Rao-Scott for shares, z on the linearised difference for means and NPS). */
  tests: 'unweighted' | 'design-based';
}
