/**
 * Reads the dictionary of an SPSS system file: the 176-byte header, then the records up to the dictionary
 * termination record (type 999), after which the case data starts. Records are kept as raw bytes: their text
 * can be decoded only once the encoding record (which comes late) is read, and names are matched byte for
 * byte (SPSS truncates UTF-8 names mid-character in some records). Layout from the PSPP developers' guide,
 * "System File Format".
 */
import type { FileCursor } from './file-cursor.ts';
import { malformed, RESAVE, SavError, truncated } from './sav-error.ts';
import type { SavLimits } from './sav-limits.ts';

export type Compression = 'none' | 'bytecode' | 'zlib';

export interface SavHeader {
  compression: Compression;
  /** Cases the header announces; undefined when it says -1 (unknown). */
  cases: number | undefined;
  /** Added to a compressed byte code to give the number it stands for (100). */
  bias: number;
}

/** One variable record (type 2): a variable, a later segment of a very long string, or a continuation (-1). */
export interface VariableRecord {
  /** 0 numeric, 1–255 string bytes, -1 continuation of the string before it. */
  width: number;
  name: Buffer;
  label: Buffer | undefined;
  /** The missing-value count field: 0–3 discrete, -2 a range, -3 a range and one value. */
  missingCount: number;
  /** The missing values, 8 raw bytes each. */
  missing: Buffer[];
  /** The print format's type code (5 is F, 20 DATE, 22 DATETIME, ...). */
  printType: number;
}

/** A value label record (type 3) with the variables it applies to (type 4), as 0-based slot indexes. */
export interface ValueLabelRecord {
  labels: { value: Buffer; label: Buffer }[];
  slots: number[];
}

export interface SavDictionary {
  header: SavHeader;
  littleEndian: boolean;
  variables: VariableRecord[];
  valueLabels: ValueLabelRecord[];
  /** Extension records (type 7) by subtype, their payloads in file order. */
  extensions: Map<number, Buffer[]>;
  /** Where the case data starts. */
  dataOffset: number;
}

const HEADER_BYTES = 176;

export async function readDictionary(cursor: FileCursor, limits: SavLimits): Promise<SavDictionary> {
  const header = await readHeader(cursor);
  const dictionary: SavDictionary = { header, littleEndian: cursor.littleEndian, variables: [], valueLabels: [], extensions: new Map(), dataOffset: 0 };
  for (;;) {
    if (cursor.position > limits.dictionaryBytes) throw new SavError(`has a dictionary larger than ${size(limits.dictionaryBytes)}, more than any survey needs; ${RESAVE}`);
    const type = await cursor.int32('a record type');
    if (type === 2) {
      dictionary.variables.push(await readVariable(cursor));
      if (dictionary.variables.length > limits.slots) throw new SavError(`has more than ${limits.slots.toLocaleString('en')} variable records, more than SPSS writes; ${RESAVE}`);
    } else if (type === 3) {
      dictionary.valueLabels.push(await readValueLabels(cursor));
    } else if (type === 6) {
      await cursor.skip(80 * nonNegative(await cursor.int32('a document record'), 'document line count'), 'a document record');
    } else if (type === 7) {
      const subtype = await cursor.int32('an extension record');
      const size = nonNegative(await cursor.int32('an extension record'), 'extension record size');
      const count = nonNegative(await cursor.int32('an extension record'), 'extension record count');
      const payload = await cursor.bytes(size * count, `extension record 7.${subtype}`);
      const list = dictionary.extensions.get(subtype) ?? [];
      list.push(payload);
      dictionary.extensions.set(subtype, list);
    } else if (type === 999) {
      await cursor.int32('the dictionary termination record');
      dictionary.dataOffset = cursor.position;
      return dictionary;
    } else {
      throw malformed(`unknown record type ${type} at byte ${cursor.position - 4}`);
    }
  }
}

