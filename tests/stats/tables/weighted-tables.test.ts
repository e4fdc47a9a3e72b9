/**
 * Weighted banner tables against R's survey package: tests/reference/tables_reference.R (its header gives
 * every call), e.g. coef(svymean(~y, subset(des, <column> & !is.na(y)), na.rm = TRUE)), sqrt(svyvar(...)), and
 * for each pair of columns svyglm(y ~ g, design = subset(des, g %in% c(a, b) & !is.na(y))) with
 * p.adjust(method = "holm" | "bonferroni"). On apistrat (strata with fpc, Holm) and on nhanes raked to two
 * margins (clusters in strata, calibrated; Bonferroni), both with arrows against the rest of the sample; apistrat
 * also with an NPS stub (promoters, passives, detractors and the NPS as svymean of the score 100 / 0 / −100).
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
import reference from '../../reference/tables-weighted-reference.json' with { type: 'json' };

const ROOT = path.resolve(import.meta.dirname, '../../..');

async function tableOf(codebookFile: string): Promise<TableResult> {
  const read = await loadCodebook(path.join(ROOT, codebookFile));
  const file = await resolveSourceFile(read);
  const { codebook } = await withBinEdges(read, file);
  const ingestion = await ingestFile(codebook, file, surveyFold(codebook));
  const [table] = finishStats(codebook, ingestion.folded, read.file).tables;
  if (table === undefined) throw new Error(`${codebookFile} made no table`);
  return table;
}

interface ReferenceRow {
  type: string;
  label: string | null;
  values: (number | null)[];
  letters: string[];
  rowShares: (number | null)[];
  arrows: (string | null)[];
}
interface ReferenceTable {
  letters: (string | null)[];
  blocks: { stub: string; base: number[]; weightedBase: number[]; effectiveBase: number[]; rows: ReferenceRow[] }[];
}

function close(got: number | null | undefined, want: number | null, where: string, tolerance = 1e-8): void {
  if (want === null) {
    expect(got ?? null, where).toBeNull();
    return;
  }
  expect(got, where).not.toBeNull();
  expect(Math.abs((got as number) - want), where).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(want)));
}

function compare(got: TableResult, want: ReferenceTable): void {
  expect(got.weighted).toBe(true);
  expect(got.tests).toEqual({ shares: 'design-t', means: 'design-t', nps: 'design-t' });
  expect(got.columns.map((c) => c.letter)).toEqual(want.letters);
  expect(got.blocks.map((b) => b.stub)).toEqual(want.blocks.map((b) => b.stub));
  got.blocks.forEach((block, s) => {
    const w = want.blocks[s] as ReferenceTable['blocks'][number];
    expect(block.base, `${block.stub} base`).toEqual(w.base);
    block.weightedBase?.forEach((value, c) => close(value, w.weightedBase[c] ?? null, `${block.stub} weighted base [${c}]`));
    block.effectiveBase?.forEach((value, c) => close(value, w.effectiveBase[c] ?? null, `${block.stub} effective base [${c}]`));
    expect(block.weightedBase).toHaveLength(w.base.length);
    block.rows.forEach((row, r) => {
      const want = w.rows[r] as ReferenceRow;
      const where = `${block.stub} / ${row.type} ${row.label ?? ''}`;
      expect([row.type, row.label], where).toEqual([want.type, want.label]);
      row.cells.forEach((cell, c) => {
        close(cell.value, want.values[c] ?? null, `${where} value [${c}]`);
        if (cell.rowShare !== undefined) close(cell.rowShare, want.rowShares[c] ?? null, `${where} row % [${c}]`);
        if (row.type !== 'sd') expect(cell.arrow ?? null, `${where} arrow [${c}]`).toBe(want.arrows[c]);
      });
      expect(row.cells.map((cell) => cell.letters), `${where} letters`).toEqual(want.letters);
    });
  });
}

describe('weighted banner tables against R survey', () => {
  let apistrat: TableResult;
  let nhanes: TableResult;
  beforeAll(async () => {
    [apistrat, nhanes] = await Promise.all([tableOf('tests/fixtures/design/apistrat/survey-tables.yaml'), tableOf('tests/fixtures/design/nhanes/survey-raked-tables.yaml')]);
  }, 60_000);

  it('a stratified design with fpc (apistrat): shares, means, SD, NPS, bases, row %, letters and arrows as svymean / svyvar / svyglm', () => {
    compare(apistrat, reference.apistrat as ReferenceTable);
  });

  it('a raked design with clusters in strata (nhanes): every cell, letter and arrow as R on the raked design', () => {
    compare(nhanes, reference.nhanes as ReferenceTable);
    expect(nhanes.weighting).toEqual({ method: 'rake', by: ['RIAGENDR', 'race'], design: true });
    const letters = nhanes.blocks.flatMap((b) => b.rows.flatMap((r) => r.cells.map((c) => c.letters))).join('');
    expect(letters.length).toBeGreaterThan(10);
  });
});
