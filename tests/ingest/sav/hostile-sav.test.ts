/**
 * Bad `.sav` input is refused in one line naming the file (a UserError), never a stack trace, a hang or an
 * allocation sized by a number in the file: not a system file at all, cut short anywhere, a record claiming
 * billions of items, compression no SPSS writes, and random damage to real fixtures.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readSav } from '../../../src/ingest/read-sav.ts';
import { SAV_LIMITS } from '../../../src/ingest/sav/sav-limits.ts';
import { UserError } from '../../../src/util/user-error.ts';
import { doubles, doublesIn, END, extension, header, int32s, int32sIn, variable } from './sav-bytes.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-sav-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const fixture = (name: string): string => new URL(`../../fixtures/spss/${name}`, import.meta.url).pathname;

let written = 0;
function file(bytes: Buffer, name = `case-${written++}.sav`): string {
  const target = path.join(work, name);
  writeFileSync(target, bytes);
  return target;
}

/** Reads the dictionary and every row; the rows, or the error it threw. */
async function outcome(target: string, limits = SAV_LIMITS): Promise<string[][] | unknown> {
  try {
    const sav = await readSav(target, limits);
    const rows: string[][] = [];
    for await (const row of sav.rows()) rows.push(row);
    return rows;
  } catch (error) {
    return error;
  }
}

/** The message of the UserError reading `target` throws (failing the test on anything else). */
async function refusal(target: string, limits = SAV_LIMITS): Promise<string> {
  const result = await outcome(target, limits);
  expect(result).toBeInstanceOf(UserError);
  const message = (result as UserError).message;
  expect(message.startsWith(`${target}: `)).toBe(true);
  expect(message).not.toContain('\n');
  return message.slice(target.length + 2);
}

/** A fixture's bytes with int32s written over them at `offset`. */
function patched(name: string, offset: number, ...values: number[]): Buffer {
  const bytes = readFileSync(fixture(name));
  int32s(...values).copy(bytes, offset);
  return bytes;
}

describe('the built test file', () => {
  it('reads back as built, so the refusals below are about what was changed', async () => {
    const bytes = Buffer.concat([header(2), variable('X'), variable('S', 3), END, doubles(1.5), Buffer.from('ab      '), doubles(-2), Buffer.from('c       ')]);
    expect(await outcome(file(bytes))).toEqual([['1.5', 'ab'], ['-2', 'c']]);
  });

  it('reads the same file written big-endian (the layout code in the header tells the byte order)', async () => {
    const records = [header(2, 0, 'BE'), variable('X', 0, 'BE'), variable('S', 3, 'BE'), int32sIn('BE', 999, 0)];
    const data = [doublesIn('BE', 1.5), Buffer.from('ab      '), doublesIn('BE', -2), Buffer.from('c       ')];
    expect(await outcome(file(Buffer.concat([...records, ...data])))).toEqual([['1.5', 'ab'], ['-2', 'c']]);
  });
});

describe('readSav refuses what is not a system file', () => {
  it.each([
    ['a CSV file', Buffer.from('id,name\n1,a\n'), 'is not an SPSS .sav file (it starts with "id,n", not "$FL2"); save the data as .sav from SPSS or PSPP, or export it as CSV'],
    ['an empty file', Buffer.alloc(0), 'is empty, not an SPSS .sav file; save the data as .sav from SPSS or PSPP, or export it as CSV'],
    ['an SPSS portable file', Buffer.concat([Buffer.alloc(456, 0x30), Buffer.from('SPSSPORTA8/')]), 'is an SPSS portable file (.por), not a system file (.sav); open it in SPSS or PSPP and save it as .sav'],
  ])('%s', async (_, bytes, message) => {
    expect(await refusal(file(bytes))).toBe(message);
  });

  it('a missing file, and a folder', async () => {
    expect(await refusal(path.join(work, 'absent.sav'))).toBe('cannot be opened (ENOENT); check the path');
    expect(await refusal(work)).toBe('cannot be read (EISDIR); check the file');
  });
});

