/** Indexes: the codebook checks, the question each becomes, and the score of a respondent, by hand. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexScorer } from '../../src/codebook/index-questions.ts';
import { formatCodebookIssue, parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { ingestFile } from '../../src/ingest/ingest-file.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-indexes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const BASE = `id: idx
title: Index
source: { file: data.csv, format: generic }
questions:
  - { id: group, column: group, type: single, options: [X, Y] }
  - { id: q1, column: q1, type: likert, options: [a, b, c, d, e] }
  - { id: q2, column: q2, type: likert, options: [a, b, c, d, e] }
  - { id: q3, column: q3, type: likert, options: [a, b, c, d, e] }
  - { id: r, column: r, type: rating, min: 0, max: 10 }
  - { id: note, column: note, type: text }
`;

function parsed(extra: string): Codebook {
  const result = parseCodebook(`${BASE}${extra}`);
  if (!result.ok) throw new Error(result.issues.map((issue) => formatCodebookIssue('survey.yaml', issue)).join('\n'));
  return result.value;
}

function problems(extra: string): string[] {
  const result = parseCodebook(`${BASE}${extra}`);
  return result.ok ? [] : result.issues.map((issue) => formatCodebookIssue('survey.yaml', issue));
}

describe('indexes', () => {
  it('become numeric questions of their id, after the questions, with the range of their method', () => {
    const codebook = parsed('indexes:\n  - { id: experience, label: Experience, items: [q1, q2, q3], reverse: [q3] }\n  - { id: total, items: [q1, q2], method: sum }\n');
    expect(codebook.questions.slice(-2)).toEqual([
      { id: 'experience', label: 'Experience', type: 'numeric', min: 1, max: 5 },
      { id: 'total', label: 'total', type: 'numeric', min: 2, max: 10 },
    ]);
    expect(codebook.indexes[0]).toMatchObject({ method: 'mean', minAnswered: 0.5 });
  });

  it('score a respondent: codes 1..k, reverse items flipped, the mean of those answered, or a prorated sum, none under minAnswered', () => {
    const codebook = parsed('indexes:\n  - { id: experience, items: [q1, q2, q3], reverse: [q3] }\n  - { id: total, items: [q1, q2], method: sum, minAnswered: 1 }\n');
    const [experience, total] = codebook.indexes.map((index) => indexScorer(codebook, index));
    // Answers: group, q1, q2, q3 (option indices), r.
    // e, d, a reversed: (5 + 4 + (6 − 1)) / 3.
    expect(experience?.([0, 4, 3, 0, 10])).toBeCloseTo(14 / 3, 14);
    // b, —, e reversed: 2 of 3 answered (at least half): (2 + 1) / 2.
    expect(experience?.([0, 1, null, 4, null])).toBe(1.5);
    // Only a: 1 of 3 answered, under half.
    expect(experience?.([0, 0, null, null, null])).toBeNull();
    // Sum of q1 (code 4) and q2 (code 2); with q2 missing minAnswered: 1 gives none.
    expect(total?.([0, 3, 1, null, null])).toBe(6);
    expect(total?.([0, 3, null, null, null])).toBeNull();
  });

  it('are refused with the path when an item is missing, not likert or rating, listed twice, an index, or when reverse names a non-item or the id is taken', () => {
    expect(problems('indexes:\n  - { id: q1, items: [q2, q9, note, q2, other], reverse: [r] }\n  - { id: other, items: [q1, q2] }\n')).toEqual([
      expect.stringMatching(/indexes\[0\]\.id: `q1` is already a question's id; an index is a question of its own: give it another id$/),
      expect.stringMatching(/indexes\[0\]\.items\[1\]: no question has id `q9` \(did you mean `q1`\?\)$/),
      expect.stringMatching(/indexes\[0\]\.items\[2\]: question `note` is of type text; this needs one of: likert, rating$/),
      expect.stringMatching(/indexes\[0\]\.items\[3\]: item `q2` is listed twice$/),
      expect.stringMatching(/indexes\[0\]\.items\[4\]: `other` is an index; an index is built from likert or rating questions$/),
      expect.stringMatching(/indexes\[0\]\.reverse\[0\]: `r` is not one of the index's items \(`q2`, `q9`, `note`, `q2`, `other`\); list it under `items` too$/),
    ]);
  });

  it('report an index id used twice once, at the index', () => {
    expect(problems('indexes:\n  - { id: exp, items: [q1, q2] }\n  - { id: exp, items: [q2, q3] }\n')).toEqual([expect.stringMatching(/indexes\[1\]\.id: index id `exp` is used twice; ids must be unique$/)]);
  });

  it('work as numeric questions end to end: a mean metric, a breakdown and a table stub', async () => {
    const codebook = parsed(
      'indexes:\n  - { id: experience, items: [q1, q2, q3], reverse: [q3] }\nmetrics:\n  - { id: exp_mean, kind: mean, question: experience }\nbreakdowns:\n  - { by: group, metrics: [exp_mean], suppressBelow: 1 }\ntables:\n  - { id: t, banner: [group], stubs: [experience], suppressBelow: 1 }\n',
    );
    const file = path.join(work, 'data.csv');
    writeFileSync(file, 'group,q1,q2,q3,r,note\nX,e,d,a,10,hi\nX,d,d,b,8,\nY,b,,e,2,\nY,a,a,,,\nX,c,c,c,5,\n');
    const ingestion = await ingestFile(codebook, file, surveyFold(codebook));
    expect(ingestion.quarantined).toEqual([]);
    const stats = finishStats(codebook, ingestion.folded, 'survey.yaml');
    // Scores by hand: 14/3, 4, 1.5 (2 of 3 items), 1 (2 of 3), 3.
    const scores = [14 / 3, 4, 1.5, 1, 3];
    expect(stats.metrics[0]?.estimate).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / 5, 14);
    expect(stats.metrics[0]?.n).toBe(5);
    expect(stats.breakdowns[0]?.groups.map((g) => g.estimate)).toEqual([expect.closeTo((14 / 3 + 4 + 3) / 3, 12), expect.closeTo(1.25, 12)]);
    // stats.json `indexes`: the scores summarised (SD with n − 1, by hand: the deviations from 2.8333… squared).
    const mean = scores.reduce((a, b) => a + b, 0) / 5;
    expect(stats.indexes).toEqual([
      {
        id: 'experience',
        label: 'experience',
        items: ['q1', 'q2', 'q3'],
        reverse: ['q3'],
        method: 'mean',
        minAnswered: 0.5,
        range: [1, 5],
        n: 5,
        unscored: 0,
        mean: expect.closeTo(mean, 14),
        sd: expect.closeTo(Math.sqrt(scores.reduce((sum, x) => sum + (x - mean) ** 2, 0) / 4), 14),
        min: 1,
        max: 14 / 3,
      },
    ]);
    expect(stats.tables[0]?.blocks[0]?.rows.map((r) => [r.type, r.cells[0]?.value])).toEqual([
      ['mean', expect.closeTo((14 / 3 + 4 + 1.5 + 1 + 3) / 5, 12)],
      ['sd', expect.any(Number)],
    ]);
  });
});
