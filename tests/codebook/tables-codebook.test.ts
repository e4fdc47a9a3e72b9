/** `tables:` in the codebook: what crossCheck refuses, with the path, a did-you-mean and the way out. */
import { describe, expect, it } from 'vitest';
import { formatCodebookIssue, parseCodebook } from '../../src/codebook/parse-codebook.ts';

const BASE = `id: demo
title: Demo
source: { file: responses.csv, format: generic }
questions:
  - { id: freq, column: How often?, type: single, options: [Daily, Weekly, Monthly] }
  - { id: sat, column: Satisfaction, type: likert, options: [Bad, Okay, Good, Great] }
  - { id: nps, column: Recommend, type: nps }
  - { id: industry, column: Industry, type: single, options: [Finance, Tech, Other] }
  - { id: note, column: Anything else?, type: text }
metrics:
  - { id: weekly, kind: proportion, question: freq, success: [Daily, Weekly] }
  - { id: mix, kind: distribution, question: industry }
`;

function problems(tables: string): string[] {
  const result = parseCodebook(`${BASE}tables:\n${tables}`);
  return result.ok ? [] : result.issues.map((issue) => formatCodebookIssue('survey.yaml', issue));
}

describe('tables in the codebook', () => {
  it('accepts banners and stubs of questions and metrics, with nets, and fills the defaults', () => {
    const result = parseCodebook(`${BASE}tables:\n  - { id: main, banner: [industry, { metric: weekly }], stubs: [freq, sat, nps, { metric: weekly }], nets: [{ question: sat, label: Top 2, options: [Good, Great] }] }\n`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.tables?.[0]).toMatchObject({ cells: ['column'], adjust: 'holm', vsTotal: false, smallBase: 30, suppressBelow: 5 });
  });

  it('names a banner or stub id that does not exist, with the near id', () => {
    expect(problems('  - { id: main, banner: [industy], stubs: [fre, { metric: weekli }] }\n')).toEqual([
      expect.stringMatching(/tables\[0\]\.banner\[0\]: no question has id `industy` \(did you mean `industry`\?\)$/),
      expect.stringMatching(/tables\[0\]\.stubs\[0\]: no question has id `fre` \(did you mean `freq`\?\)$/),
      expect.stringMatching(/tables\[0\]\.stubs\[1\]\.metric: no metric has id `weekli` \(did you mean `weekly`\?\); metrics are: `weekly`, `mix`$/),
    ]);
  });

  it('never makes a free-text question a stub, and refuses metrics a table cannot show', () => {
    expect(problems('  - { id: main, banner: [industry, { metric: mix }], stubs: [note, { metric: mix }] }\n')).toEqual([
      expect.stringMatching(/tables\[0\]\.banner\[1\]\.metric: `mix` is a distribution; a banner column is the success of a proportion, top-box, bottom-box or pmf metric$/),
      expect.stringMatching(/tables\[0\]\.stubs\[0\]: question `note` is free text, which is personal more often than not and never becomes a table row; leave it out$/),
      expect.stringMatching(/tables\[0\]\.stubs\[1\]\.metric: `mix` is a distribution; a stub row is a proportion, top-box, bottom-box, pmf, mean or nps metric$/),
    ]);
  });

  it('refuses a banner without levels, a net of a question that is no stub, a net label that is no option, and a repeated id', () => {
    expect(problems('  - { id: main, banner: [nps], stubs: [freq], nets: [{ question: sat, label: Top, options: [Great] }, { question: freq, label: Often, options: [Dayly] }] }\n  - { id: main, banner: [freq], stubs: [sat] }\n')).toEqual([
      expect.stringMatching(/tables\[0\]\.banner\[0\]: question `nps` is of type nps; this needs one of: single, multi, likert, rating, numeric$/),
      expect.stringMatching(/tables\[0\]\.nets\[0\]\.question: question `sat` is not a stub of table `main`, so its net has no rows to join; add it to `stubs`$/),
      expect.stringMatching(/tables\[0\]\.nets\[1\]\.options\[0\]: `Dayly` is not an option of question `freq` \(did you mean `Daily`\?\)$/),
      expect.stringMatching(/tables\[1\]\.id: table id `main` is used twice; ids must be unique$/),
    ]);
  });

  it('refuses an unknown key in a table with the near key', () => {
    expect(problems('  - { id: main, banner: [industry], stubs: [freq], adjsut: none }\n')).toEqual([expect.stringMatching(/tables\[0\].*adjsut.*adjust/)]);
  });
});

describe('the size of a table', () => {
  it('refuses a table of more than 20,000 cells, saying how to split it', () => {
    const big = `${BASE.replace('metrics:', '  - { id: score, column: score, type: rating, min: 0, max: 100 }\nmetrics:')}tables:\n  - { id: huge, banner: [score, score], stubs: [${Array.from({ length: 100 }, () => 'score').join(', ')}] }\n`;
    const result = parseCodebook(big);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => formatCodebookIssue('survey.yaml', issue))).toEqual([
      expect.stringMatching(/tables\[0\]: table `huge` has 203 columns × 10300 rows = 2,090,900 cells, more than the 20,000 a table may have; split it into smaller tables$/),
    ]);
  });
});
