/**
 * Builds small SPSS system files byte by byte (uncompressed; little-endian unless told), for tests that need
 * a record no writer at hand produces: a count claiming billions, a width past the maximum, big-endian
 * numbers. Layouts from the PSPP developers' guide, "System File Format".
 */

export type ByteOrder = 'LE' | 'BE';

export function int32s(...values: number[]): Buffer {
  return int32sIn('LE', ...values);
}

export function int32sIn(order: ByteOrder, ...values: number[]): Buffer {
  const bytes = Buffer.alloc(4 * values.length);
  values.forEach((value, i) => (order === 'LE' ? bytes.writeInt32LE(value, 4 * i) : bytes.writeInt32BE(value, 4 * i)));
  return bytes;
}

export function doubles(...values: number[]): Buffer {
  return doublesIn('LE', ...values);
}

export function doublesIn(order: ByteOrder, ...values: number[]): Buffer {
  const bytes = Buffer.alloc(8 * values.length);
  values.forEach((value, i) => (order === 'LE' ? bytes.writeDoubleLE(value, 8 * i) : bytes.writeDoubleBE(value, 8 * i)));
  return bytes;
}

/** The 176-byte file header: uncompressed unless told, `cases` announced. */
export function header(cases: number, compression = 0, order: ByteOrder = 'LE'): Buffer {
  const bytes = Buffer.alloc(176, 0x20);
  bytes.write('$FL2@(#) SPSS DATA FILE test', 0, 'latin1');
  int32sIn(order, 2, -1, compression, 0, cases).copy(bytes, 64);
  doublesIn(order, 100).copy(bytes, 84);
  return bytes;
}

/** A variable record (type 2): numeric (width 0, format F8.2) or string (its continuation records added). */
export function variable(name: string, width = 0, order: ByteOrder = 'LE'): Buffer {
  const format = width === 0 ? 0x050802 : 0x010000 | (width << 8);
  const record = Buffer.concat([int32sIn(order, 2, width, 0, 0, format, format), Buffer.from(name.padEnd(8), 'latin1')]);
  const continuations = width === 0 ? 0 : Math.ceil(width / 8) - 1;
  const continuation = Buffer.concat([int32sIn(order, 2, -1, 0, 0, 0, 0), Buffer.alloc(8, 0x20)]);
  return Buffer.concat([record, ...Array.from({ length: continuations }, () => continuation)]);
}

/** An extension record (type 7) holding `payload` as `count` items of `size` bytes. */
export function extension(subtype: number, payload: Buffer, size = 1): Buffer {
  return Buffer.concat([int32s(7, subtype, size, payload.length / size), payload]);
}

/** The dictionary termination record. */
export const END = int32s(999, 0);
