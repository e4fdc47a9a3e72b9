/**
 * Reads the payloads of the extension records (type 7) the reader uses, each a pure function of the bytes:
 * machine integer info (7.3: the code page), machine floating-point info (7.4: the system-missing value),
 * variable display parameters (7.11: measurement levels), long variable names (7.13), very long strings
 * (7.14), the character encoding (7.20), and value labels (7.21) and missing values (7.22) of strings
 * wider than 8 bytes. Layouts from the PSPP developers' guide, "System File Format".
 */
import { malformed } from './sav-error.ts';

/** The code page of 7.3 (its eighth integer): 65001 UTF-8, 936 GBK, 1252 Western, 2 or 3 ASCII... */
export function characterCode(payload: Buffer | undefined, littleEndian: boolean): number | undefined {
  if (payload === undefined || payload.length < 32) return undefined;
  return littleEndian ? payload.readInt32LE(28) : payload.readInt32BE(28);
}

export interface FloatInfo {
  sysmis: number;
  highest: number;
  lowest: number;
}

/** SPSS's defaults: system-missing is -DBL_MAX, HIGHEST is DBL_MAX, LOWEST the double just above -DBL_MAX. */
export const DEFAULT_FLOAT_INFO: FloatInfo = {
  sysmis: -Number.MAX_VALUE,
  highest: Number.MAX_VALUE,
  lowest: Buffer.from('feffffffffffefff', 'hex').readDoubleLE(0),
};

export function floatInfo(payload: Buffer | undefined, littleEndian: boolean): FloatInfo {
  if (payload === undefined || payload.length < 24) return DEFAULT_FLOAT_INFO;
  const at = (offset: number): number => (littleEndian ? payload.readDoubleLE(offset) : payload.readDoubleBE(offset));
  return { sysmis: at(0), highest: at(8), lowest: at(16) };
}

/** The 32-bit integers of a record (7.11). */
export function int32s(payload: Buffer, littleEndian: boolean): number[] {
  return Array.from({ length: Math.floor(payload.length / 4) }, (_, i) => (littleEndian ? payload.readInt32LE(4 * i) : payload.readInt32BE(4 * i)));
}

/** `KEY=VALUE` pairs separated by tabs (7.13, 7.14: the values of 7.14 end with a NUL), as raw bytes. */
export function keyValues(payload: Buffer): { key: Buffer; value: Buffer }[] {
  const pairs: { key: Buffer; value: Buffer }[] = [];
  let start = 0;
  while (start < payload.length) {
    let end = payload.indexOf(0x09, start);
    if (end < 0) end = payload.length;
    const entry = stripNuls(payload.subarray(start, end));
    const equals = entry.indexOf(0x3d);
    if (equals > 0) pairs.push({ key: entry.subarray(0, equals), value: entry.subarray(equals + 1) });
    start = end + 1;
  }
  return pairs;
}

function stripNuls(bytes: Buffer): Buffer {
  let start = 0;
  let end = bytes.length;
  while (start < end && bytes[start] === 0) start++;
  while (end > start && bytes[end - 1] === 0) end--;
  return bytes.subarray(start, end);
}

/** Walks a payload of length-prefixed fields, refusing to read past its end. */
function fields(payload: Buffer, littleEndian: boolean, what: string) {
  let at = 0;
  const need = (count: number): void => {
    if (count < 0 || at + count > payload.length) throw malformed(`its ${what} record overruns itself`);
  };
  return {
    get done(): boolean {
      return at >= payload.length;
    },
    int32(): number {
      need(4);
      const value = littleEndian ? payload.readInt32LE(at) : payload.readInt32BE(at);
      at += 4;
      return value;
    },
    byte(): number {
      need(1);
      return payload[at++] ?? 0;
    },
    bytes(count: number): Buffer {
      need(count);
      at += count;
      return payload.subarray(at - count, at);
    },
  };
}

export interface LongStringLabels {
  name: Buffer;
  labels: { value: Buffer; label: Buffer }[];
}

/** 7.21: per variable, its (long) name, width, and labels, each a length-prefixed value and label. */
export function longStringLabels(payload: Buffer, littleEndian: boolean): LongStringLabels[] {
  const read = fields(payload, littleEndian, 'long string value label');
  const result: LongStringLabels[] = [];
  while (!read.done) {
    const name = read.bytes(read.int32());
    read.int32(); // the variable's width
    const count = read.int32();
    if (count < 0 || count * 8 > payload.length) throw malformed('its long string value label record has a bad label count');
    const labels: LongStringLabels['labels'] = [];
    for (let i = 0; i < count; i++) {
      const value = read.bytes(read.int32());
      labels.push({ value, label: read.bytes(read.int32()) });
    }
    result.push({ name, labels });
  }
  return result;
}

export interface LongStringMissing {
  name: Buffer;
  values: Buffer[];
}

/** 7.22: per variable, its (long) name, a one-byte count (1–3), one value length, then the values. */
export function longStringMissing(payload: Buffer, littleEndian: boolean): LongStringMissing[] {
  const read = fields(payload, littleEndian, 'long string missing value');
  const result: LongStringMissing[] = [];
  while (!read.done) {
    const name = read.bytes(read.int32());
    const count = read.byte();
    const length = read.int32();
    const values = Array.from({ length: count }, () => read.bytes(length));
    result.push({ name, values });
  }
  return result;
}