async function readHeader(cursor: FileCursor): Promise<SavHeader> {
  const start = await cursor.bytes(Math.min(HEADER_BYTES, cursor.size), 'the file header');
  const magic = start.subarray(0, 4).toString('latin1');
  if (magic !== '$FL2' && magic !== '$FL3') throw notSav(await cursor.peek(0, 512), magic);
  if (start.length < HEADER_BYTES) throw new SavError(`ends inside its 176-byte header: the file is truncated or damaged; copy it again, or ${RESAVE}`);
  if (start.readInt32LE(64) === 2 || start.readInt32LE(64) === 3) cursor.littleEndian = true;
  else if (start.readInt32BE(64) === 2 || start.readInt32BE(64) === 3) cursor.littleEndian = false;
  else throw malformed('its header has no valid layout code');
  const int32 = (at: number): number => (cursor.littleEndian ? start.readInt32LE(at) : start.readInt32BE(at));
  const code = int32(72);
  const compression = code === 0 ? 'none' : code === 1 ? 'bytecode' : code === 2 ? 'zlib' : undefined;
  if (compression === undefined) throw new SavError(`uses compression code ${code}, which no SPSS version writes; ${RESAVE}`);
  if ((compression === 'zlib') !== (magic === '$FL3')) throw malformed(`its header says "${magic}" with compression code ${code}`);
  const cases = int32(80);
  const bias = cursor.littleEndian ? start.readDoubleLE(84) : start.readDoubleBE(84);
  return { compression, cases: cases >= 0 ? cases : undefined, bias };
}

/** The message for a file that is not a system file at all, naming what it looks like when that is clear. */
function notSav(start: Buffer, magic: string): SavError {
  if (start.subarray(0, 4).equals(Buffer.from([0x5b, 0xc6, 0xd3, 0xf2]))) {
    return new SavError(`is an EBCDIC (mainframe) SPSS system file, which this reader does not read; ${RESAVE} on a PC`);
  }
  if (start.toString('latin1').includes('SPSSPORT')) {
    return new SavError('is an SPSS portable file (.por), not a system file (.sav); open it in SPSS or PSPP and save it as .sav');
  }
  if (start.length === 0) return new SavError('is empty, not an SPSS .sav file; save the data as .sav from SPSS or PSPP, or export it as CSV');
  const shown = /^[\x20-\x7e]{4}$/.test(magic) ? `"${magic}"` : 'other bytes';
  return new SavError(`is not an SPSS .sav file (it starts with ${shown}, not "$FL2"); save the data as .sav from SPSS or PSPP, or export it as CSV`);
}

async function readVariable(cursor: FileCursor): Promise<VariableRecord> {
  const what = 'a variable record';
  const width = await cursor.int32(what);
  const hasLabel = await cursor.int32(what);
  const missingCount = await cursor.int32(what);
  const printFormat = await cursor.int32(what);
  await cursor.int32(what); // the write format
  const name = await cursor.bytes(8, what);
  if (width < -1 || width > 255) throw malformed(`a variable record has width ${width}`);
  if (hasLabel !== 0 && hasLabel !== 1) throw malformed(`a variable record has label flag ${hasLabel}`);
  let label: Buffer | undefined;
  if (hasLabel === 1) {
    const length = nonNegative(await cursor.int32('a variable label'), 'variable label length');
    label = await cursor.bytes(length, 'a variable label');
    await cursor.skip((4 - (length % 4)) % 4, 'a variable label');
  }
  if (![0, 1, 2, 3, -2, -3].includes(missingCount)) throw malformed(`a variable record has missing-value count ${missingCount}`);
  const missing: Buffer[] = [];
  for (let i = 0; i < Math.abs(missingCount); i++) missing.push(await cursor.bytes(8, 'missing values'));
  return { width, name, label, missingCount, missing, printType: (printFormat >>> 16) & 0xff };
}

async function readValueLabels(cursor: FileCursor): Promise<ValueLabelRecord> {
  const count = nonNegative(await cursor.int32('a value label record'), 'value label count');
  // Each label takes at least 16 bytes: refuse a count the file cannot hold before looping on it.
  if (count * 16 > cursor.remaining) throw truncated('a value label record');
  const labels: ValueLabelRecord['labels'] = [];
  for (let i = 0; i < count; i++) {
    const value = await cursor.bytes(8, 'a value label');
    const length = (await cursor.bytes(1, 'a value label'))[0] ?? 0;
    const label = await cursor.bytes(length, 'a value label');
    await cursor.skip((8 - ((length + 1) % 8)) % 8, 'a value label');
    labels.push({ value, label });
  }
  if ((await cursor.int32('a value label record')) !== 4) throw malformed('a value label record is not followed by its list of variables');
  const variables = nonNegative(await cursor.int32('a value label variable list'), 'value label variable count');
  const list = await cursor.bytes(4 * variables, 'a value label variable list');
  const slots = Array.from({ length: variables }, (_, i) => (cursor.littleEndian ? list.readInt32LE(4 * i) : list.readInt32BE(4 * i)) - 1);
  return { labels, slots };
}

function size(bytes: number): string {
  return bytes >= 1 << 20 ? `${bytes >> 20} MiB` : `${bytes} bytes`;
}

function nonNegative(value: number, what: string): number {
  if (value < 0) throw malformed(`${what} is ${value}`);
  return value;
}
