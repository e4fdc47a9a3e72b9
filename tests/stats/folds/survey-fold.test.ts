/**
 * Invariants of the streaming core: states of chunks merge into exactly the state of the whole, and the
 * order of the rows changes nothing; with all weights equal, weighted estimates equal unweighted ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../../src/codebook/schema.ts';
import { ingestBytes } from '../../../src/ingest/ingest-text.ts';
import { finishStats } from '../../../src/stats/finish-stats.ts';
import { surveyFold, type SurveyState } from '../../../src/stats/folds/survey-fold.ts';
import type { Response } from '../../../src/model/response.ts';
import { seededRandom } from '../../../src/util/random.ts';

const SAMPLE = new URL('../../../surveys/kimi-2024/', import.meta.url);

function sample(yaml = readFileSync(new URL('survey.yaml', SAMPLE), 'utf8')): { codebook: Codebook; responses: Response[] } {
  const parsed = parseCodebook(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const responses: Response[] = [];
  ingestBytes(parsed.value, readFileSync(new URL('responses.csv', SAMPLE)), surveyFold(parsed.value), { file: 'responses.csv', onAccepted: (r) => responses.push(r) });
  return { codebook: parsed.value, responses };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rng = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function folded(codebook: Codebook, responses: readonly Response[]): SurveyState {
  const fold = surveyFold(codebook);
  const state = fold.create();
  for (const r of responses) fold.add(state, r);
  return state;
}

function statsOf(codebook: Codebook, responses: readonly Response[]) {
  return finishStats(codebook, folded(codebook, responses), 'survey.yaml');
}

/** Every number of `a` within a relative 1e-12 of the same number of `b`, and everything else equal. */
function near(a: unknown, b: unknown, where = 'stats'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    expect(Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)), `${where}: ${a} against ${b}`).toBe(true);
  } else if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    expect(Object.keys(a), where).toEqual(Object.keys(b));
    for (const key of Object.keys(a)) near((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${where}.${key}`);
  } else expect(a, where).toEqual(b);
}

/**
 * Sums of whole numbers (answer codes, counts) are exact in any order, so everything but the experience index
 * is equal to the bit; the index's scores are fractions (3.4, 3.6…), whose sums in another order may differ in
 * the last bits: those numbers are held to 1e-12.
 */
function sameStats(a: ReturnType<typeof statsOf>, b: ReturnType<typeof statsOf>): void {
  const exact = (stats: ReturnType<typeof statsOf>) => ({ ...stats, metrics: stats.metrics.filter((m) => m.id !== 'experience_mean'), reweighted: undefined });
  expect(exact(a)).toEqual(exact(b));
  near(a, b);
}

describe('surveyFold', () => {
  const { codebook, responses } = sample();
  const whole = statsOf(codebook, responses);
  const wholeQuotes = folded(codebook, responses).quotes;

  it('merges the states of any split of the rows into the state of all of them', () => {
    const fold = surveyFold(codebook);
    for (const seed of [1, 2, 3, 4, 5]) {
      const rng = seededRandom(seed);
      const parts = [fold.create(), fold.create(), fold.create()];
      for (const r of responses) fold.add(parts[rng.int(0, 2)] ?? fold.create(), r);
      const [first, ...rest] = parts;
      if (first === undefined) throw new Error('no part');
      for (const part of rest) fold.merge(first, part);
      sameStats(finishStats(codebook, first, 'survey.yaml'), whole);
      expect(first.quotes).toEqual(wholeQuotes);
    }
  });

  it('gives the same numbers whatever the order of the rows', () => {
    for (const seed of [11, 12, 13]) sameStats(statsOf(codebook, shuffled(responses, seed)), whole);
  });

  it('quotes the first answers of the export (`quotes: 5` on feedback) whatever the order of the rows', () => {
    // Rows 3, 6, 7, 8 and 9 are the first non-empty 12、您对Kimi还有什么建议？ cells of accepted rows, read with
    // Python: csv.reader(open('surveys/kimi-2024/responses.csv', encoding='gb18030')).
    expect(wholeQuotes.get('feedback')?.answers.map((a) => a.row)).toEqual([3, 6, 7, 8, 9]);
    for (const seed of [21, 22, 23]) expect(folded(codebook, shuffled(responses, seed)).quotes).toEqual(wholeQuotes);
  });

  it('with every weight equal (a constant weight column), weighted estimates equal the unweighted ones', () => {
    const weighted = sample(readFileSync(new URL('survey.yaml', SAMPLE), 'utf8').replace('method: none', 'method: column\n  column: 序号'));
    // 序号 is no weight; give every response the same design weight instead.
    const equal = weighted.responses.map((r) => ({ ...r, weight: 2.5 }));
    const result = statsOf(weighted.codebook, equal);
    for (const metric of result.metrics) {
      const plain = whole.metrics.find((m) => m.id === metric.id);
      expect(metric.weighted).toBe(true);
      if (metric.estimate !== null) expect(metric.estimate, metric.id).toBeCloseTo(plain?.estimate ?? Number.NaN, 12);
      for (const [g, group] of (metric.groups ?? []).entries()) {
        if (group.estimate !== null) expect(group.estimate).toBeCloseTo(plain?.groups?.[g]?.estimate ?? Number.NaN, 12);
      }
      expect(metric.nEffective, metric.id).toBeCloseTo(metric.n, 9);
    }
  });
});

describe('surveyFold with a design, raking, quantiles and weightings', () => {
  const dir = new URL('../../fixtures/design/synthetic/', import.meta.url);
  const yaml = `${readFileSync(new URL('survey-raked.yaml', dir), 'utf8')}weightings:\n  - { id: design, method: column, column: w }\n`;
  const parsed = parseCodebook(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const codebook = parsed.value;
  const responses: Response[] = [];
  ingestBytes(codebook, readFileSync(new URL('data.csv', dir)), surveyFold(codebook), { file: 'data.csv', onAccepted: (r) => responses.push(r) });
  const whole = statsOf(codebook, responses);

  it('merges parts folded apart (as threads fold them, crossing by structured clone) into the numbers of all the rows', () => {
    expect(whole.metrics.find((m) => m.kind === 'quantiles')?.groups?.every((g) => g.ci !== null)).toBe(true);
    const fold = surveyFold(codebook);
    const split = (cuts: readonly number[]) => {
      const parts = [0, ...cuts].map((start, i) => {
        const part = fold.create();
        for (const r of responses.slice(start, cuts[i] ?? responses.length)) fold.add(part, r);
        return part;
      });
      const [first, ...rest] = parts;
      if (first === undefined) throw new Error('no part');
      for (const part of rest) fold.merge(first, structuredClone(part));
      return finishStats(codebook, first, 'survey.yaml');
    };
    for (const cuts of [[300], [100, 700], [1, 500, 984]]) {
      // The same split gives the same bytes; sums of weights added in another order differ only in the last bits.
      expect(split(cuts)).toEqual(split(cuts));
      near(split(cuts), whole);
    }
    // Quantiles are answers: the same whatever the split.
    const quantiles = (stats: typeof whole) => stats.metrics.find((m) => m.kind === 'quantiles')?.groups?.map((g) => [g.estimate, g.ci]);
    expect(quantiles(split([250, 600]))).toEqual(quantiles(whole));
  });
});
