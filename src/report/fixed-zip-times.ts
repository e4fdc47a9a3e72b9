/**
 * A zip archive (an `.xlsx` workbook) with every part's modification time set to one fixed date, so the same
 * workbook is the same bytes whenever it is written (the zip writer stamps parts with the clock). Returns a
 * patched copy; a buffer that is not a zip the reader understands is returned unchanged.
 */
import { endOfCentralDirectory } from '../ingest/zip-directory.ts';

const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** 1980-01-01 00:00:00, the zip format's first day, in MS-DOS date and time fields. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

export function fixedZipTimes(zip: Uint8Array): Uint8Array {
  const out = Buffer.from(zip);
  const eocd = endOfCentralDirectory(out);
  if (eocd < 0) return zip;
  const count = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < count && at + 46 <= out.length && out.readUInt32LE(at) === CENTRAL; i++) {
    out.writeUInt16LE(DOS_TIME, at + 12);
    out.writeUInt16LE(DOS_DATE, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (local + 30 <= out.length && out.readUInt32LE(local) === LOCAL) {
      out.writeUInt16LE(DOS_TIME, local + 10);
      out.writeUInt16LE(DOS_DATE, local + 12);
    }
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return new Uint8Array(out);
}
