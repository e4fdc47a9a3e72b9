/**
 * Weighted estimates and their linearised standard errors against R 4.2.2 with survey 4.1.1, on the data and
 * designs of tests/reference/weighting_reference.R (values in weighting-reference.json), e.g.
 * `svymean(~active, rake(column, list(~industry, ~gender), list(pop_industry, pop_gender), control =
 * list(maxit = 100, epsilon = 1e-10)))`, `SE(...)`, `svymean(..., deff = "replace")`.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { calibrate, type CellTotal } from '../../../src/stats/weights/calibrate.ts';
import { linearizedMean } from '../../../src/stats/weights/linearized-mean.ts';
import { addWeighted, type WeightedSums } from '../../../src/stats/weights/weighted-sums.ts';
import type { WeightingPlan } from '../../../src/stats/weights/weighting-plan.ts';
import reference from '../../reference/weighting-reference.json' with { type: 'json' };

interface Row {
  industry: string;
  gender: string;
  w: string;
  active: string;
  sat: string;
  nps: string;
  days: string;
}
const rows = Papa.parse<Row>(readFileSync(new URL('../../reference/weighting-data.csv', import.meta.url), 'utf8'), { header: true, skipEmptyLines: true }).data;
const INDUSTRY = ['finance', 'tech', 'other'];
const GENDER = ['male', 'female'];
const industry = { question: 'industry', at: 0, shares: [0.06, 0.24, 0.7] };
const gender = { question: 'gender', at: 1, shares: [0.51, 0.49] };

/** Folds the reference rows into cell totals and per-variable sums, as the survey summary does. */
function fold(plan: WeightingPlan, domain: (row: Row) => boolean = () => true) {
  const cells = new Map<string, CellTotal>();
  const variables: Record<'active' | 'sat' | 'days' | 'nps_score', WeightedSums> = { active: new Map(), sat: new Map(), days: new Map(), nps_score: new Map() };
  for (const row of rows) {
    const cell = plan.margins.map((m) => (m.question === 'industry' ? INDUSTRY.indexOf(row.industry) : GENDER.indexOf(row.gender))).join(',');
    const d = plan.designWeights ? Number(row.w) : 1;
    const total = cells.get(cell) ?? { n: 0, a1: 0, a2: 0, dMin: d, dMax: d };
    cells.set(cell, { n: total.n + 1, a1: total.a1 + d, a2: total.a2 + d * d, dMin: Math.min(total.dMin, d), dMax: Math.max(total.dMax, d) });
    if (!domain(row)) continue;
    addWeighted(variables.active, cell, d, Number(row.active));
    if (row.sat !== '') addWeighted(variables.sat, cell, d, Number(row.sat));
    addWeighted(variables.days, cell, d, Number(row.days));
    const nps = Number(row.nps);
    addWeighted(variables.nps_score, cell, d, nps >= 9 ? 100 : nps <= 6 ? -100 : 0);
  }
  return { cells, variables };
}

const DESIGNS: [keyof typeof reference.designs, WeightingPlan][] = [
  ['column', { method: 'column', margins: [], designWeights: true }],
  ['unweighted', { method: 'column', margins: [], designWeights: false }],
  ['poststratify', { method: 'poststratify', margins: [industry], designWeights: true }],
  ['poststratify_equal', { method: 'poststratify', margins: [industry], designWeights: false }],
  ['rake_tight', { method: 'rake', margins: [industry, gender], designWeights: true }],
  ['rake_equal_tight', { method: 'rake', margins: [industry, gender], designWeights: false }],
  ['trim_rake_equal', { method: 'rake', margins: [industry, gender], designWeights: false, trim: 2.5 }],
];

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1e-12, Math.abs(expected));
}

