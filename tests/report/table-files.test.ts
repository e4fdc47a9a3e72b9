/**
 * A banner table written as a workbook, read back by exceljs' own (non-streaming) reader; as CSV; in Markdown.
 * The table is written by hand here: these tests are about the writers, not the statistics.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TableResult } from '../../src/model/table-result.ts';
import { tableCsv } from '../../src/report/table-csv.ts';
import { tableMarkdown } from '../../src/report/table-md.ts';
import { tableXlsx } from '../../src/report/table-xlsx.ts';

const TABLE: TableResult = {
  id: 'demo',
  title: 'By region',
  weighted: false,
  level: 0.95,
  adjust: 'holm',
  vsTotal: true,
  cells: ['column', 'count'],
  tests: { shares: 'z', means: 't', nps: 'nps-z' },
  smallBase: 30,
  suppressBelow: 5,
  columns: [
    { group: 'total', label: 'Total', letter: null },
    { group: 'region', label: '=HYPERLINK("http://x")', letter: 'A' },
    { group: 'region', label: '南方', letter: 'B' },
    { group: 'region', label: 'East', letter: 'C' },
  ],
  groups: [{ id: 'region', label: 'Region', type: 'single', columns: [1, 2, 3], compared: true }],
  blocks: [
    {
      stub: 'sat',
      source: 'question',
      label: 'Satisfaction <b>',
      base: [83, 40, 40, 3],
      flags: [[], [], [], ['suppressed']],
      rows: [
        {
          type: 'option',
          label: 'Great',
          cells: [
            { value: 40 / 83, count: 40, letters: '' },
            { value: 0.75, count: 30, letters: 'B', arrow: 'up' },
            { value: 0.25, count: 10, letters: '', arrow: 'down' },
            { value: null, letters: '' },
          ],
        },
        {
          type: 'mean',
          label: null,
          cells: [
            { value: 2.5, letters: '' },
            { value: -3.25, letters: 'B' },
            { value: 2, letters: '' },
            { value: null, letters: '' },
          ],
        },
      ],
    },
  ],
};

afterEach(() => vi.useRealTimers());

describe('tables/<id>.xlsx', () => {
  it('holds numbers with their formats, letters in a column of their own, headers, notes and frozen panes', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await tableXlsx(TABLE, 'en');
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet('demo');
    if (sheet === undefined) throw new Error('no sheet demo');
    expect(sheet.getCell('A1').value).toBe('By region');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(String(sheet.getCell('A2').value)).toMatch(/^Letters: the cell is significantly higher .*pooled two-proportion z-test.*95% level, Holm-adjusted/);
    expect(String(sheet.getCell('A4').value)).toBe('*: base under 30, read with care; —: base under 5, not shown. Unweighted.');
    // Groups over their columns (two cells each: figure and letters), then the column headers.
    expect(sheet.getCell(6, 4).value).toBe('Region');
    expect(sheet.getCell(6, 4).isMerged).toBe(true);
    expect([2, 4, 6, 8].map((c) => sheet.getCell(7, c).value)).toEqual(['Total', '=HYPERLINK("http://x") (A)', '南方 (B)', 'East (C)']);
    // A label that looks like a formula stays text.
    expect(sheet.getCell(7, 4).formula).toBeUndefined();
    expect(sheet.getCell(8, 1).value).toBe('Satisfaction <b>');
    expect(sheet.getCell(8, 1).font?.bold).toBe(true);
    expect([2, 4, 6, 8].map((c) => sheet.getCell(9, c).value)).toEqual([83, 40, 40, 3]);
    expect(sheet.getCell(10, 1).value).toBe('Great');
    expect(sheet.getCell(10, 4).value).toBe(0.75);
    expect(sheet.getCell(10, 4).numFmt).toBe('0.0%');
    expect(sheet.getCell(10, 5).value).toBe('B▲');
    expect(sheet.getCell(10, 5).font?.size).toBe(8);
    expect(sheet.getCell(10, 8).value).toBe('—');
    expect(sheet.getCell(11, 1).value).toBe('Great (count)');
    expect(sheet.getCell(11, 4).value).toBe(30);
    expect(sheet.getCell(12, 1).value).toBe('Mean');
    expect(sheet.getCell(12, 4).value).toBe(-3.25);
    expect(sheet.getCell(12, 4).numFmt).toBe('0.00');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 7 });
  });

  it('is the same bytes whenever it is written', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2021-05-06T07:08:09Z'));
    const first = await tableXlsx(TABLE, 'zh');
    vi.setSystemTime(new Date('2031-11-12T13:14:15Z'));
    const second = await tableXlsx(TABLE, 'zh');
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });
});

describe('tables/<id>.csv', () => {
  it('is UTF-8 with a byte-order mark, figures beside their letters, labels neutralised but numbers kept', () => {
    const csv = tableCsv(TABLE, 'zh');
    expect(csv.startsWith('\ufeffBy region')).toBe(true);
    const lines = csv.slice(1).split('\n');
    expect(lines[2]).toBe(`,总计,,"'=HYPERLINK(""http://x"") (A)",,南方 (B),,East (C),`);
    expect(lines[5]).toBe('Great,48.2%,,75.0%,B▲,25.0%,▼,—,');
    expect(lines[7]).toBe('均值,2.50,,-3.25,B,2.00,,—,');
  });
});

describe('the table in report.md', () => {
  it('escapes every label and shows letters, arrows and the small-base marks', () => {
    const md = tableMarkdown(TABLE, 'en').join('\n');
    expect(md).toContain('| | Total | \\=HYPERLINK("http\\[:\\]//x") (A) | 南方 (B) | East (C) |');
    expect(md).toContain('| **Satisfaction &lt;b&gt;** |');
    expect(md).toContain('| Great | 48.2% | 75.0% B▲ | 25.0% ▼ | — |');
    expect(md).toContain('Region: A–C');
  });
});
