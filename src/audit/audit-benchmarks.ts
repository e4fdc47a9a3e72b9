/**
 * The first representativeness audit: for each benchmarked question, the sample's shares against the
 * population's, a chi-square goodness-of-fit test and the total variation distance, with a plain-language
 * flag when the sample is clearly off.
 */
import type { Codebook } from '../codebook/schema.ts';
import { optionMatcher } from '../validate/parse-answer.ts';
import { proportionInterval } from '../stats/proportion-interval.ts';
import { asmd } from './asmd.ts';
import { chiSquareGoodnessOfFit } from './chi-square-gof.ts';
import { auditMessages } from './messages.ts';
import { totalVariationDistance } from './total-variation-distance.ts';
import type { Flag } from '../model/flag.ts';
import type { AuditVariable } from '../model/audit.ts';

/** A benchmarked question is flagged when the fit test rejects at this level... */
export const NOT_REPRESENTATIVE_P = 0.05;
/** ...and the distributions are at least this far apart (total variation distance): big enough to matter. */
export const NOT_REPRESENTATIVE_TVD = 0.1;
/** From this distance on the flag is critical. */
export const CRITICAL_TVD = 0.3;

export interface AuditResult {
  variables: AuditVariable[];
  flags: Flag[];
}

/** `counts`: respondents per option of each benchmarked question; `weightedShares`: their weighted shares; both by question id. */
export function auditBenchmarks(codebook: Codebook, counts: ReadonlyMap<string, readonly number[]>, weightedShares?: ReadonlyMap<string, readonly (number | null)[]>): AuditResult {
  const flags: Flag[] = [];
  const variables = codebook.benchmarks.map((benchmark): AuditVariable => {
    const at = codebook.questions.findIndex((q) => q.id === benchmark.question);
    const question = codebook.questions[at];
    const options = question !== undefined && 'options' in question ? question.options : [];
    const matcher = optionMatcher(options);
    const population = options.map(() => 0);
    for (const [label, share] of Object.entries(benchmark.shares)) {
      const i = matcher.match(label);
      if (i !== undefined) population[i] = share;
    }
    const answered = counts.get(benchmark.question);
    const optionCounts = options.map((_, i) => answered?.[i] ?? 0);
    const n = optionCounts.reduce((sum, c) => sum + c, 0);
    const sample = optionCounts.map((c) => (n === 0 ? 0 : c / n));
    const fit = chiSquareGoodnessOfFit(optionCounts, population);
    const tvd = n === 0 ? null : totalVariationDistance(sample, population);
    // Nobody answered: there is no sample share to compare (empty, not 0%).
    const differences = n === 0 ? [] : options.map((option, i) => {
      const q = population[i] ?? 0;
      const interval = proportionInterval(optionCounts[i] ?? 0, n, codebook.confidence, codebook.ciMethod);
      const ci: [number, number] | null = interval?.ci === null || interval === null ? null : [interval.ci[0] - q, interval.ci[1] - q];
      return { option, difference: (sample[i] ?? 0) - q, ci, asmd: n === 0 ? null : asmd(sample[i] ?? 0, q) };
    });
    const asmds = differences.flatMap((d) => (d.asmd === null ? [] : [d.asmd]));
    const variable: AuditVariable = {
      question: benchmark.question,
      source: benchmark.source,
      n,
      sample: n === 0 ? {} : Object.fromEntries(options.map((o, i) => [o, sample[i] ?? 0])),
      population: Object.fromEntries(options.map((o, i) => [o, population[i] ?? 0])),
      ...(weightedShares === undefined ? {} : { weightedSample: Object.fromEntries(options.map((o, i) => [o, weightedShares.get(benchmark.question)?.[i] ?? null])) }),
      chiSquare: fit?.statistic ?? null,
      df: fit?.df ?? null,
      pValue: fit?.pValue ?? null,
      tvd,
      differences,
      meanAsmd: asmds.length === 0 ? null : asmds.reduce((a, b) => a + b, 0) / asmds.length,
      flags: [],
    };
    if (fit !== null && tvd !== null && fit.pValue < NOT_REPRESENTATIVE_P && tvd >= NOT_REPRESENTATIVE_TVD) {
      variable.flags.push('not-representative');
      // Name the category the sample over-represents most: that is whom the results speak for.
      const over = options.map((o, i) => ({ o, gap: (sample[i] ?? 0) - (population[i] ?? 0), i })).sort((a, b) => b.gap - a.gap || a.i - b.i)[0];
      const category = over?.o ?? '';
      const sampleShare = sample[over?.i ?? 0] ?? 0;
      const populationShare = population[over?.i ?? 0] ?? 0;
      const args = { question: question?.label ?? benchmark.question, category, sample: sampleShare, population: populationShare, tvd };
      const evidence = { question: benchmark.question, category, sample: sampleShare, population: populationShare, tvd, pValue: fit.pValue };
      // The survey's weights may bring the mix back to the benchmark (a stratified sample's unequal shares by
      // design, or raking on this question): then the weighted results do not speak for the over-represented.
      const weighted = weightedShares?.get(benchmark.question);
      const weightedTvd = weighted === undefined || weighted.some((share) => share === null) ? null : totalVariationDistance(weighted.map((share) => share ?? 0), population);
      if (weighted !== undefined && weightedTvd !== null && weightedTvd < NOT_REPRESENTATIVE_TVD) {
        const weightedShare = weighted[over?.i ?? 0] ?? 0;
        flags.push({
          code: 'not-representative',
          severity: 'info',
          message: auditMessages.correctedByWeights(codebook.language, { ...args, weighted: weightedShare, weightedTvd }),
          evidence: { ...evidence, weighted: weightedShare, weightedTvd },
        });
      } else {
        flags.push({ code: 'not-representative', severity: tvd >= CRITICAL_TVD ? 'critical' : 'warn', message: auditMessages.notRepresentative(codebook.language, args), evidence });
      }
    }
    return variable;
  });
  return { variables, flags };
}
