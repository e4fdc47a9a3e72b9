/**
 * `nps`: % promoters (9-10) − % detractors (0-6) on −100..100, with a normal interval on the trinomial
 * variance; groups by a z-test; weighted, a normal interval on the linearised variance of the score
 * y ∈ {100, 0, −100}.
 */
import { zFor } from '../distributions.ts';
import { oneWayAnova, welchAnova } from '../anova.ts';
import { chiSquareIndependence, npsTest, present } from '../group-tests.ts';
import { npsInterval } from '../nps-interval.ts';
import type { WeightedSums } from '../weights/weighted-sums.ts';
import { baseResult, finite, weightedBase } from './base-result.ts';
import { formatValue } from './format-value.ts';
import type { Given, MetricKind, WeightingContext } from './metric-kind.ts';
import { designN, weightedValue, weightedValueGroup } from './value-kind.ts';
import { variableMean } from './weighted-share.ts';

/** The range of an NPS. */
const SCALE = [-100, 100] as const;

/** Respondents per score 0..10. */
export interface NpsScores {
  scores: number[];
}

/** A score's value in the NPS: 100 for a promoter, 0 for a passive, −100 for a detractor. */
function scoreValue(answer: Given): number {
  const score = answer as number;
  return score >= 9 ? 100 : score <= 6 ? -100 : 0;
}

/** Respondents per NPS score value (100, 0, −100). */
function scoreCounts(scores: readonly number[]): Map<number, number> {
  const [promoters, passives, detractors] = classes(scores);
  return new Map([
    [-100, detractors],
    [0, passives],
    [100, promoters],
  ]);
}

/** [promoters, passives, detractors]. */
function classes(scores: readonly number[]): [number, number, number] {
  const promoters = (scores[9] ?? 0) + (scores[10] ?? 0);
  const passives = (scores[7] ?? 0) + (scores[8] ?? 0);
  const total = scores.reduce((a, b) => a + b, 0);
  return [promoters, passives, total - promoters - passives];
}

/** Weighted shares of promoters and detractors from the sums of the score y ∈ {100, 0, −100}. */
function weightedClasses(sums: WeightedSums, context: WeightingContext): { promoters: number; passives: number; detractors: number } {
  let total = 0;
  let y = 0;
  let yy = 0;
  for (const [cell, c] of sums) {
    const g = context.calibration.g.get(cell) ?? 0;
    total += g * c.s1;
    y += g * c.s1y;
    yy += g * c.s1yy;
  }
  // Σw·y = 100(P − D) and Σw·y² = 10⁴(P + D), with P and D the weighted promoter and detractor totals.
  const promoters = total > 0 ? (yy / 1e4 + y / 100) / 2 / total : 0;
  const detractors = total > 0 ? (yy / 1e4 - y / 100) / 2 / total : 0;
  return { promoters, passives: 1 - promoters - detractors, detractors };
}

export const nps: MetricKind<NpsScores> = {
  kind: 'nps',
  scale: 'score',
  headline: true,
  charts: ['nps'],
  format: (value) => formatValue('score', value),
  create: () => ({ scores: Array.from({ length: 11 }, () => 0) }),
  add(_plan, state, answer) {
    const score = answer as number;
    state.scores[score] = (state.scores[score] ?? 0) + 1;
  },
  merge(into, from) {
    from.scores.forEach((count, score) => (into.scores[score] = (into.scores[score] ?? 0) + count));
  },
  finish(plan, state, settings) {
    const [promoters, passives, detractors] = classes(state.scores);
    const interval = npsInterval(promoters, passives, detractors, settings.level);
    return {
      ...baseResult(plan, settings, { estimate: interval?.estimate ?? null, ci: interval?.ci ?? null, method: 'nps-trinomial-normal', n: promoters + passives + detractors }),
      ...(interval === null ? {} : { promoters: interval.promoters, passives: interval.passives, detractors: interval.detractors }),
    };
  },
  variables: () => 1,
  addWeighted(_plan, answer, _answers, add) {
    add(0, scoreValue(answer));
  },
  finishWeighted(plan, unweighted, sums, context, settings) {
    const base = weightedBase(unweighted);
    const m = variableMean(sums, 0, context);
    if (m === null) return { ...base, estimate: null, ci: null };
    const { estimate, ci, se } = weightedValue(plan, m, settings.level, SCALE);
    return { ...base, ...weightedClasses(sums[0] ?? new Map(), context), estimate, ci, method: 'normal', n: m.n, nEffective: m.nEffective, nInterval: designN(m), se, deff: finite(m.deff) };
  },
  groups: {
    subtract: (whole, part) => ({ scores: whole.scores.map((c, s) => c - (part.scores[s] ?? 0)) }),
    vsRest: (group, rest) => npsTest(classes(group.scores), classes(rest.scores)),
    // On the score (100, 0, −100): Welch's ANOVA, the one-way ANOVA; then Pearson's chi-square on the three classes.
    overall: (groups) => {
      const scores = groups.map((g) => scoreCounts(g.scores));
      return present(welchAnova(scores), oneWayAnova(scores), chiSquareIndependence(groups.map((g) => [...classes(g.scores)])));
    },
    value: (_plan, answer) => scoreValue(answer),
    weightedTest: 'domain',
    finishWeighted: (plan, group, sums, context, settings) => weightedValueGroup(plan, group, sums, context, settings.level, SCALE),
  },
  change(a, b, level) {
    if (a.estimate === null || b.estimate === null) return null;
    const variance = (m: typeof a): number => {
      const p = m.promoters ?? 0;
      const d = m.detractors ?? 0;
      return m.n > 0 ? (1e4 * (p + d - (p - d) ** 2)) / m.n : 0;
    };
    const difference = b.estimate - a.estimate;
    const half = zFor(level) * Math.sqrt(variance(a) + variance(b));
    return { difference, ci: [difference - half, difference + half], method: 'normal' };
  },
};