describe('readSav refuses a damaged system file', () => {
  it('cut anywhere at all (every prefix of survey-gbk.sav)', async () => {
    const whole = readFileSync(fixture('survey-gbk.sav'));
    for (let length = 0; length < whole.length; length++) {
      const result = await outcome(file(whole.subarray(0, length), 'cut.sav'));
      if (!(result instanceof UserError)) throw new Error(`cut at ${length} bytes gave ${String(result)}`);
    }
  });

  it('cut inside the header, the dictionary and the data, each said so', async () => {
    const whole = readFileSync(fixture('survey-utf8.sav'));
    expect(await refusal(file(whole.subarray(0, 100)))).toMatch(/^ends inside its 176-byte header: the file is truncated or damaged/);
    expect(await refusal(file(whole.subarray(0, 1000)))).toMatch(/^ends in the middle of .+: the file is truncated or damaged; copy it again, or re-save it from SPSS or PSPP as .sav$/);
    expect(await refusal(file(whole.subarray(0, whole.length - 50)))).toMatch(/^(ends in the middle of case \d|holds \d cases where its header announces 8)/);
  });

  it('a compression code no SPSS writes, and a layout code that is neither byte order', async () => {
    expect(await refusal(file(patched('survey-utf8.sav', 72, 3)))).toBe('uses compression code 3, which no SPSS version writes; re-save it from SPSS or PSPP as .sav');
    expect(await refusal(file(patched('survey-utf8.sav', 64, 7)))).toBe('is not a valid SPSS system file (its header has no valid layout code); re-save it from SPSS or PSPP as .sav');
  });

  it('an unknown record type', async () => {
    expect(await refusal(file(patched('survey-gbk.sav', 176, 5)))).toBe('is not a valid SPSS system file (unknown record type 5 at byte 176); re-save it from SPSS or PSPP as .sav');
  });

  it('fewer cases than the header announces', async () => {
    expect(await refusal(file(patched('survey-gbk.sav', 80, 1_000_000_000)))).toBe(
      'holds 4 cases where its header announces 1000000000: the file is truncated; copy it again, or re-save it from SPSS or PSPP as .sav',
    );
  });

  it('a .zsav block that does not inflate', async () => {
    const bytes = readFileSync(fixture('survey-utf8.zsav'));
    // The one block's index entry is the file's last 24 bytes: compressed offset, then sizes.
    const compressedOffset = Number(bytes.readBigInt64LE(bytes.length - 16));
    bytes.fill(0xff, compressedOffset, compressedOffset + 16);
    expect(await refusal(file(bytes))).toMatch(/^is not a valid SPSS system file \(its \.zsav block 1 does not inflate to the \d+ bytes its index gives\)/);
  });
});

describe('readSav allocates nothing a number in the file asks for', () => {
  const start = (): Buffer => Buffer.concat([header(1), variable('X')]);

  it.each([
    ['a value label record of 2^31 - 1 labels', int32s(3, 0x7fffffff), 'a value label record'],
    ['a document of a billion lines', int32s(6, 1_000_000_000), 'a document record'],
    ['an extension record of 4 GiB', int32s(7, 99, 1 << 30, 4), 'extension record 7.99'],
    ['a variable label of 2 GiB', Buffer.concat([int32s(2, 0, 1, 0, 0x050800, 0x050800), Buffer.from('Y       '), int32s(0x7fffffff)]), 'a variable label'],
  ])('%s', async (_, record, what) => {
    expect(await refusal(file(Buffer.concat([start(), record, END, doubles(1)])))).toBe(
      `ends in the middle of ${what}: the file is truncated or damaged; copy it again, or re-save it from SPSS or PSPP as .sav`,
    );
  });

  it('a header claiming a billion variables is ignored: the variable records are counted', async () => {
    expect(await outcome(file(patched('survey-gbk.sav', 68, 1_000_000_000)))).toHaveLength(4);
  });

  it('a very long string wider than SPSS allows', async () => {
    const veryLong = extension(14, Buffer.from('S=999999999\0\t', 'latin1'));
    expect(await refusal(file(Buffer.concat([header(0), variable('S', 255), veryLong, END])))).toBe(
      'is not a valid SPSS system file (a very long string is declared 999999999 bytes wide); re-save it from SPSS or PSPP as .sav',
    );
  });

  it('past the limits on variables, dictionary size and .zsav blocks', async () => {
    expect(await refusal(fixture('survey-utf8.sav'), { ...SAV_LIMITS, slots: 3 })).toBe('has more than 3 variable records, more than SPSS writes; re-save it from SPSS or PSPP as .sav');
    expect(await refusal(fixture('survey-utf8.sav'), { ...SAV_LIMITS, dictionaryBytes: 1 << 10 })).toBe('has a dictionary larger than 1024 bytes, more than any survey needs; re-save it from SPSS or PSPP as .sav');
    expect(await refusal(fixture('survey-utf8.zsav'), { ...SAV_LIMITS, zsavBlockBytes: 100 })).toMatch(/^is not a valid SPSS system file \(its \.zsav block 1 claims \d+ bytes\)/);
  });
});

describe('readSav on randomly damaged fixtures', () => {
  it.each(['survey-utf8.sav', 'survey-utf8.zsav', 'survey-gbk.sav', 'testdata.sav'])('%s: reads or refuses with a UserError, whatever bytes change', async (name) => {
    const original = readFileSync(fixture(name));
    const target = path.join(work, `fuzz-${name}`);
    copyFileSync(fixture(name), target);
    const edit = fc.record({ at: fc.nat({ max: original.length - 1 }), byte: fc.integer({ min: 0, max: 255 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
        const bytes = Buffer.from(original);
        for (const { at, byte } of edits) bytes[at] = byte;
        writeFileSync(target, bytes);
        const result = await outcome(target);
        return Array.isArray(result) || result instanceof UserError;
      }),
      { numRuns: 300, seed: 20_240_315 },
    );
  });
});
