import { describe, expect, it } from 'vitest';
import { parseTable } from '../../src/ingest/parse-table.ts';

describe('parseTable', () => {
  it('numbers records as a spreadsheet does (header is row 1) and skips blank lines', () => {
    const result = parseTable('a,b\n1,2\n\n3,4\n', 'wjx');
    expect(result).toEqual({ ok: true, table: { header: ['a', 'b'], records: [{ row: 2, cells: ['1', '2'] }, { row: 3, cells: ['3', '4'] }] } });
  });

  it.each([[';'], ['\t'], ['|']])('sniffs the %j delimiter of a generic export', (delimiter) => {
    const result = parseTable(['q1,x', 'q2'].join(delimiter) + '\n' + ['a', 'b'].join(delimiter) + '\n', 'generic');
    expect(result.ok && result.table.header).toEqual(['q1,x', 'q2']);
  });

  it('keeps quoted commas and line breaks inside a cell', () => {
    const result = parseTable('a,b\n"x, y","line1\nline2"\n', 'wjx');
    expect(result.ok && result.table.records).toEqual([{ row: 2, cells: ['x, y', 'line1\nline2'] }]);
  });

  it('skips the question-text and ImportId rows of a Qualtrics export', () => {
    const text = 'Q1,Q2\nHow often?,Why?\n"{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"\nDaily,fun\n';
    const result = parseTable(text, 'qualtrics');
    expect(result).toEqual({
      ok: true,
      table: { header: ['Q1', 'Q2'], altHeader: ['How often?', 'Why?'], records: [{ row: 4, cells: ['Daily', 'fun'] }] },
    });
  });

  it('reports an unclosed quote with its row', () => {
    const result = parseTable('a,b\n1,2\n3,"open\n', 'wjx');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.row).toBe(3);
  });

  it('reports an empty file', () => {
    expect(parseTable('', 'wjx')).toEqual({ ok: false, message: 'is empty: no header row and no responses' });
  });
});
