/**
 * `quarantine.csv`: formula starters neutralised in every cell (OWASP CSV injection: = + - @ tab CR), PII
 * columns dropped, ragged rows' cells withheld when the export has PII. Expected text written by hand.
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { quarantineCsv, quarantineCsvChunks } from '../../src/report/quarantine-csv.ts';

const header = ['id', 'email', 'note'];

describe('quarantineCsv', () => {
  it('prefixes every formula-like cell, header and reason included, with an apostrophe', () => {
    const rows = [
      { row: 2, cells: ['=1+1', 'a@b.example', '+cmd|calc'], reasons: [{ rule: 'invalid-option', column: 'note', message: 'x' }] },
      { row: 3, cells: ['-2', 'c@d.example', '@SUM(A1)'], reasons: [{ rule: 'invalid-option', message: 'y' }] },
      { row: 4, cells: ['\tx', 'e@f.example', '\rr'], reasons: [{ rule: 'out-of-range', message: 'z' }] },
      { row: 5, cells: ['ok', 'g@h.example', 'a=b'], reasons: [{ rule: 'invalid-option', message: 'w' }] },
    ];
    const csv = quarantineCsv(['=id', ...header.slice(1)], rows, new Set([1]));
    expect(csv).toBe(
      [
        '\ufeffrow,\'=id,note,reason',
        "2,'=1+1,'+cmd|calc,invalid-option [note]: x",
        "3,'-2,'@SUM(A1),invalid-option: y",
        // A tab needs no quotes in a comma-separated file; a carriage return does.
        `4,'\tx,"'\rr",out-of-range: z`,
        '5,ok,a=b,invalid-option: w',
        '',
      ].join('\n'),
    );
    expect(csv).not.toMatch(/@[a-z]\.example/);
  });

  it('withholds a ragged row\'s cells when the export has PII columns, and says so', () => {
    const rows = [{ row: 2, cells: ['1', 'x@y.example'], reasons: [{ rule: 'ragged-row', message: '2 cells, the header has 3' }] }];
    expect(quarantineCsv(header, rows, new Set([1]))).toBe(
      '\ufeffrow,id,note,reason\n2,,,"ragged-row: 2 cells, the header has 3; cells withheld: they are shifted against the header, so personal data could show under any column"\n',
    );
  });

  it("keeps a ragged row's cells beyond the header's, in an extra column, when no column is withheld", () => {
    const rows = [
      { row: 2, cells: ['1', 'a', 'b', 'extra', '=x'], reasons: [{ rule: 'ragged-row', message: '5 cells, the header has 3' }] },
      { row: 3, cells: ['2', 'c', 'd'], reasons: [{ rule: 'invalid-option', message: 'z' }] },
    ];
    expect(quarantineCsv(header, rows, new Set())).toBe(
      '\ufeffrow,id,email,note,extra cells,reason\n2,1,a,b,"[""extra"",""=x""]","ragged-row: 5 cells, the header has 3"\n3,2,c,d,,invalid-option: z\n',
    );
  });

  it('in pieces of a thousand rows, writes what one table of all the rows writes (Papa.unparse of the whole)', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ row: i + 2, cells: [String(i), `a${i}@b.example`, i % 7 === 0 ? 'with, comma' : 'plain'], reasons: [{ rule: 'speeder', message: `answered in ${i % 30}s` }] }));
    const pieces = [...quarantineCsvChunks(header, rows, 3, new Set([1]))];
    expect(pieces).toHaveLength(4);
    const whole = Papa.unparse([['row', 'id', 'note', 'reason'], ...rows.map((r) => [String(r.row), r.cells[0] ?? '', r.cells[2] ?? '', `speeder: ${r.reasons[0]?.message ?? ''}`])], { newline: '\n' });
    expect(pieces.join('')).toBe(`\ufeff${whole}\n`);
    expect(quarantineCsv(header, rows, new Set([1]))).toBe(pieces.join(''));
  });
});
