/**
 * Banner tables against independent references: tests/reference/tables_reference.py (pandas, scipy,
 * statsmodels; see its docstring for every call), e.g. proportions_ztest([x1, x2], [n1, n2]) per pair of
 * columns, scipy.stats.ttest_ind(a, b), multipletests(p, method='holm' | 'bonferroni'). Two tables: the
 * default table of the sample survey (surveys/kimi-2024) and a table with every option (multi banner, metric
 * column and stubs, nets, row % and counts, Bonferroni, arrows) on the real 2020 Jupyter survey.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../../src/codebook/load-codebook.ts';
import { ingestFile } from '../../../src/ingest/ingest-file.ts';
import { resolveSourceFile } from '../../../src/ingest/resolve-source-file.ts';
import { withBinEdges } from '../../../src/ingest-survey.ts';
import type { TableResult } from '../../../src/model/table-result.ts';
import { finishStats } from '../../../src/stats/finish-stats.ts';
import { surveyFold } from '../../../src/stats/folds/survey-fold.ts';
import reference from '../../reference/tables-reference.json' with { type: 'json' };

const ROOT = path.resolve(import.meta.dirname, '../../..');

async function tablesOf(survey: string): Promise<TableResult[]> {
  const read = await loadCodebook(path.join(ROOT, survey));
  const file = await resolveSourceFile(read);
  const { codebook } = await withBinEdges(read, file);
  const ingestion = await ingestFile(codebook, file, surveyFold(codebook));
  return finishStats(codebook, ingestion.folded, read.file).tables;
}

interface ReferenceRow {
  type: string;
  label: string | null;
  values: (number | null)[];
  letters: string[];
  counts?: (number | null)[];
  rowShares?: (number | null)[];
  arrows?: (string | null)[];
}

interface ReferenceTable {
  columns: string[];
  letters: (string | null)[];
  blocks: { stub: string; base: number[]; rows: ReferenceRow[] }[];
}

function close(got: number | null | undefined, want: number | null, where: string): void {
  if (want === null) {
    expect(got ?? null, where).toBeNull();
    return;
  }
  expect(got, where).not.toBeNull();
  expect(Math.abs((got as number) - want), where).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
}

function compare(got: TableResult, want: ReferenceTable): void {
  expect(got.columns.map((c) => c.letter)).toEqual(want.letters);
  expect(got.columns.slice(1).map((c) => c.label)).toEqual(want.columns.slice(1));
  expect(got.blocks.map((b) => b.stub)).toEqual(want.blocks.map((b) => b.stub));
  got.blocks.forEach((block, s) => {
    const wantBlock = want.blocks[s] as ReferenceTable['blocks'][number];
    expect(block.base, `${block.stub} base`).toEqual(wantBlock.base);
    expect(block.rows.map((r) => [r.type, r.label]), `${block.stub} rows`).toEqual(wantBlock.rows.map((r) => [r.type, r.label]));
    block.rows.forEach((row, r) => {
      const w = wantBlock.rows[r] as ReferenceRow;
      const where = `${block.stub} / ${row.type} ${row.label ?? ''}`;
      row.cells.forEach((cell, c) => {
        close(cell.value, w.values[c] ?? null, `${where} value [${c}]`);
        if (w.counts !== undefined && w.values[c] !== null) expect(cell.count, `${where} count [${c}]`).toBe(w.counts[c]);
        if (w.rowShares !== undefined) close(cell.rowShare, w.rowShares[c] ?? null, `${where} row % [${c}]`);
        if (w.arrows !== undefined) expect(cell.arrow ?? null, `${where} arrow [${c}]`).toBe(w.arrows[c]);
      });
      expect(row.cells.map((cell) => cell.letters), `${where} letters`).toEqual(w.letters);
    });
  });
}

describe('banner tables against pandas + scipy + statsmodels', () => {
  let kimi: TableResult[];
  let jupyter: TableResult[];
  beforeAll(async () => {
    [kimi, jupyter] = await Promise.all([tablesOf('surveys/kimi-2024'), tablesOf('tests/fixtures/jupyter-2020')]);
  }, 60_000);

  it('the sample survey gets one default table by its single-choice breakdown question, every cell and letter as the reference', () => {
    expect(kimi.map((t) => t.id)).toEqual(['main']);
    const table = kimi[0] as TableResult;
    expect(table).toMatchObject({ weighted: false, adjust: 'holm', vsTotal: false, tests: { shares: 'z', means: 't', nps: 'nps-z' } });
    compare(table, reference.kimi as ReferenceTable);
  });

  it('a real survey with a multi-choice banner, a metric column, nets, row % and counts, Bonferroni and arrows: every cell as the reference', () => {
    const table = jupyter[0] as TableResult;
    expect(table.groups.map((g) => [g.type, g.compared])).toEqual([
      ['single', true],
      ['multi', false],
      ['metric', false],
    ]);
    compare(table, reference.jupyter as ReferenceTable);
    // The reference finds letters and arrows here: the comparison is not vacuous.
    const letters = table.blocks.flatMap((b) => b.rows.flatMap((r) => r.cells.map((c) => c.letters))).join('');
    expect(letters.length).toBeGreaterThan(10);
    expect(table.blocks.some((b) => b.rows.some((r) => r.cells.some((c) => c.arrow === 'down')))).toBe(true);
  });
});
