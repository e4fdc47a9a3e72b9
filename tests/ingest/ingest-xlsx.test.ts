import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { ingestFile } from '../../src/ingest/ingest-file.ts';
import { ingestBytes } from '../../src/ingest/ingest-text.ts';
import { xlsxCellText } from '../../src/ingest/xlsx-cell-text.ts';
import { encodeExport } from '../../src/synth/encode-export.ts';
import { loadProfile } from '../../src/synth/load-profile.ts';
import { synthesizeRows } from '../../src/synth/synthesize-rows.ts';
import { xlsxExport } from '../../src/synth/write-xlsx.ts';
import type { Response } from '../../src/model/response.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-xlsx-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const SAMPLE = new URL('../../surveys/kimi-2024/', import.meta.url);

function sampleCodebook(): Codebook {
  const parsed = parseCodebook(readFileSync(new URL('survey.yaml', SAMPLE), 'utf8'));
  if (!parsed.ok) throw new Error('sample codebook does not parse');
  return parsed.value;
}

describe('ingestFile on .xlsx', () => {
  it('reads a Wenjuanxing-style workbook to the same responses and quarantine as the CSV of the same rows', async () => {
    const codebook = sampleCodebook();
    const table = synthesizeRows(codebook, await loadProfile(SAMPLE.pathname), { rows: 160, faults: 6, seed: 2024 });
    const file = path.join(work, 'responses.xlsx');
    writeFileSync(file, await xlsxExport(table));
    const fromXlsx: Response[] = [];
    const xlsx = await ingestFile(codebook, file, surveyFold(codebook), { onAccepted: (r) => fromXlsx.push(r) });
    const fromCsv: Response[] = [];
    const csv = ingestBytes(codebook, encodeExport(codebook, table), surveyFold(codebook), { file: 'responses.csv', onAccepted: (r) => fromCsv.push(r) });
    expect(xlsx.encoding).toBe('xlsx');
    expect(xlsx.rowsRead).toBe(160);
    expect(fromXlsx).toEqual(fromCsv);
    expect(xlsx.quarantined.map((q) => [q.row, q.reasons.map((r) => r.rule)])).toEqual(csv.quarantined.map((q) => [q.row, q.reasons.map((r) => r.rule)]));
  });

  it('keeps the sheet row numbers when rows are skipped, and pads short rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('export');
    sheet.getRow(1).values = ['Q1', 'Q2'];
    sheet.getRow(2).values = ['Yes'];
    sheet.getRow(5).values = ['No', 'later'];
    workbook.addWorksheet('summary').getRow(1).values = ['not', 'responses'];
    const file = path.join(work, 'gaps.xlsx');
    writeFileSync(file, new Uint8Array(await workbook.xlsx.writeBuffer()));
    const parsed = parseCodebook('id: t\ntitle: T\nsource: { file: gaps.xlsx }\nquestions:\n  - { id: q1, column: Q1, type: single, options: [Yes, No] }\n  - { id: q2, column: Q2, type: text }\n');
    if (!parsed.ok) throw new Error('codebook');
    const accepted: Response[] = [];
    const result = await ingestFile(parsed.value, file, surveyFold(parsed.value), { onAccepted: (r) => accepted.push(r) });
    expect(result.rowsRead).toBe(2);
    expect(accepted).toEqual([
      { row: 2, answers: [0, null] },
      { row: 5, answers: [1, 'later'] },
    ]);
  });

  it('refuses a file that is not a workbook with one line', async () => {
    const file = path.join(work, 'fake.xlsx');
    writeFileSync(file, 'Q1,Q2\nYes,a\n');
    const parsed = parseCodebook('id: t\ntitle: T\nsource: { file: fake.xlsx }\nquestions:\n  - { id: q1, column: Q1, type: text }\n');
    if (!parsed.ok) throw new Error('codebook');
    await expect(ingestFile(parsed.value, file, surveyFold(parsed.value))).rejects.toThrow(/fake\.xlsx: cannot be read as an \.xlsx workbook/);
  });
});

describe('xlsxCellText', () => {
  it('turns cell values into the text a CSV would hold', () => {
    expect(xlsxCellText(10)).toBe('10');
    expect(xlsxCellText(0.5)).toBe('0.5');
    expect(xlsxCellText(new Date(Date.UTC(2024, 2, 15, 10, 23, 11)))).toBe('2024-03-15 10:23:11');
    expect(xlsxCellText(new Date(Date.UTC(2024, 2, 15)))).toBe('2024-03-15');
    expect(xlsxCellText({ richText: [{ text: '满' }, { text: '意' }] })).toBe('满意');
    expect(xlsxCellText({ formula: 'A1', result: 7 })).toBe('7');
    expect(xlsxCellText({ error: '#N/A' })).toBe('');
    expect(xlsxCellText(null)).toBe('');
    expect(xlsxCellText(true)).toBe('TRUE');
  });
});
