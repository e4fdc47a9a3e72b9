/**
 * validation.json in pieces: the pieces joined are byte for byte what `JSON.stringify(value, null, 2)` and a
 * newline write (the oracle is JSON.stringify itself), and a long array comes one element a piece.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../src/report/json-chunks.ts';

describe('jsonChunks', () => {
  it('writes what JSON.stringify(value, null, 2) writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect([...jsonChunks(value)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out undefined properties and writes undefined array elements as null, as JSON.stringify does', () => {
    const value = { a: undefined, b: [undefined, 1, { c: undefined, d: '行\n"' }], e: {}, f: [], g: [[]] };
    expect([...jsonChunks(value)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('gives a long array of a validation summary one piece per element', () => {
    const summary = { schemaVersion: 1, rejections: Array.from({ length: 1000 }, (_, row) => ({ row, reasons: [{ rule: 'speeder', message: 'answered in 27s' }] })) };
    const pieces = [...jsonChunks(summary)];
    expect(pieces.length).toBeGreaterThan(1000);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(200);
    expect(pieces.join('')).toBe(`${JSON.stringify(summary, null, 2)}\n`);
  });
});
