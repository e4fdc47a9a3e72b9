/**
 * The table of contents of a zip archive (an `.xlsx` workbook is one): its central directory, at the end of
 * the file, lists every part with its compression, packed and unpacked size and where its data starts, so
 * a part can be checked before it is unpacked and read on its own, in any order.
 */
import { open } from 'node:fs/promises';

export interface ZipPart {
  name: string;
  /** 0 stored, 8 deflated (the two an .xlsx uses). */
  method: number;
  packed: number;
  unpacked: number;
  /** Where the part's local header starts in the file. */
  offset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const MAX_COMMENT = 0xffff;

/** Where the end-of-central-directory record starts in the last bytes of a zip (searched from the end past a comment); −1 when there is none. */
export function endOfCentralDirectory(tail: Buffer): number {
  const stop = Math.max(0, tail.length - 22 - MAX_COMMENT);
  for (let at = tail.length - 22; at >= stop; at--) if (tail.readUInt32LE(at) === EOCD) return at;
  return -1;
}

/** The zip's parts as its central directory lists them; undefined when the file is not a zip. */
export async function zipDirectory(file: string): Promise<ZipPart[] | undefined> {
  const handle = await open(file);
  try {
    const size = (await handle.stat()).size;
    const tailLength = Math.min(size, 22 + MAX_COMMENT + 20);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    const eocd = endOfCentralDirectory(tail);
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
    const entries: ZipPart[] = [];
    let at = 0;
    while (entries.length < count && at + 46 <= directory.length && directory.readUInt32LE(at) === CENTRAL) {
      const method = directory.readUInt16LE(at + 10);
      let packed = directory.readUInt32LE(at + 20);
      let unpacked = directory.readUInt32LE(at + 24);
      let offset = directory.readUInt32LE(at + 42);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      // ZIP64: sizes and offsets that do not fit 32 bits are in the extra field 0x0001 (unpacked, packed,
      // offset, each only when its 32-bit field is full).
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
          if (packed === 0xffffffff && field + 8 <= directory.length) {
            packed = Number(directory.readBigUInt64LE(field));
            field += 8;
          }
          if (offset === 0xffffffff && field + 8 <= directory.length) offset = Number(directory.readBigUInt64LE(field));
        }
        extra += 4 + length;
      }
      entries.push({ name, method, packed, unpacked, offset });
      at = extraEnd + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}
