/**
 * The Rao-Scott test against R 4.2.2 / survey 4.1.1 (tests/reference/weighting_reference.R):
 * svychisq(~active + industry, design, statistic = "F") and statistic = "Chisq", for the column-weighted and
 * the raked (rake_tight) designs.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { calibrate, type CellTotal } from '../../../src/stats/weights/calibrate.ts';
import { raoScott } from '../../../src/stats/weights/rao-scott.ts';
import { addWeighted, type WeightedSums } from '../../../src/stats/weights/weighted-sums.ts';
import type { WeightingPlan } from '../../../src/stats/weights/weighting-plan.ts';
import reference from '../../reference/weighting-reference.json' with { type: 'json' };

interface Row {
  industry: string;
  gender: string;
  w: string;
  active: string;
}
const rows = Papa.parse<Row>(readFileSync(new URL('../../reference/weighting-data.csv', import.meta.url), 'utf8'), { header: true, skipEmptyLines: true }).data;
const INDUSTRY = ['finance', 'tech', 'other'];
const GENDER = ['male', 'female'];

function test(plan: WeightingPlan) {
  const cells = new Map<string, CellTotal>();
  // table[active][industry]: the indicator of each combination, over every respondent.
  const table: WeightedSums[][] = [0, 1].map(() => INDUSTRY.map(() => new Map()));
  for (const row of rows) {
    const cell = plan.margins.map((m) => (m.question === 'industry' ? INDUSTRY.indexOf(row.industry) : GENDER.indexOf(row.gender))).join(',');
    const d = Number(row.w);
    const total = cells.get(cell) ?? { n: 0, a1: 0, a2: 0, dMin: d, dMax: d };
    cells.set(cell, { n: total.n + 1, a1: total.a1 + d, a2: total.a2 + d * d, dMin: Math.min(total.dMin, d), dMax: Math.max(total.dMax, d) });
    table.forEach((sums, a) => sums.forEach((s, i) => addWeighted(s, cell, d, Number(row.active) === a && INDUSTRY[i] === row.industry ? 1 : 0)));
  }
  const calibrated = calibrate(plan, cells);
  if (!calibrated.ok) throw new Error('calibration');
  return raoScott(table, cells, calibrated.calibration);
}

function relative(actual: number | undefined, expected: number): number {
  return Math.abs((actual ?? Number.NaN) - expected) / Math.abs(expected);
}

describe('raoScott against svychisq', () => {
  const industry = { question: 'industry', at: 0, shares: [0.06, 0.24, 0.7] };
  const gender = { question: 'gender', at: 1, shares: [0.51, 0.49] };
  const designs: ['column' | 'rake_tight', WeightingPlan][] = [
    ['column', { method: 'column', margins: [], designWeights: true }],
    ['rake_tight', { method: 'rake', margins: [industry, gender], designWeights: true }],
  ];
  for (const [name, plan] of designs) {
    it(`${name}: F statistic, its degrees of freedom and p; the first-order chi-square`, () => {
      const result = test(plan);
      const want = reference.designs[name].svychisq_active_industry;
      expect(relative(result?.statistic, want.F.statistic)).toBeLessThan(1e-8);
      expect(relative(result?.df ?? undefined, want.F.ndf)).toBeLessThan(1e-8);
      expect(relative(result?.pValue, want.F.p_value)).toBeLessThan(1e-7);
      expect(relative(result?.pearson, want.Chisq.statistic)).toBeLessThan(1e-8);
      expect(relative(result?.chiSquare.pValue, want.Chisq.p_value)).toBeLessThan(1e-7);
    });
  }
});
