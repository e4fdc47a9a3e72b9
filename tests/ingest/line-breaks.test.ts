/**
 * Line breaks between rows, whatever their style: CRLF, LF, a lone CR and mixes of them all end rows, every
 * row is counted with the number a spreadsheet shows, and line breaks inside quoted cells stay as written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { lineBreaks } from '../../src/ingest/line-breaks.ts';
import type { Response } from '../../src/model/response.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

function ingest(text: string) {
  const parsed = parseCodebook(`id: t
title: T
source: { file: r.csv, format: generic }
questions:
  - { id: plan, column: plan, type: single, options: [A, B, C] }
  - { id: nps, column: nps, type: nps }
  - { id: note, column: note, type: text }
`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const responses: Response[] = [];
  const result = ingestText(parsed.value, text, surveyFold(parsed.value), { file: 'r.csv', onAccepted: (r) => responses.push(r) });
  return { ...result, responses };
}

describe('line breaks', () => {
  it('read CRLF, lone CR and LF mixed in one export as six rows, numbered as a spreadsheet numbers them', () => {
    const result = ingest('plan,nps,note\r\nA,9,x\r\nB,7,y\rC,10,z\nA,0,w\r\nB,8,v\rC,9,u\n');
    expect(result.rowsRead).toBe(6);
    expect(result.quarantined).toEqual([]);
    expect(result.responses.map((r) => [r.row, r.answers[1]])).toEqual([
      [2, 9],
      [3, 7],
      [4, 10],
      [5, 0],
      [6, 8],
      [7, 9],
    ]);
  });

  it('keep line breaks inside quoted cells as written, CRLF and lone CR included', () => {
    const result = ingest('plan,nps,note\r\nA,9,"one\r\ntwo"\nB,7,"three\rfour"\rC,8,"five""\nsix"\r\n');
    expect(result.responses.map((r) => r.answers[2])).toEqual(['one\r\ntwo', 'three\rfour', 'five"\nsix']);
  });

  it('give the same text chunk by chunk as at once, wherever the chunks are cut (a CRLF or a doubled quote split)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', 'b'), maxLength: 60 });
    fc.assert(
      fc.property(text, fc.array(fc.nat(60), { maxLength: 6 }), (input, cuts) => {
        const at = [...new Set(cuts.map((c) => Math.min(c, input.length)))].sort((a, b) => a - b);
        const pieces = [0, ...at].map((start, i) => input.slice(start, at[i] ?? input.length));
        const chunked = lineBreaks(',');
        expect(pieces.map(chunked).join('')).toBe(lineBreaks(',')(input));
      }),
      { numRuns: 3000 },
    );
  });

  it('change nothing but line breaks outside quotes: without quotes, every CRLF and lone CR becomes LF', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '\r', '\n', '1'), maxLength: 80 }), (input) => {
        expect(lineBreaks(',')(input)).toBe(input.replace(/\r\n?/g, '\n'));
      }),
      { numRuns: 2000 },
    );
  });
});
