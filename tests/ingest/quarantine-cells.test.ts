/**
 * The quarantined rows' cells, kept deflated: every row reads back exactly as kept, in order, across blocks and
 * joins. Expected values are the rows themselves (a round trip), written by hand.
 */
import { describe, expect, it } from 'vitest';
import { cellRows, emptyCells, joinCells, keepCells, withCells } from '../../src/ingest/quarantine-cells.ts';

const awkward = ['', 'a,b', 'line\nbreak', 'cr\rlf\r\n', 'nul\u0000', 'lone \ud800 surrogate', '引号"「」', '🙂', ' \t '];

describe('quarantine cells', () => {
  it('read back every cell exactly, line breaks, NUL, lone surrogates and emoji included', () => {
    const store = emptyCells();
    keepCells(store, awkward);
    keepCells(store, []);
    keepCells(store, ['x']);
    expect([...cellRows(store)]).toEqual([awkward, [], ['x']]);
    expect(store.length).toBe(3);
    expect(store.widest).toBe(awkward.length);
  });

  it('keep the order across many deflated blocks, and hold them in far less than their text', () => {
    const store = emptyCells();
    const rows = Array.from({ length: 8000 }, (_, i) => [String(i), '2024/3/15 08:00:30', '27秒', '68.65.246.134(广东-深圳)', '偶尔会编造数据，需要自己核对']);
    for (const row of rows) keepCells(store, row);
    expect(store.blocks.length).toBeGreaterThan(10);
    expect([...cellRows(store)]).toEqual(rows);
    const text = rows.reduce((sum, row) => sum + Buffer.byteLength(JSON.stringify(row)), 0);
    const kept = store.blocks.reduce((sum, block) => sum + block.length, 0) + store.lines.reduce((sum, line) => sum + line.length * 2, 0);
    expect(kept).toBeLessThan(text / 4);
  });

  it('join two stores as the first one\'s rows, then the second\'s, leaving both as they were', () => {
    const first = emptyCells();
    const second = emptyCells();
    for (let i = 0; i < 3000; i++) keepCells(first, [`a${i}`, 'x'.repeat(400)]);
    for (let i = 0; i < 5; i++) keepCells(second, [`b${i}`, 'y', 'z']);
    const joined = joinCells(first, second);
    const read = [...cellRows(joined)].map((cells) => cells[0]);
    expect(read).toEqual([...Array.from({ length: 3000 }, (_, i) => `a${i}`), ...Array.from({ length: 5 }, (_, i) => `b${i}`)]);
    expect(joined.length).toBe(3005);
    expect(joined.widest).toBe(3);
    expect([...cellRows(first)]).toHaveLength(3000);
    expect([...cellRows(second)]).toHaveLength(5);
  });

  it('keep a row of more than a million characters as it is, in its place (as JSON, control characters take six each)', () => {
    const store = emptyCells();
    const huge = ['x', '\u0001'.repeat(1_100_000)];
    keepCells(store, ['before']);
    keepCells(store, huge);
    keepCells(store, ['after']);
    expect(store.blocks.filter(Array.isArray)).toEqual([huge]);
    expect([...cellRows(structuredClone(store))]).toEqual([['before'], huge, ['after']]);
  });

  it('survive a structured clone (a worker thread hands its rows over so)', () => {
    const store = emptyCells();
    for (let i = 0; i < 4000; i++) keepCells(store, [String(i), 'z'.repeat(300)]);
    expect([...cellRows(structuredClone(store))]).toEqual([...cellRows(store)]);
  });

  it('pair each row with its cells', () => {
    const store = emptyCells();
    keepCells(store, ['1', 'a']);
    keepCells(store, ['2', 'b']);
    expect([...withCells([{ row: 2 }, { row: 3 }], store)]).toEqual([
      { row: 2, cells: ['1', 'a'] },
      { row: 3, cells: ['2', 'b'] },
    ]);
    // Rows and cells that do not pair up are a bug, not something to pass over.
    expect(() => [...withCells([{ row: 2 }], store)]).toThrow('1 quarantined rows but the cells of 2');
  });
});
