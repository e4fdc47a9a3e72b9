/**
 * Design-based estimates held against R 4.2.2 / survey 4.1.1 on R's own example designs and ours, from
 * tests/reference/design_reference.R (values in design-reference.json; the fixtures' codebooks in
 * tests/fixtures/design/): apistrat `svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc)`, apiclus1
 * `svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc)`, apiclus2 `svydesign(id = ~dnum + snum, fpc = ~fpc1 +
 * fpc2, weights = ~pw)`, nhanes `svydesign(id = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, nest =
 * TRUE)` (and raked on it), apiclus2 without weights (R derives them from the fpc), our synthetic stratified
 * cluster sample with fpc (and raked, and post-stratified, on it), a design
 * with a lonely PSU under each `survey.lonely.psu`, and trimming of column weights. Each statistic is named
 * with its R call in the JSON: svymean (estimate, SE, deff = "replace"), svyciprop(method = "beta"), svyby,
 * svyglm group-vs-rest t-tests, svychisq(statistic = "F"), regTermTest(svyglm(y ~ by), ~by), svyquantile.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/audit/run-audit.ts';
import { parseCodebook } from '../../../src/codebook/parse-codebook.ts';
import { ingestBytes } from '../../../src/ingest/ingest-text.ts';
import type { BreakdownResult } from '../../../src/model/breakdown-result.ts';
import type { MetricResult } from '../../../src/model/metric-result.ts';
import { finishStats, type FinishedStats } from '../../../src/stats/finish-stats.ts';
import { surveyFold } from '../../../src/stats/folds/survey-fold.ts';
import { validationSummary } from '../../../src/validate/validation-summary.ts';
import reference from '../../reference/design-reference.json' with { type: 'json' };

/* The reference JSON is large and irregular (R's output per fixture): read it through loose types. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixtures = (reference as Json).fixtures as Json;

function run(folder: string, yaml = 'survey.yaml'): FinishedStats {
  const dir = new URL(`../../fixtures/design/${folder}/`, import.meta.url);
  const parsed = parseCodebook(readFileSync(new URL(yaml, dir), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const bytes = readFileSync(new URL('data.csv', dir));
  return finishStats(parsed.value, ingestBytes(parsed.value, bytes, surveyFold(parsed.value), { file: 'data.csv' }).folded, `${folder}/${yaml}`);
}

function relative(actual: number | null | undefined, expected: number): number {
  if (actual === null || actual === undefined) return Number.POSITIVE_INFINITY;
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

/** Every metric with an svymean reference: estimate and SE within 1e-8 (relative), deff within 1e-8; shares' intervals as svyciprop(method = "beta"). */
function checkMetrics(stats: FinishedStats, R: Json): number {
  let checked = 0;
  for (const m of stats.metrics) {
    const want = R.metrics[m.id] as Json | undefined;
    if (want?.svymean === undefined) continue;
    expect(relative(m.estimate, want.svymean.estimate), `${m.id} estimate`).toBeLessThan(1e-8);
    expect(relative(m.se, want.svymean.se), `${m.id} se`).toBeLessThan(1e-8);
    expect(relative(m.deff, want.deff_replace.deff), `${m.id} deff`).toBeLessThan(1e-8);
    expect(relative(m.nEffective, want.kish.n_eff), `${m.id} Kish n`).toBeLessThan(1e-8);
    const beta = want.svyciprop?.full?.beta as Json | undefined;
    if (beta !== undefined && m.estimate !== null && m.estimate > 0 && m.estimate < 1) {
      expect(relative(m.ci?.[0], beta.ci[0]), `${m.id} ci low`).toBeLessThan(1e-6);
      expect(relative(m.ci?.[1], beta.ci[1]), `${m.id} ci high`).toBeLessThan(1e-6);
      expect(relative(m.nInterval, want.svyciprop.full.beta_n_eff.n_eff_used), `${m.id} n*`).toBeLessThan(1e-8);
    }
    checked++;
  }
  return checked;
}

/** Quantiles: estimates and Woodruff bounds are answers, so they match exactly. */
function checkQuantiles(stats: FinishedStats, R: Json): number {
  let checked = 0;
  for (const m of stats.metrics.filter((r) => r.kind === 'quantiles')) {
    const want = R.quantiles?.[m.id]?.mean as Json | undefined;
    if (want === undefined) continue;
    (m.groups ?? []).forEach((g, i) => {
      expect(g.estimate, `${m.id} ${g.value}`).toBe(want.quantile[i]);
      expect(g.ci, `${m.id} ${g.value} ci`).toEqual([want.ci_lower[i], want.ci_upper[i]]);
    });
    checked++;
  }
  return checked;
}

