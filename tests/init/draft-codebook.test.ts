/** draftCodebook: what is left out of the questions and why, and the notes an analyst reads in the draft. */
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { createColumnProfiles } from '../../src/init/column-profile.ts';
import { designSuggestion, draftCodebook } from '../../src/init/draft-codebook.ts';
import { mayBeId } from '../../src/init/sample-columns.ts';

/** A draft of a generic CSV export given as rows of cells, header first. */
function draft(rows: readonly (readonly string[])[]) {
  const [header = [], ...data] = rows;
  const profiler = createColumnProfiles(header, mayBeId);
  for (const cells of data) profiler.push(cells);
  const result = draftCodebook({ sourceFile: 'export.csv', format: 'generic', encoding: 'utf-8', header: [...header], profiles: profiler.profiles, rowsRead: data.length });
  const parsed = parseCodebook(result.yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return { ...result, codebook: parsed.value };
}

/** A person-level export from a household survey, as pandas writes it. */
function householdExport(): string[][] {
  const rows = [['Unnamed: 0', 'person_id', 'hh_id', 'year', 'finalweight', 'strata', 'N', 'smokes', 'children', 'flag']];
  // 60 rows: one "Don't know" among them is under the 2% a type may leave unexplained.
  for (let i = 0; i < 60; i++) {
    rows.push([String(i), `P${1000 + i}`, `H${Math.floor(i / 2)}`, String(2020 + (i % 3)), (1.5 + (i % 4)).toFixed(2), String(1 + (i % 2)), i % 2 === 0 ? '12000' : '8000', ['Never', 'Sometimes', 'Often', 'NA'][i % 4] as string, i === 5 ? "Don't know" : String(i % 4), '']);
  }
  return rows;
}

describe('draftCodebook', () => {
  it('takes the first unique id-named column as the id, and leaves out an id whose values repeat', () => {
    const { codebook, yaml } = draft(householdExport());
    // person_id is the id; pandas' `Unnamed: 0` index, unique too and first, holds only row numbers.
    expect(codebook.respondent).toEqual({ id: 'person_id' });
    expect(yaml).toContain('# Left out: Unnamed: 0 (row numbers)');
    // Two people per household: hh_id names an id but is not the respondent's.
    expect(yaml).toContain('# Left out: hh_id (named like an id, but its values repeat: not the respondent id)');
    expect(codebook.questions.map((q) => q.column)).toEqual(['year', 'smokes', 'children']);
  });

  it('offers the weight in a comment and names the design columns it left out', () => {
    const { weights, design, yaml } = draft(householdExport());
    expect(weights).toEqual(['finalweight']);
    // strata by its name; N because it holds few distinct positive numbers (a stratum's size).
    expect(design).toEqual(['strata', 'N']);
    expect(yaml).toContain('# Design columns left out: strata, N (');
    expect(yaml).toContain('# weighting: { method: column, column: finalweight }');
    // Offered as a design, to uncomment: strata by its name, N as the population count.
    expect(yaml).toContain('# design: { strata: strata, fpc: N }');
  });

  it('drafts years as a choice in order, words in a number column as its missing values, and leaves out a column with no answers', () => {
    const { codebook, yaml } = draft(householdExport());
    expect(codebook.questions.find((q) => q.column === 'year')).toMatchObject({ type: 'single', options: ['2020', '2021', '2022'] });
    // `NA` is no answer, never an option; Never/Sometimes/Often are points of the known five-point frequency scale.
    expect(codebook.questions.find((q) => q.column === 'smokes')).toMatchObject({ type: 'likert', options: ['Never', 'Rarely', 'Sometimes', 'Often', 'Always'] });
    expect(codebook.questions.find((q) => q.column === 'children')).toMatchObject({ type: 'rating', min: 0, max: 3, missing: ["Don't know"] });
    expect(yaml).toContain('# Left out: flag (no answers)');
  });

  it("takes R's `X` row-name column (a data frame read with read.csv and written again) as the id when nothing better is named", () => {
    const { codebook, questions } = draft([['X', 'q1'], ['1', 'a'], ['2', 'b'], ['3', 'a'], ['4', 'a']]);
    expect(codebook.respondent).toEqual({ id: 'X' });
    expect(questions).toEqual([{ id: 'q1', type: 'single' }]);
  });

  it('says when no respondent id was found', () => {
    const { codebook, yaml } = draft([['q1'], ['a'], ['b'], ['a']]);
    expect(codebook.respondent).toEqual({});
    expect(yaml).toContain('# No respondent id found');
  });
});

describe('designSuggestion', () => {
  it('places design columns by their names, two population sizes as two stages', () => {
    expect(designSuggestion(['SDMVPSU', 'SDMVSTRA']).at(-1)).toBe('# design: { strata: SDMVSTRA, ids: SDMVPSU }');
    const twoStage = designSuggestion(['fpc1', 'fpc2']);
    expect(twoStage.at(-1)).toBe('# design: { fpc: [fpc1, fpc2] }');
    expect(twoStage.join('\n')).toContain('add `ids: [<the PSU column>, <the second-stage unit>]`');
    expect(designSuggestion(['分层', '初级抽样单元', '总体数']).at(-1)).toBe('# design: { strata: 分层, ids: 初级抽样单元, fpc: 总体数 }');
    expect(designSuggestion(['weird'])).toEqual([]);
  });
});
