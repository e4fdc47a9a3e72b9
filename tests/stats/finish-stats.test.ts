/**
 * The whole pipeline on a weighted survey, held against R 4.2.2 / survey 4.1.1
 * (tests/reference/weighting_reference.R): rake_tight = rake(svydesign(ids = ~1, weights = ~w, data = d),
 * list(~industry, ~gender), list(pop_industry, pop_gender), control = list(maxit = 100, epsilon = 1e-10)).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { ingestBytes } from '../../src/ingest/ingest-text.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import reference from '../reference/weighting-reference.json' with { type: 'json' };
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const bytes = readFileSync(new URL('../reference/weighting-data.csv', import.meta.url));
const text = readFileSync(new URL('../fixtures/weighting/survey.yaml', import.meta.url), 'utf8');

function run(yaml: string) {
  const parsed = parseCodebook(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const codebook: Codebook = parsed.value;
  return finishStats(codebook, ingestBytes(codebook, bytes, surveyFold(codebook), { file: 'weighting-data.csv' }).folded, 'survey.yaml');
}

function relative(actual: number | null | undefined, expected: number): number {
  return Math.abs((actual ?? Number.NaN) - expected) / Math.abs(expected);
}

describe('finishStats with raking to benchmarks from design weights', () => {
  const { metrics, breakdowns, weighting } = run(text);
  const R = reference.designs.rake_tight;
  const metric = (id: string) => metrics.find((m) => m.id === id);

  it('weights every metric as svymean does, with its linearised SE', () => {
    for (const [id, variable] of [['active', 'active'], ['sat_mean', 'sat'], ['nps', 'nps_score'], ['days_mean', 'days']] as const) {
      const want = R.estimates[variable];
      expect(metric(id)?.weighted).toBe(true);
      expect(relative(metric(id)?.estimate, want.estimate), id).toBeLessThan(1e-9);
      expect(relative(metric(id)?.se, want.se), id).toBeLessThan(1e-8);
    }
  });

  it('gives the Clopper-Pearson interval of svyciprop(~active, rake_tight, method = "beta")', () => {
    const ci = metric('active')?.ci;
    expect(relative(ci?.[0], R.svyciprop_active.beta.ci[0] ?? 0)).toBeLessThan(1e-8);
    expect(relative(ci?.[1], R.svyciprop_active.beta.ci[1] ?? 0)).toBeLessThan(1e-8);
  });

  it('gives means the normal interval of confint(svymean(~days, rake_tight))', () => {
    const ci = metric('days_mean')?.ci;
    expect(relative(ci?.[0], R.estimates.days.ci[0] ?? 0)).toBeLessThan(1e-8);
    expect(relative(ci?.[1], R.estimates.days.ci[1] ?? 0)).toBeLessThan(1e-8);
  });

  it('keeps the unweighted estimate alongside, and reports Kish n and the design effect', () => {
    expect(metric('active')?.unweighted?.estimate).toBe(258 / 400);
    expect(relative(metric('days_mean')?.nEffective, R.weights.kish_n_eff)).toBeLessThan(1e-9);
    expect(relative(metric('days_mean')?.deff ?? null, R.estimates.days.deff_replace)).toBeLessThan(1e-8);
    expect(weighting).toMatchObject({ method: 'rake', by: ['industry', 'gender'], n: 400, unweightable: 0, converged: true });
    expect(relative(weighting?.nEffective, R.weights.kish_n_eff)).toBeLessThan(1e-9);
  });

  it('weights breakdown groups as domains, as svyby(~active, ~gender, rake_tight, svymean)', () => {
    const groups = breakdowns.find((b) => b.by === 'gender')?.groups ?? [];
    for (const group of groups) {
      const want = R.domains_active_by_gender.groups[group.value as 'male' | 'female'];
      expect(relative(group.estimate, want.estimate), group.value).toBeLessThan(1e-9);
    }
  });

  it('tests weighted share breakdowns design-based: the overall test is svychisq(~active + industry, rake_tight)', () => {
    const byIndustry = breakdowns.find((b) => b.by === 'industry' && b.metric === 'active');
    expect(byIndustry?.tests).toBe('design-based');
    const want = R.svychisq_active_industry.F;
    expect(relative(byIndustry?.test?.statistic, want.statistic)).toBeLessThan(1e-8);
    expect(relative(byIndustry?.test?.df ?? null, want.ndf)).toBeLessThan(1e-8);
    expect(relative(byIndustry?.test?.pValue, want.p_value)).toBeLessThan(1e-7);
    expect(byIndustry?.groups.every((g) => g.pValue !== null && g.pAdjusted !== null)).toBe(true);
    expect(breakdowns.find((b) => b.by === 'gender' && b.metric === 'active')?.tests).toBe('design-based');
  });

  it('tests weighted means and NPS design-based: group vs rest is the t-test of the coefficient of svyglm(y ~ male, rake_tight) on its residual degrees of freedom, as summary() gives it', () => {
    for (const [metric, variable] of [['days_mean', 'days'], ['nps', 'nps_score']] as const) {
      const groups = breakdowns.find((b) => b.by === 'gender' && b.metric === metric)?.groups ?? [];
      const want = R.male_vs_female[variable].p_value_t;
      // With two groups, each one's "rest" is the other: both get the same p-value.
      for (const group of groups) expect(relative(group.pValue, want), `${metric} ${group.value}`).toBeLessThan(1e-8);
    }
  });

  it('reports the weighted sample shares of the benchmarked questions: the raking targets, as svymean(~factor(industry), rake_tight)', () => {
    const full = run(text);
    const industry = full.weightedOptionShares?.get('industry') ?? [];
    const want = R.estimates.industry.estimate;
    expect(industry[0]).toBeCloseTo(want.finance, 9);
    expect(industry[1]).toBeCloseTo(want.tech, 9);
    expect(industry[2]).toBeCloseTo(want.other, 9);
  });

  it('gives each share of a raking variable its point as interval, as confint(svymean(~factor(industry), rake_tight))', () => {
    // The weighting fixes these shares: R's SEs are ~2e-16. The linearised variance here is a difference of
    // raw moments whose rounding once left a positive or negative remainder, and with it either a ~1e-9 wide
    // interval or the Kish-n one ([0.60, 0.78] for "other").
    for (const ciMethod of ['clopper-pearson', 'wilson']) {
      const withMix = text.replace('ciMethod: clopper-pearson', `ciMethod: ${ciMethod}`).replace('metrics:\n', 'metrics:\n  - { id: industry_mix, kind: distribution, question: industry }\n');
      const groups = run(withMix).metrics.find((m) => m.id === 'industry_mix')?.groups ?? [];
      expect(groups.map((g) => g.value)).toEqual(['finance', 'tech', 'other']);
      for (const group of groups) {
        const option = group.value as 'finance' | 'tech' | 'other';
        expect(Math.abs((group.estimate ?? Number.NaN) - R.estimates.industry.estimate[option]), option).toBeLessThan(1e-9);
        const [low, high] = R.estimates.industry.ci[option];
        expect(Math.abs((group.ci?.[0] ?? Number.NaN) - (low ?? 0)), `${ciMethod} ${option}`).toBeLessThan(1e-9);
        expect(Math.abs((group.ci?.[1] ?? Number.NaN) - (high ?? 0)), `${ciMethod} ${option}`).toBeLessThan(1e-9);
      }
    }
  });

  it('rakes from design weights and trims at 5 times the mean, as trimWeights(rake_tight, strict = TRUE)', () => {
    const result = run(text.replace('by: [industry, gender]', 'by: [industry, gender]\n  trim: 5'));
    const want = reference.designs.trim_rake_tight;
    for (const [id, variable] of [['active', 'active'], ['days_mean', 'days'], ['nps', 'nps_score']] as const) {
      const metric = result.metrics.find((m) => m.id === id);
      expect(relative(metric?.estimate, want.estimates[variable].estimate), id).toBeLessThan(1e-9);
      expect(relative(metric?.se, want.estimates[variable].se), id).toBeLessThan(1e-8);
    }
    expect(result.weighting?.trimmed).toBe(want.trim_bound.n_at_bound_after);
    expect(result.weighting?.topShare1).not.toBeNull();
  });

  it('post-stratifies to one question as postStratify(column, ~industry, pop_industry)', () => {
    const result = run(text.replace('method: rake', 'method: poststratify').replace('by: [industry, gender]', 'by: [industry]'));
    const active = result.metrics.find((m) => m.id === 'active');
    expect(relative(active?.estimate, reference.designs.poststratify.estimates.active.estimate)).toBeLessThan(1e-12);
    expect(relative(active?.se, reference.designs.poststratify.estimates.active.se)).toBeLessThan(1e-10);
    expect(relative(active?.ci?.[0], reference.designs.poststratify.svyciprop_active.beta.ci[0] ?? 0)).toBeLessThan(1e-9);
  });

  it('uses design weights as they are with method: column, as svydesign(ids = ~1, weights = ~w)', () => {
    const result = run(text.replace('method: rake', 'method: column').replace('  by: [industry, gender]\n', ''));
    const sat = result.metrics.find((m) => m.id === 'sat_mean');
    expect(relative(sat?.estimate, reference.designs.column.estimates.sat.estimate)).toBeLessThan(1e-12);
    expect(relative(sat?.se, reference.designs.column.estimates.sat.se)).toBeLessThan(1e-10);
  });

  it('rakes from equal weights and trims at 2.5 times the mean, as trimWeights(rake_equal_tight, strict = TRUE)', () => {
    const yaml = text.replace('  column: w\n', '').replace('by: [industry, gender]', 'by: [industry, gender]\n  trim: 2.5');
    const result = run(yaml);
    const active = result.metrics.find((m) => m.id === 'active');
    const want = reference.designs.trim_rake_equal.estimates.active;
    expect(relative(active?.estimate, want.estimate)).toBeLessThan(1e-9);
    expect(relative(active?.se, want.se)).toBeLessThan(1e-8);
    expect(result.weighting?.trimmed).toBe(reference.designs.trim_rake_equal.trim_bound.n_at_bound_after);
  });
});