/** Breakdowns: svyby estimates; group-vs-rest tests (svyglm t for means, svychisq 2 × 2 for shares); the overall test. */
function checkBreakdowns(stats: FinishedStats, R: Json): number {
  let checked = 0;
  for (const b of stats.breakdowns) {
    const want = R.breakdowns?.[`by_${b.by}`]?.metrics?.[b.metric] as Json | undefined;
    if (want === undefined) continue;
    const name = `${b.metric} by ${b.by}`;
    for (const g of b.groups) {
      const i = (want.svyby.groups as string[]).indexOf(g.value);
      if (i < 0 || g.estimate === null) continue;
      expect(relative(g.estimate, want.svyby.estimate[i]), `${name} ${g.value}`).toBeLessThan(1e-8);
      const answered = want.svyby_ciprop_beta_answered as Json | undefined;
      if (answered !== undefined && g.estimate > 0 && g.estimate < 1) {
        expect(relative(g.ci?.[0], answered.ci_lower[i]), `${name} ${g.value} ci`).toBeLessThan(1e-6);
        expect(relative(g.ci?.[1], answered.ci_upper[i]), `${name} ${g.value} ci`).toBeLessThan(1e-6);
      }
      const p = want.svychisq_vs_rest?.[g.value]?.p_value ?? want.group_vs_rest?.[g.value]?.p_t_df_residual;
      if (typeof p === 'number' && g.pValue !== null && g.pValue !== undefined) expect(relative(g.pValue, p), `${name} ${g.value} p`).toBeLessThan(1e-6);
    }
    checkOverall(b, want, name);
    checked++;
  }
  return checked;
}

function checkOverall(b: BreakdownResult, want: Json, name: string): void {
  const test = b.test;
  if (test === null) return;
  if (test.method === 'rao-scott-f') {
    const F = want.svychisq_F as Json;
    expect(relative(test.statistic, F.statistic), `${name} Rao-Scott F`).toBeLessThan(1e-8);
    expect(relative(test.df ?? 0, F.ndf), `${name} ndf`).toBeLessThan(1e-8);
    expect(relative(test.df2, F.ddf), `${name} ddf`).toBeLessThan(1e-8);
    expect(relative(test.pValue, F.p_value), `${name} p`).toBeLessThan(1e-6);
  } else {
    expect(test.method, name).toBe('wald-f');
    const W = want.regTermTest as Json;
    expect(relative(test.statistic, W.Ftest), `${name} Wald F`).toBeLessThan(1e-8);
    expect(test.df, name).toBe(W.df);
    expect(test.df2, name).toBe(W.ddf);
    expect(relative(test.pValue, W.p), `${name} p`).toBeLessThan(1e-6);
  }
}

describe.each([
  ['apistrat', 'survey.yaml', 'des'],
  ['apiclus1', 'survey.yaml', 'des'],
  ['apiclus2', 'survey.yaml', 'des'],
  ['apiclus2', 'survey-fpc-weights.yaml', 'des_noweights'],
  ['nhanes', 'survey.yaml', 'des'],
  ['nhanes', 'survey-raked.yaml', 'raked'],
  ['synthetic', 'survey.yaml', 'des'],
  ['synthetic', 'survey-raked.yaml', 'raked'],
  ['synthetic', 'survey-post.yaml', 'poststratified'],
  // Raked, with respondents who skipped a raking question: out of the weighting, still in the design's PSUs.
  ['skipped', 'survey.yaml', 'raked'],
])('%s (%s) against R survey', (folder, yaml, design) => {
  const stats = run(folder, yaml);
  const R = fixtures[folder].designs[design] as Json;

  it('gives every metric the estimate, SE, design effect and interval of svymean / svyciprop', () => {
    expect(checkMetrics(stats, R)).toBeGreaterThan(0);
  });
  it('gives the quantiles and Woodruff intervals of svyquantile', () => {
    const quantiles = stats.metrics.filter((m) => m.kind === 'quantiles').length;
    expect(checkQuantiles(stats, R)).toBe(quantiles);
  });
  it('gives the breakdowns of svyby, their group-vs-rest tests and their overall test', () => {
    expect(checkBreakdowns(stats, R)).toBe(stats.breakdowns.length);
  });
  it("reports the design's degrees of freedom", () => {
    expect(stats.design?.degf).toBe(R.info.degf);
  });
});