describe('linearizedMean against R survey::svymean', () => {
  for (const [name, plan] of DESIGNS) {
    it(`${name}: estimates, SEs, design effects and Kish n of active, sat (with NAs), days and the NPS score`, () => {
      const { cells, variables } = fold(plan);
      const calibrated = calibrate(plan, cells);
      expect(calibrated.ok).toBe(true);
      if (!calibrated.ok) return;
      const design = reference.designs[name];
      for (const variable of ['active', 'sat', 'days', 'nps_score'] as const) {
        const result = linearizedMean(variables[variable], cells, calibrated.calibration);
        const want = design.estimates[variable];
        expect(result).not.toBeNull();
        expect(relativeError(result?.estimate ?? Number.NaN, want.estimate), `${name} ${variable} estimate`).toBeLessThan(1e-9);
        expect(relativeError(Math.sqrt(result?.variance ?? Number.NaN), want.se), `${name} ${variable} se`).toBeLessThan(1e-8);
        expect(relativeError(result?.deff ?? Number.NaN, want.deff_replace), `${name} ${variable} deff`).toBeLessThan(1e-8);
      }
      const kish = linearizedMean(variables.days, cells, calibrated.calibration);
      expect(relativeError(kish?.nEffective ?? Number.NaN, design.weights.kish_n_eff)).toBeLessThan(1e-9);
    });
  }

  it('rake_tight: domain estimates by gender match svyby(~active, ~gender, rake_tight, svymean)', () => {
    const plan: WeightingPlan = { method: 'rake', margins: [industry, gender], designWeights: true };
    for (const group of ['male', 'female'] as const) {
      const { cells, variables } = fold(plan, (row) => row.gender === group);
      const calibrated = calibrate(plan, cells);
      if (!calibrated.ok) throw new Error('calibration');
      const result = linearizedMean(variables.active, cells, calibrated.calibration);
      const want = reference.designs.rake_tight.domains_active_by_gender.groups[group];
      expect(relativeError(result?.estimate ?? Number.NaN, want.estimate)).toBeLessThan(1e-9);
      expect(relativeError(Math.sqrt(result?.variance ?? Number.NaN), want.se)).toBeLessThan(1e-8);
    }
  });

  it('raking converges and the calibrated weights hit the population margins', () => {
    const { cells } = fold({ method: 'rake', margins: [industry, gender], designWeights: true });
    const calibrated = calibrate({ method: 'rake', margins: [industry, gender], designWeights: true }, cells);
    if (!calibrated.ok) throw new Error('calibration');
    expect(calibrated.calibration.converged).toBe(true);
    const total = [...cells.values()].reduce((sum, c) => sum + c.a1, 0);
    const finance = [...cells].filter(([cell]) => cell.startsWith('0,')).reduce((sum, [cell, c]) => sum + (calibrated.calibration.g.get(cell) ?? 0) * c.a1, 0);
    expect(finance / total).toBeCloseTo(0.06, 9);
  });

  it('refuses to weight when nobody answered every weighting question', () => {
    expect(calibrate({ method: 'rake', margins: [industry, gender], designWeights: false }, new Map())).toEqual({ ok: false, margin: -1, level: -1 });
  });

  it('refuses to weight when a population level has no respondents', () => {
    const cells = new Map<string, CellTotal>([['0', { n: 3, a1: 3, a2: 3, dMin: 1, dMax: 1 }], ['1', { n: 2, a1: 2, a2: 2, dMin: 1, dMax: 1 }]]);
    expect(calibrate({ method: 'poststratify', margins: [industry], designWeights: false }, cells)).toEqual({ ok: false, margin: 0, level: 2 });
  });

  it('with all weights equal gives the unweighted mean, and the SRS variance s²/n', () => {
    const plan: WeightingPlan = { method: 'column', margins: [], designWeights: false };
    const { cells, variables } = fold(plan);
    const calibrated = calibrate(plan, cells);
    if (!calibrated.ok) throw new Error('calibration');
    const result = linearizedMean(variables.days, cells, calibrated.calibration);
    const days = rows.map((r) => Number(r.days));
    const mean = days.reduce((a, b) => a + b, 0) / days.length;
    const s2 = days.reduce((a, b) => a + (b - mean) ** 2, 0) / (days.length - 1);
    expect(result?.estimate).toBeCloseTo(mean, 12);
    expect(result?.variance).toBeCloseTo(s2 / days.length, 12);
    expect(result?.deff).toBeCloseTo(1, 12);
  });
});
