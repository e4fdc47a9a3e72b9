/**
 * The parts of a zip archive by name, read with node's zlib and the zip format's central directory: a reader
 * of its own, so what a writer (pptxgenjs, JSZip, exceljs) wrote is checked by code that is not the writer's.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipPart {
  data: Buffer;
  /** MS-DOS date and time fields of the central directory entry. */
  dosDate: number;
  dosTime: number;
}

export function readZip(zip: Buffer): Map<string, ZipPart> {
  let eocd = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65535); at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const parts = new Map<string, ZipPart>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const [dosTime, dosDate] = [zip.readUInt16LE(at + 12), zip.readUInt16LE(at + 14)];
    const [compressedSize, size] = [zip.readUInt32LE(at + 20), zip.readUInt32LE(at + 24)];
    const [nameLength, extraLength, commentLength] = [zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32)];
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const compressed = zip.subarray(start, start + compressedSize);
    const data = method === 0 ? Buffer.from(compressed) : method === 8 ? inflateRawSync(compressed) : undefined;
    if (data === undefined) throw new Error(`${name}: compression method ${method} not read here`);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, the directory says ${size}`);
    parts.set(name, { data, dosDate, dosTime });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}