describe('lonely PSUs', () => {
  it.each(['adjust', 'average', 'certainty', 'remove'])('follows options(survey.lonely.psu = "%s")', (rule) => {
    const stats = run('lonely', rule === 'adjust' ? 'survey.yaml' : `survey-${rule}.yaml`);
    const R = fixtures.lonely.designs[`des_${rule}`] as Json;
    expect(checkMetrics(stats, R)).toBe(2);
    expect(stats.design).toMatchObject({ lonelyPsu: rule, lonelyCount: 1 });
  });
  it('stops with the stratum and the ways out under lonelyPsu: fail, where R stops', () => {
    expect(() => run('lonely', 'survey-fail.yaml')).toThrow(/design\.lonelyPsu: stratum `S4` has only one PSU.*adjust, average, certainty or remove/);
    expect(JSON.stringify(fixtures.lonely.designs.des_fail.metrics)).toContain('has only one PSU');
  });
});

describe('a lonely second-stage unit', () => {
  // apiclus2's district 15 has one sampled school of 1 (a census at stage 2); said to have 3, it is lonely.
  const stats = (rule: string): FinishedStats => {
    const dir = new URL('../../fixtures/design/apiclus2/', import.meta.url);
    const yaml = readFileSync(new URL('survey.yaml', dir), 'utf8').replace(/^ {2}lonelyPsu: adjust$/m, `  lonelyPsu: ${rule}`);
    const parsed = parseCodebook(yaml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const csv = readFileSync(new URL('data.csv', dir), 'utf8')
      .split('\n')
      .map((line) => (line.split(',')[2] === '15' ? line.replace(/,757,1,/, ',757,3,') : line))
      .join('\n');
    return finishStats(parsed.value, ingestBytes(parsed.value, Buffer.from(csv), surveyFold(parsed.value), { file: 'data.csv' }).folded, 'survey.yaml');
  };
  const R = fixtures.apiclus2.lonely_stage2 as Json;
  it.each(['adjust', 'certainty'])('follows lonelyPsu: %s at stage 2', (rule) => {
    const mean = stats(rule).metrics.find((m) => m.id === 'api00_mean');
    expect(relative(mean?.estimate, R[rule].estimate)).toBeLessThan(1e-12);
    expect(relative(mean?.se, R[rule].se)).toBeLessThan(1e-10);
  });
  it.each(['average', 'fail'])('stops under lonelyPsu: %s, where R gives NaN or stops', (rule) => {
    expect(() => stats(rule)).toThrow(/design\.lonelyPsu: PSU `15` has one sampled second-stage unit of 3.*adjust, certainty or remove/);
    expect(rule === 'fail' ? R.fail.error : R.average.se).toEqual(rule === 'fail' ? expect.stringContaining('only one PSU at stage 2') : null);
  });
});

describe('a design with no degrees of freedom', () => {
  it('gives no interval or test where R gives NaN (every PSU its own stratum, lonely under adjust)', () => {
    // R: svydesign(id = ~psu, strata = ~psu, weights = ~w, data = d) under adjust has degf 0, so
    // svyciprop(method = "beta") takes qt(0.025, 0) = NaN, svychisq's F has 0 denominator degrees of freedom
    // (NaN p) and svyglm's residual df is negative.
    const yaml = readFileSync(new URL('../../fixtures/design/lonely/survey.yaml', import.meta.url), 'utf8').replace(/^ {2}strata: stratum$/m, '  strata: psu');
    const parsed = parseCodebook(yaml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const bytes = readFileSync(new URL('../../fixtures/design/lonely/data.csv', import.meta.url));
    const stats = finishStats(parsed.value, ingestBytes(parsed.value, bytes, surveyFold(parsed.value), { file: 'data.csv' }).folded, 'survey.yaml');
    expect(stats.design).toMatchObject({ degf: 0, strata: 13, lonelyCount: 13 });
    const share = stats.metrics.find((m) => m.id === 'z_1');
    expect(share?.estimate).toBeGreaterThan(0);
    expect(share?.ci).toBeNull();
    for (const b of stats.breakdowns) {
      expect(b.test, `${b.metric} overall`).toBeNull();
      for (const g of b.groups) expect(g.pValue ?? null, `${b.metric} ${g.value}`).toBeNull();
    }
    for (const g of stats.metrics.find((m) => m.id === 'y_quantiles')?.groups ?? []) {
      expect(g.estimate).not.toBeNull();
      expect(g.ci).toBeNull();
    }
  });
});

describe('trimming column weights (the bug: `trim` with `method: column` was ignored)', () => {
  it('trims as trimWeights(design, upper = 3 * mean(weights), strict = TRUE)', () => {
    const stats = run('trim');
    const R = fixtures.trim.designs.trimmed as Json;
    expect(checkMetrics(stats, R)).toBe(2);
    const untrimmed = fixtures.trim.designs.untrimmed.metrics.z_1.svymean.estimate as number;
    const z = stats.metrics.find((m: MetricResult) => m.id === 'z_1');
    expect(relative(z?.estimate, untrimmed)).toBeGreaterThan(1e-4);
    expect(stats.weighting?.trimmed).toBe(R.trim.n_at_bound_after);
  });
});

describe('nesting', () => {
  it('refuses PSU codes that restart in each stratum without nest: true, as svydesign does', () => {
    const yaml = readFileSync(new URL('../../fixtures/design/synthetic/survey.yaml', import.meta.url), 'utf8').replace(/^ {2}nest: true$/m, '  nest: false');
    const parsed = parseCodebook(yaml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const bytes = readFileSync(new URL('../../fixtures/design/synthetic/data.csv', import.meta.url));
    const folded = ingestBytes(parsed.value, bytes, surveyFold(parsed.value), { file: 'data.csv' }).folded;
    expect(() => finishStats(parsed.value, folded, 'survey.yaml')).toThrow(/design\.nest: PSU `\w+` is in strata .* set `nest: true`/);
    expect(fixtures.synthetic.not_nested_error.error).toMatch(/not nested/);
  });
});

/** A fixture's codebook without its weighting and design: the unweighted analysis of the same answers. */
function unweightedRun(folder: string): FinishedStats {
  const dir = new URL(`../../fixtures/design/${folder}/`, import.meta.url);
  const yaml = readFileSync(new URL('survey.yaml', dir), 'utf8')
    .replace(/^weighting:.*$/m, '')
    .replace(/^design:\n(?: {2}.*\n)+/m, '');
  const parsed = parseCodebook(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const bytes = readFileSync(new URL('data.csv', dir));
  return finishStats(parsed.value, ingestBytes(parsed.value, bytes, surveyFold(parsed.value), { file: 'data.csv' }).folded, `${folder}/survey.yaml`);
}

describe.each(['apistrat', 'apiclus1', 'synthetic'])('%s unweighted against R', (folder) => {
  const stats = unweightedRun(folder);
  const tests = fixtures[folder].unweighted_tests as Json;

  it("tests means and NPS across groups with Welch's ANOVA, and the one-way ANOVA beside it, as oneway.test", () => {
    let checked = 0;
    for (const b of stats.breakdowns) {
      const want = tests[`${b.metric}_by_${b.by}`] as Json | undefined;
      if (want === undefined) continue;
      const [welch, anova] = [b.test, ...(b.otherTests ?? [])];
      expect(welch?.method).toBe('welch-anova-f');
      expect(anova?.method).toBe('anova-f');
      for (const [test, R] of [
        [welch, want.welch],
        [anova, want.anova],
      ] as const) {
        expect(relative(test?.statistic, R.F), `${b.metric} by ${b.by}`).toBeLessThan(1e-10);
        expect(relative(test?.df, R.num_df)).toBeLessThan(1e-12);
        expect(relative(test?.df2, R.denom_df)).toBeLessThan(1e-10);
        expect(relative(test?.pValue, R.p_value)).toBeLessThan(1e-8);
      }
      checked++;
    }
    expect(checked).toBe(Object.keys(tests).length);
  });

  it('gives the quantiles of svyquantile on svydesign(ids = ~1, weights = ~one) with their Woodruff intervals', () => {
    const R = fixtures[folder].designs.des as Json;
    for (const m of stats.metrics.filter((r) => r.kind === 'quantiles')) {
      const want = R.quantiles[m.id].unweighted as Json;
      expect(m.groups?.map((g) => g.estimate)).toEqual(want.quantile);
      expect(m.groups?.map((g) => g.ci)).toEqual((want.quantile as number[]).map((_, i) => [want.ci_lower[i], want.ci_upper[i]]));
    }
  });
});

describe('weightings side by side', () => {
  it('estimates every headline metric under each weighting: unweighted, the design weights, and raked on the design', () => {
    const dir = new URL('../../fixtures/design/synthetic/', import.meta.url);
    const yaml = `${readFileSync(new URL('survey-raked.yaml', dir), 'utf8')}weightings:\n  - { id: unweighted, method: none }\n  - { id: design, label: Design weights, method: column, column: w }\n`;
    const parsed = parseCodebook(yaml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const stats = finishStats(parsed.value, ingestBytes(parsed.value, readFileSync(new URL('data.csv', dir)), surveyFold(parsed.value), { file: 'data.csv' }).folded, 'survey.yaml');
    const [unweighted, design] = stats.weightings ?? [];
    expect(unweighted).toMatchObject({ id: 'unweighted', label: 'unweighted', method: 'none', nEffective: null });
    expect(design).toMatchObject({ id: 'design', label: 'Design weights', method: 'column', column: 'w' });
    const R = fixtures.synthetic.designs as Json;
    for (const m of design?.metrics ?? []) {
      // The design weights on the design: svydesign(id = ~psu, strata = ~region, fpc = ~fpc, weights = ~w, nest = TRUE).
      expect(relative(m.estimate, R.des.metrics[m.id].svymean.estimate), m.id).toBeLessThan(1e-8);
      expect(relative(m.se, R.des.metrics[m.id].svymean.se), m.id).toBeLessThan(1e-8);
    }
    for (const m of stats.metrics.filter((r) => r.estimate !== null && r.kind !== 'quantiles')) {
      // The codebook's own weighting (raked on the design) stays the headline.
      expect(relative(m.estimate, R.raked.metrics[m.id].svymean.estimate), m.id).toBeLessThan(1e-8);
      // Unweighted: the plain counts, as the result's own `unweighted` figure.
      expect(unweighted?.metrics.find((r) => r.id === m.id)?.estimate).toBe(m.unweighted?.estimate);
    }
    expect(design?.metrics.length).toBe(5);
  });
});

describe('a weight column of weightings', () => {
  it('leaves a row with a bad weight there out of that weighting only, counted as unweightable', () => {
    const yaml = `id: w
title: W
source: { file: w.csv }
questions:
  - { id: y, column: y, type: numeric }
metrics:
  - { id: y_mean, kind: mean, question: y }
weightings:
  - { id: other, method: column, column: w2 }
`;
    const parsed = parseCodebook(yaml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const rows = ['1,1', '2,abc', '3,0', '4,2', '5,1'];
    const ingestion = ingestBytes(parsed.value, Buffer.from(['y,w2', ...rows].join('\n')), surveyFold(parsed.value), { file: 'w.csv' });
    expect(ingestion.accepted).toBe(5);
    const stats = finishStats(parsed.value, ingestion.folded, 'survey.yaml');
    expect(stats.metrics[0]?.n).toBe(5);
    const other = stats.weightings?.[0];
    expect(other?.unweightable).toBe(2);
    // The weighted mean of the three rows with a weight: (1·1 + 4·2 + 5·1) / 4 (hand calculation).
    expect(other?.metrics[0]?.estimate).toBeCloseTo(14 / 4, 12);
    expect(other?.metrics[0]?.n).toBe(3);
  });
});

describe('the audit of a design', () => {
  it("says in plain words what the design does to precision, and what lonelyPsu does with a lonely stratum", () => {
    const dir = new URL('../../fixtures/design/lonely/', import.meta.url);
    const parsed = parseCodebook(readFileSync(new URL('survey.yaml', dir), 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const ingestion = ingestBytes(parsed.value, readFileSync(new URL('data.csv', dir)), surveyFold(parsed.value), { file: 'data.csv' });
    const stats = finishStats(parsed.value, ingestion.folded, 'survey.yaml');
    const { flags } = runAudit({ codebook: parsed.value, state: ingestion.folded, stats, validation: validationSummary(parsed.value.id, 'data.csv', ingestion) });
    const deffs = stats.metrics.flatMap((m) => (typeof m.deff === 'number' ? [m.deff] : [])).sort((a, b) => a - b);
    // Two headlines: the median of their design effects (svymean(deff = "replace"), checked above against R) is their mean.
    const median = ((deffs[0] ?? 0) + (deffs[1] ?? 0)) / 2;
    const design = flags.find((f) => f.code === 'design-effect');
    expect(design?.evidence).toMatchObject({ medianDeff: median, n: 301, psus: 13, strata: 5, degf: 8 });
    expect(design?.message).toBe(`The sampling design (13 PSUs in 5 strata, 8 degrees of freedom) widens the intervals: the headlines' median design effect is ${median.toFixed(1)}, so 301 responses are worth about ${Math.round(301 / median)} from a simple random sample.`);
    expect(flags.find((f) => f.code === 'lonely-psu')?.message).toBe('1 stratum has a single PSU (S4), whose variance cannot be estimated: its variance is taken around the grand mean (conservative) (lonelyPsu: adjust).');
  });
});
