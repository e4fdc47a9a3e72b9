/** Hostile CSV files: each gives a clear one-line error or quarantined rows, never a crash or garbage. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { ingestFile } from '../../src/ingest/ingest-file.ts';
import { cellRows } from '../../src/ingest/quarantine-cells.ts';
import { UserError } from '../../src/util/user-error.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const parsed = parseCodebook(`id: t
title: T
source: { file: r.csv, format: generic }
questions:
  - { id: choice, column: choice, type: single, options: [yes, no] }
  - { id: note, column: note, type: text }
`);
if (!parsed.ok) throw new Error('codebook');
const codebook: Codebook = parsed.value;

function file(name: string, content: string | Uint8Array): string {
  const target = path.join(work, name);
  writeFileSync(target, content);
  return target;
}

async function failure(target: string): Promise<string> {
  const error: unknown = await ingestFile(codebook, target, surveyFold(codebook)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

describe('hostile CSV', () => {
  it('an empty file is one clear error', async () => {
    expect(await failure(file('empty.csv', ''))).toBe(`${path.join(work, 'empty.csv')}: is empty: no header row and no responses`);
  });

  it('a header-only file reads 0 rows', async () => {
    const result = await ingestFile(codebook, file('header.csv', 'choice,note\n'), surveyFold(codebook));
    expect(result).toMatchObject({ rowsRead: 0, quarantined: [] });
  });

  it('an unbalanced quote is one error naming the row', async () => {
    expect(await failure(file('quote.csv', 'choice,note\nyes,ok\nno,"unclosed\nyes,fine\n'))).toMatch(/quote\.csv:3: a quoted cell is never closed/);
  });

  it('ragged rows are quarantined, the others accepted', async () => {
    const result = await ingestFile(codebook, file('ragged.csv', 'choice,note\nyes\nno,b,extra\nyes,c\n'), surveyFold(codebook));
    expect(result.rowsRead).toBe(3);
    expect(result.accepted).toBe(1);
    expect(result.quarantined.map((q) => [q.row, q.reasons[0]?.rule])).toEqual([
      [2, 'ragged-row'],
      [3, 'ragged-row'],
    ]);
  });

  it('a duplicated header name used by a question is one error naming both columns', async () => {
    expect(await failure(file('dup.csv', 'choice,choice,note\nyes,no,x\n'))).toMatch(/the header has 2 columns named `choice` \(columns 1, 2\); rename one in the export/);
  });

  it('NUL bytes in cells are data: a NUL choice is quarantined, a NUL in free text kept', async () => {
    const result = await ingestFile(codebook, file('nul.csv', 'choice,note\n\0,a\nyes,b\0c\n'), surveyFold(codebook));
    expect(result.accepted).toBe(1);
    expect(result.quarantined[0]?.reasons[0]).toMatchObject({ rule: 'invalid-option', value: '\0' });
  });

  it('a 10 MB field is read whole, and quoted in reasons only in part', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const result = await ingestFile(codebook, file('big.csv', `choice,note\nyes,"${big}"\n${big},short\n`), surveyFold(codebook));
    expect(result.rowsRead).toBe(2);
    expect(result.accepted).toBe(1);
    expect([...cellRows(result.quarantinedCells)][0]?.[0]).toHaveLength(10 * 1024 * 1024);
    expect(result.quarantined[0]?.reasons[0]?.value).toHaveLength(201);
  });

  it('invalid UTF-8 declared as UTF-8 names the encoding it looks like', async () => {
    const declared = { ...codebook, source: { ...codebook.source, encoding: 'utf-8' as const } };
    const target = file('gbk.csv', iconv.encode('choice,note\nyes,中文备注\n', 'gbk'));
    await expect(ingestFile(declared, target, surveyFold(declared))).rejects.toThrow('is not valid utf-8; it looks like gb18030: set `source.encoding: gbk` or `auto`');
  });

  it('bytes that are no text at all are one clear error', async () => {
    const bytes = Uint8Array.from({ length: 2000 }, (_, i) => [0x81, 0xff, 0xfe, 0x80][i % 4] ?? 0);
    expect(await failure(file('binary.csv', bytes))).toMatch(/is neither UTF-8 nor GBK\/GB18030 text/);
  });

  it('a file cut mid-row keeps its whole rows and quarantines the cut one', async () => {
    const result = await ingestFile(codebook, file('cut.csv', 'choice,note\nyes,a\nno,b\nyes'), surveyFold(codebook));
    expect(result.rowsRead).toBe(3);
    expect(result.accepted).toBe(2);
    expect(result.quarantined.map((q) => [q.row, q.reasons[0]?.rule])).toEqual([[4, 'ragged-row']]);
  });

  it('a GBK or UTF-8 file cut inside a character is one error saying it is truncated', async () => {
    const gbk = iconv.encode('choice,note\nyes,中文\n', 'gbk');
    expect(await failure(file('cut-gbk.csv', gbk.subarray(0, gbk.length - 2)))).toBe(
      `${path.join(work, 'cut-gbk.csv')}: is GBK/GB18030 text cut off inside its last character: the file is truncated; export or copy it again`,
    );
    const utf8 = Buffer.from('choice,note\nyes,中文', 'utf8');
    expect(await failure(file('cut-utf8.csv', utf8.subarray(0, utf8.length - 1)))).toMatch(/cut-utf8\.csv: is UTF-8 text cut off inside its last character/);
    // 研究 is E7 A0 94 E7 A9 B6; cut after E7 A0 94 E7, the file decodes as GB18030 (two pairs), yet it is UTF-8 cut short.
    const both = Buffer.from('choice,note\nyes,研究', 'utf8');
    expect(await failure(file('cut-utf8-b.csv', both.subarray(0, both.length - 2)))).toMatch(/is UTF-8 text cut off inside its last character/);
  });

  it('UTF-16 without a byte-order mark is recognised, not read as NUL-riddled text', async () => {
    expect(await failure(file('utf16.csv', iconv.encode('choice,note\nyes,a\n', 'utf-16le')))).toMatch(/looks like UTF-16 text without a byte-order mark/);
  });
});

describe('huge cells in every kind of column', () => {
  // A regex that backtracks through such a cell takes hours; the test timeout is what catches that.
  it('are judged without catastrophic backtracking: 2 MB cells in numeric, choice, duration and metadata columns', async () => {
    const numeric = parseCodebook(`id: t
title: T
source: { file: r.csv, format: generic }
respondent: { id: rid, duration: secs }
quality: { minDurationSeconds: 1 }
questions:
  - { id: n, column: n, type: numeric }
  - { id: s, column: s, type: single, options: [a, b] }
`);
    if (!numeric.ok) throw new Error('codebook');
    const digits = `${'1'.repeat(2_000_000)}x`;
    const letters = `${'a'.repeat(2_000_000)}〖`;
    const nearMail = `${'x'.repeat(2_000_000)}@`;
    const target = file('huge.csv', `rid,secs,n,s\n${nearMail},${digits},${digits},${letters}\n`);
    const result = await ingestFile(numeric.value, target, surveyFold(numeric.value));
    expect(result.quarantined[0]?.reasons.map((r) => r.rule)).toEqual(['invalid-number', 'invalid-option', 'invalid-duration']);
  });
});
