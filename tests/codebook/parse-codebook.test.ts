import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCodebookIssue, parseCodebook } from '../../src/codebook/parse-codebook.ts';

const MINIMAL = `id: demo
title: Demo
source: { file: responses.csv, format: generic }
questions:
  - { id: freq, column: How often?, type: single, options: [Daily, Weekly, Monthly] }
  - { id: sat, column: Satisfaction, type: likert, options: [Bad, Okay, Good, Great] }
  - { id: nps, column: Recommend, type: nps }
  - { id: industry, column: Industry, type: single, options: [Finance, Tech, Other] }
metrics:
  - { id: weekly, kind: proportion, question: freq, success: [Daily, Weekly] }
  - { id: csat, kind: top-box, question: sat, box: 2 }
breakdowns:
  - { by: industry, metrics: [weekly] }
benchmarks:
  - { question: industry, source: illustrative, shares: { Finance: 0.1, Tech: 0.3, Other: 0.6 } }
`;

/** Every problem of a codebook as the CLI prints it. */
function problems(text: string): string[] {
  const result = parseCodebook(text);
  return result.ok ? [] : result.issues.map((issue) => formatCodebookIssue('survey.yaml', issue));
}

describe('parseCodebook', () => {
  it('accepts a minimal codebook and fills the defaults of docs/codebook.md', () => {
    const result = parseCodebook(MINIMAL);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.confidence).toBe(0.95);
    expect(result.value.ciMethod).toBe('wilson');
    expect(result.value.source.encoding).toBe('auto');
    expect(result.value.weighting.method).toBe('none');
    expect(result.value.metrics[0]?.section).toBe('other');
  });

  it('accepts the sample survey codebook', () => {
    const text = readFileSync(new URL('../../surveys/kimi-2024/survey.yaml', import.meta.url), 'utf8');
    expect(problems(text)).toEqual([]);
  });

  it('names an unknown top-level key with its line and the near key', () => {
    expect(problems(MINIMAL.replace('questions:', 'quesitons:'))).toEqual([
      'survey.yaml:1:1: questions: is required (expected array)',
      expect.stringMatching(/^survey\.yaml:4:1: quesitons: unknown key `quesitons` \(did you mean `questions`\?\); allowed here: id, title,/),
    ]);
  });

  it('names an unknown key inside a question by its path', () => {
    const [line] = problems(MINIMAL.replace('type: nps }', 'type: nps, lable: x }'));
    expect(line).toMatch(/^survey\.yaml:7:\d+: questions\[2\]\.lable: unknown key `lable` \(did you mean `label`\?\)/);
  });

  it('suggests the near value for a mistyped question type', () => {
    expect(problems(MINIMAL.replace('type: nps', 'type: npss'))).toEqual([
      'survey.yaml:7:41: questions[2].type: `npss` is not allowed (did you mean `nps`?); use one of: single, multi, likert, nps, rating, numeric, text',
    ]);
  });

  it('reports a metric that names a missing question, with the near id', () => {
    expect(problems(MINIMAL.replace('question: freq,', 'question: frq,'))).toEqual([
      'survey.yaml:10:47: metrics[0].question: no question has id `frq` (did you mean `freq`?)',
    ]);
  });

  it('reports a success label that is not an option of its question', () => {
    expect(problems(MINIMAL.replace('success: [Daily, Weekly]', 'success: [Daily, Weeky]'))).toEqual([
      expect.stringMatching(/metrics\[0\]\.success\[1\]: `Weeky` is not an option of question `freq` \(did you mean `Weekly`\?\)$/),
    ]);
  });

  it('reports a breakdown of an unknown metric and of an unknown question', () => {
    const lines = problems(MINIMAL.replace('{ by: industry, metrics: [weekly] }', '{ by: industsry, metrics: [weekli] }'));
    expect(lines).toEqual([
      expect.stringMatching(/breakdowns\[0\]\.by: no question has id `industsry` \(did you mean `industry`\?\)$/),
      expect.stringMatching(/breakdowns\[0\]\.metrics\[0\]: no metric has id `weekli` \(did you mean `weekly`\?\); metrics are: `weekly`, `csat`$/),
    ]);
  });

  it('says so when a breakdown names a question where a metric belongs, and the reverse', () => {
    expect(problems(MINIMAL.replace('{ by: industry, metrics: [weekly] }', '{ by: industry, metrics: [sat] }'))).toEqual([
      expect.stringMatching(/breakdowns\[0\]\.metrics\[0\]: no metric has id `sat`; `sat` is a question, and a breakdown splits metrics: define one under `metrics` \(e\.g\. `\{ id: sat_share, kind: proportion, question: sat, success: \[\.\.\.\] \}`\); metrics are: `weekly`, `csat`$/),
    ]);
    expect(problems(MINIMAL.replace('{ by: industry, metrics: [weekly] }', '{ by: weekly, metrics: [weekly] }'))).toEqual([
      expect.stringMatching(/breakdowns\[0\]\.by: no question has id `weekly`; `weekly` is a metric, and this needs a question: `freq`, `sat`, `nps`, `industry`$/),
    ]);
  });

  it('reports a breakdown of a distribution, naming the kinds that can be broken down', () => {
    const text = MINIMAL.replace('metrics:\n', 'metrics:\n  - { id: mix, kind: distribution, question: industry }\n').replace('metrics: [weekly] }', 'metrics: [weekly, mix] }');
    expect(problems(text)).toEqual([
      expect.stringMatching(/breakdowns\[0\]\.metrics\[1\]: `mix` is a distribution; break down a proportion, top-box, bottom-box, pmf, mean, ratio or nps metric instead$/),
    ]);
  });

  it('reports benchmark shares that do not sum to 1 within 0.01', () => {
    expect(problems(MINIMAL.replace('Other: 0.6', 'Other: 0.5'))).toEqual([
      expect.stringMatching(/benchmarks\[0\]\.shares: shares sum to 0\.9, not 1 \(±0\.01\)/),
    ]);
    expect(problems(MINIMAL.replace('Other: 0.6', 'Other: 0.605'))).toEqual([]);
  });

  it('reports a benchmark share for a label that is not an option', () => {
    expect(problems(MINIMAL.replace('Tech: 0.3', 'Tek: 0.3'))).toEqual([
      expect.stringMatching(/benchmarks\[0\]\.shares\[1\]: `Tek` is not an option of question `industry` \(did you mean `Tech`\?\)$/),
    ]);
  });

  it('reports duplicate options, also when they differ only in width or spacing', () => {
    expect(problems(MINIMAL.replace('options: [Daily, Weekly, Monthly]', 'options: [Daily, Weekly, "Ｗeekly "]'))).toEqual([
      expect.stringMatching(/questions\[0\]\.options\[2\]: `Ｗeekly` repeats option 2; options must be distinct$/),
    ]);
  });

  it('reports a metric kind applied to a question of the wrong type', () => {
    expect(problems(MINIMAL.replace('{ id: csat, kind: top-box, question: sat', '{ id: csat, kind: top-box, question: freq'))).toEqual([
      expect.stringMatching(/metrics\[1\]\.question: question `freq` is of type single; this needs one of: likert, rating$/),
    ]);
  });

  it('reports weighting on a question without a benchmark', () => {
    expect(problems(`${MINIMAL}weighting: { method: rake, by: [freq] }\n`)).toEqual([
      expect.stringMatching(/weighting\.by\[0\]: question `freq` has no entry under `benchmarks`/),
    ]);
  });

  it('reports invalid YAML with its line', () => {
    expect(problems('id: demo\ntitle: Demo\nsource: x: y\n')).toEqual([
      'survey.yaml:3:9: not valid YAML: Nested mappings are not allowed in compact mappings',
    ]);
  });

  it('refuses duplicate keys', () => {
    expect(problems(`${MINIMAL}id: again\n`)).toEqual([expect.stringMatching(/not valid YAML: Map keys must be unique/)]);
  });

  it('refuses a "billion laughs" alias bomb without expanding it', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']]) {
      rows.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${prev}`).join(', ')}]`);
    }
    expect(problems(`${rows.join('\n')}\n`)).toEqual([
      expect.stringMatching(/expands YAML aliases \(\*name\) too far \(a "billion laughs"\); write the repeated values out, or use fewer than 100 aliases$/),
    ]);
  });

  it('refuses tags that are not plain data, with their line, and keeps YAML\'s own (!!str)', () => {
    const base = 'id: t\ntitle: T\nsource: { file: r.csv }\nquestions:\n  - { id: a, column: A, type: single, options: [!!str 10, x] }\n';
    expect(parseCodebook(base).ok).toBe(true);
    for (const [tag, shown] of [['!!js/function', '!!js/function'], ['!!binary', '!!binary'], ['!custom', '!custom']] as const) {
      const result = parseCodebook(base.replace('title: T', `title: ${tag} T`));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues.map((issue) => formatCodebookIssue('survey.yaml', issue))).toEqual([
        // The line and column of the tagged value, just after its tag.
        `survey.yaml:2:${9 + tag.length}: the tag \`${shown}\` is not allowed: a codebook holds plain text, numbers, lists and mappings; remove the tag`,
      ]);
    }
  });

  it('refuses a plain tag that does not fit its value, merge keys and a YAML 1.1 header', () => {
    const base = 'id: t\ntitle: T\nsource: { file: r.csv }\nquestions:\n  - &q { id: a, column: A, type: text }\n';
    const problemsOf = (text: string): string[] => {
      const result = parseCodebook(text);
      return result.ok ? [] : result.issues.map((issue) => formatCodebookIssue('survey.yaml', issue));
    };
    expect(problemsOf(base.replace('title: T', 'title: !!int abc'))).toEqual(['survey.yaml:2:8: the tag `!!int` does not fit its value; remove the tag']);
    expect(problemsOf(`${base}  - { <<: *q, id: b, column: B }\n`)).toEqual([
      'survey.yaml:6:7: merge keys (`<<`) are not allowed; write the fields out, or use an alias (*name) for a whole value',
    ]);
    expect(problemsOf(`%YAML 1.1\n---\n${base}`)).toEqual(['survey.yaml:1:1: declares %YAML 1.1; a codebook is YAML 1.2: remove the %YAML line']);
  });

  it('refuses a key that is a list, instead of turning it into text', () => {
    const result = parseCodebook('id: t\ntitle: T\n? [a, b]\n: 1\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => formatCodebookIssue('survey.yaml', issue))).toEqual(['survey.yaml:3:3: a key must be plain text, not a list or mapping; write `key: value`']);
  });

  it('says a value has the wrong type, not that it is missing', () => {
    expect(problems(MINIMAL.replace('title: Demo', 'title: Demo\nconfidence: "0.9"'))).toEqual(['survey.yaml:3:13: confidence: must be a number']);
    expect(problems(MINIMAL.replace('box: 2', 'box: 1.5'))).toEqual([expect.stringMatching(/metrics\[1\]\.box: must be a whole number$/)]);
  });

  it('accepts shares that sum to 1 within 0.01 despite floating-point rounding (0.33 + 0.33 + 0.34 - 0.01)', () => {
    expect(problems(MINIMAL.replace('{ Finance: 0.1, Tech: 0.3, Other: 0.6 }', '{ Finance: 0.33, Tech: 0.33, Other: 0.33 }'))).toEqual([]);
  });

  it('refuses a date that is not on the calendar', () => {
    expect(problems(`${MINIMAL}fielded: { start: 2024-13-45, end: 2024-03-01 }\n`)).toEqual([expect.stringMatching(/fielded\.start: is not a calendar date$/)]);
  });

  it('needs respondent.duration for minDurationSeconds', () => {
    expect(problems(`${MINIMAL}quality: { minDurationSeconds: 30 }\n`)).toEqual([
      expect.stringMatching(/quality\.minDurationSeconds: needs `respondent\.duration`/),
    ]);
  });

  it('reports an empty file', () => {
    expect(problems('')).toEqual(['survey.yaml: is empty; start from the example in the README']);
  });
});
