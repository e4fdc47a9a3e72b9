/** Banner tables off the happy path: empty and small columns, defaults, letters past Z, and the column tests by hand. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCodebook } from '../../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../../src/codebook/schema.ts';
import { ingestFile } from '../../../src/ingest/ingest-file.ts';
import type { TableResult } from '../../../src/model/table-result.ts';
import { finishStats } from '../../../src/stats/finish-stats.ts';
import { surveyFold } from '../../../src/stats/folds/survey-fold.ts';
import { adjustRow, columnLetter, pooledTTest, pooledZTest } from '../../../src/stats/tables/column-tests.ts';
import { defaultTables } from '../../../src/stats/tables/table-plan.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-table-edges-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const QUESTIONS = `questions:
  - { id: region, column: region, type: single, options: [North, South, East, West] }
  - { id: likes, column: likes, type: multi, options: [Speed, Price], separator: ";" }
  - { id: sat, column: sat, type: likert, options: [Bad, Okay, Good, Great] }
  - { id: attn, column: attn, type: single, options: ["Yes", "No"] }
  - { id: why, column: why, type: text }
`;

function codebookOf(extra: string): Codebook {
  const result = parseCodebook(`id: edges\ntitle: Edges\nsource: { file: data.csv, format: generic }\n${QUESTIONS}${extra}`);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

async function tables(extra: string, rows: string[][]): Promise<TableResult[]> {
  const codebook = codebookOf(extra);
  const file = path.join(work, `data-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, ['region,likes,sat,attn,why', ...rows.map((r) => r.join(','))].join('\n'));
  const ingestion = await ingestFile(codebook, file, surveyFold(codebook));
  return finishStats(codebook, ingestion.folded, 'survey.yaml').tables;
}

/** 40 respondents in North, 40 in South, 3 in East, none in West. */
const ROWS = [
  ...Array.from({ length: 40 }, (_, i) => ['North', 'Speed', i < 30 ? 'Great' : 'Bad', 'Yes', 'ok']),
  ...Array.from({ length: 40 }, (_, i) => ['South', 'Price', i < 10 ? 'Great' : 'Bad', 'Yes', 'ok']),
  ...Array.from({ length: 3 }, () => ['East', 'Speed;Price', 'Good', 'Yes', 'ok']),
];

describe('banner table edges', () => {
  it('shows an empty column with base 0 and a column under suppressBelow without figures, and tests neither', async () => {
    const [table] = await tables('tables:\n  - { id: t, banner: [region], stubs: [sat] }\n', ROWS);
    const block = table?.blocks[0];
    expect(block?.base).toEqual([83, 40, 40, 3, 0]);
    expect(block?.flags).toEqual([[], [], [], ['suppressed'], ['empty']]);
    const great = block?.rows.find((r) => r.label === 'Great');
    // 30/40 against 10/40: pooled z = 4.47, significant; East and West carry nothing.
    expect(great?.cells.map((c) => [c.value, c.letters])).toEqual([
      [40 / 83, ''],
      [0.75, 'B'],
      [0.25, ''],
      [null, ''],
      [null, ''],
    ]);
    expect(great?.cells[3]?.count).toBeUndefined();
  });

  it('`tables: []` makes none; without tables the default is by the single-choice breakdown questions, without text, the attention check or the banner itself', () => {
    const none = codebookOf('tables: []\n');
    expect(none.tables).toEqual([]);
    const codebook = codebookOf('metrics:\n  - { id: great, kind: top-box, question: sat, box: 1 }\nbreakdowns:\n  - { by: region, metrics: [great] }\n  - { by: likes, metrics: [great] }\nquality:\n  attentionCheck: { question: attn, expect: ["Yes"] }\n');
    const [table] = defaultTables(codebook);
    expect(table).toMatchObject({ id: 'main', title: 'By region', banner: ['region'], stubs: ['likes', 'sat'], nets: [{ question: 'sat', label: 'Top 2', options: ['Good', 'Great'] }] });
    const multiOnly = codebookOf('metrics:\n  - { id: great, kind: top-box, question: sat, box: 1 }\nbreakdowns:\n  - { by: likes, metrics: [great] }\n');
    expect(defaultTables(multiOnly)).toEqual([]);
  });

  it('does not compare the overlapping columns of a multi-choice banner, and says so in the table', async () => {
    const [table] = await tables('tables:\n  - { id: t, banner: [likes], stubs: [sat], vsTotal: true }\n', ROWS);
    expect(table?.groups).toEqual([{ id: 'likes', label: 'likes', type: 'multi', columns: [1, 2], compared: false }]);
    expect(table?.blocks[0]?.rows.flatMap((r) => r.cells.map((c) => c.letters)).join('')).toBe('');
    // Against the rest of the sample each column is one comparison: Speed 33/43 against Price 10/40.
    const great = table?.blocks[0]?.rows.find((r) => r.label === 'Great');
    expect(great?.cells.map((c) => c.arrow ?? null)).toEqual([null, 'up', 'down']);
  });

  it('letters columns A..Z, then AA, AB, as a spreadsheet does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('tests columns as statsmodels and scipy do', () => {
    // statsmodels 0.13 proportions_ztest([30, 45], [100, 100]) = (-2.1908902300206647, 0.02845973691631055)
    const z = pooledZTest(30, 100, 45, 100);
    expect(z?.statistic).toBeCloseTo(-2.1908902300206647, 12);
    expect(z?.pValue).toBeCloseTo(0.02845973691631055, 12);
    // scipy 1.10 ttest_ind([1, 2, 2, 3, 5], [4, 4, 5, 6]) = (-2.452998430843389, 0.04391376496909152)
    const t = pooledTTest(
      new Map([
        [1, 1],
        [2, 2],
        [3, 1],
        [5, 1],
      ]),
      new Map([
        [4, 2],
        [5, 1],
        [6, 1],
      ]),
    );
    expect(t?.statistic).toBeCloseTo(-2.452998430843389, 12);
    expect(t?.pValue).toBeCloseTo(0.04391376496909152, 12);
    // scipy ttest_ind([3, 3, 3], [3, 4]) = (-1.341640786499874, 0.272228401224416): one side without spread still pools.
    expect(pooledTTest(new Map([[3, 3]]), new Map([[3, 1], [4, 1]]))?.pValue).toBeCloseTo(0.272228401224416, 12);
    expect(pooledZTest(0, 10, 0, 12)).toBeNull();
    expect(pooledTTest(new Map([[3, 3]]), new Map([[3, 2]]))).toBeNull();
    // statsmodels multipletests([0.01, 0.04, 0.03], method='bonferroni')[1] = [0.03, 0.12, 0.09]; 'holm' = [0.03, 0.06, 0.06]
    expect(adjustRow([0.01, 0.04, 0.03], 'bonferroni').map((p) => Number(p.toFixed(12)))).toEqual([0.03, 0.12, 0.09]);
    expect(adjustRow([0.01, 0.04, 0.03], 'holm').map((p) => Number(p.toFixed(12)))).toEqual([0.03, 0.06, 0.06]);
    expect(adjustRow([0.01, 0.04], 'none')).toEqual([0.01, 0.04]);
  });
});
