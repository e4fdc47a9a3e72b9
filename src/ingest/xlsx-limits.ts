/**
 * Bounds on what an `.xlsx` export may ask of the reader, checked before it is unpacked and while it is read,
 * so a workbook built to exhaust memory (a "zip bomb": a few megabytes that unpack to gigabytes, or millions
 * of shared strings) is refused with a message rather than crash the process. The zip's central directory
 * (its table of contents, at the end of the file) gives every part's packed and unpacked size.
 */
import { open } from 'node:fs/promises';
import { UserError } from '../util/user-error.ts';

export interface XlsxLimits {
  /** Parts in the zip. */
  entries: number;
  /** Unpacked bytes of one part, and of all. */
  entryBytes: number;
  totalBytes: number;
  /** Unpacked / packed bytes of a part larger than `ratioFloor`. */
  ratio: number;
  ratioFloor: number;
  /** Distinct strings in the workbook's shared-string table. */
  sharedStrings: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  entries: 10_000,
  entryBytes: 1 << 30,
  totalBytes: 2 ** 31,
  ratio: 200,
  ratioFloor: 10 << 20,
  sharedStrings: 5_000_000,
};

interface ZipEntry {
  name: string;
  packed: number;
  unpacked: number;
}

/** Refuses a workbook whose parts are too many, too large or too compressed (a UserError naming the file). */
export async function checkXlsxContainer(file: string, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  const entries = await zipEntries(file);
  if (entries === undefined) throw new UserError(file, 'cannot be read as an .xlsx workbook (it is not a zip archive); re-export it, or save it as CSV');
  if (entries.length > limits.entries) throw new UserError(file, `holds ${entries.length} parts, more than the ${limits.entries} a workbook is allowed; re-export it, or save it as CSV`);
  let total = 0;
  for (const entry of entries) {
    total += entry.unpacked;
    const ratio = entry.packed > 0 ? entry.unpacked / entry.packed : Number.POSITIVE_INFINITY;
    const tooLarge = entry.unpacked > limits.entryBytes || total > limits.totalBytes;
    const tooCompressed = entry.unpacked > limits.ratioFloor && ratio > limits.ratio;
    if (tooLarge || tooCompressed) {
      const what = `its part ${entry.name} unpacks to ${mib(entry.unpacked)} from ${mib(entry.packed)}`;
      const limit = tooLarge ? `parts are limited to ${mib(limits.entryBytes)} (${mib(limits.totalBytes)} in all)` : `a part over ${mib(limits.ratioFloor)} may be at most ${limits.ratio} times its packed size`;
      throw new UserError(file, `${what}: ${limit}, so the workbook is refused; save the sheet as CSV instead`);
    }
  }
}

function mib(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const MAX_COMMENT = 0xffff;

/** The zip's parts as its central directory lists them; undefined when the file is not a zip. */
async function zipEntries(file: string): Promise<ZipEntry[] | undefined> {
  const handle = await open(file);
  try {
    const size = (await handle.stat()).size;
    const tailLength = Math.min(size, 22 + MAX_COMMENT + 20);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let at = tailLength - 22; at >= 0; at--) {
      if (tail.readUInt32LE(at) === EOCD) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) return undefined;
    let count = tail.readUInt16LE(eocd + 10);
    let directorySize = tail.readUInt32LE(eocd + 12);
    let directoryOffset = tail.readUInt32LE(eocd + 16);
    if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
      const record = Buffer.alloc(56);
      await handle.read(record, 0, 56, Number(tail.readBigUInt64LE(eocd - 12)));
      if (record.readUInt32LE(0) !== ZIP64_EOCD) return undefined;
      count = Number(record.readBigUInt64LE(32));
      directorySize = Number(record.readBigUInt64LE(40));
      directoryOffset = Number(record.readBigUInt64LE(48));
    }
    if (directoryOffset + directorySize > size || directorySize > 256 << 20) return undefined;
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    const entries: ZipEntry[] = [];
    let at = 0;
    while (entries.length < count && at + 46 <= directory.length && directory.readUInt32LE(at) === CENTRAL) {
      let packed = directory.readUInt32LE(at + 20);
      let unpacked = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      // ZIP64: sizes that do not fit 32 bits are in the extra field 0x0001 (unpacked first, then packed).
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd && extra + 4 <= directory.length) {
        const id = directory.readUInt16LE(extra);
        const length = directory.readUInt16LE(extra + 2);
        if (id === 0x0001) {
          let field = extra + 4;
          if (unpacked === 0xffffffff && field + 8 <= directory.length) {
            unpacked = Number(directory.readBigUInt64LE(field));
            field += 8;
          }
          if (packed === 0xffffffff && field + 8 <= directory.length) packed = Number(directory.readBigUInt64LE(field));
        }
        extra += 4 + length;
      }
      entries.push({ name, packed, unpacked });
      at = extraEnd + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}
