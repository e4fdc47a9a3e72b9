/**
 * Bounds on what an `.xlsx` export may ask of the reader, checked before it is unpacked and while it is read,
 * so a workbook built to exhaust memory (a "zip bomb": a few megabytes that unpack to gigabytes, or millions
 * of shared strings) is refused with a message rather than crash the process. The zip's central directory
 * (its table of contents, at the end of the file) gives every part's packed and unpacked size.
 */
import { UserError } from '../util/user-error.ts';
import { type ZipPart, zipDirectory } from './zip-directory.ts';

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

/**
 * Refuses a workbook whose parts are too many, too large or too compressed (a UserError naming the file);
 * gives its parts otherwise.
 */
export async function checkXlsxContainer(file: string, limits: XlsxLimits = XLSX_LIMITS): Promise<ZipPart[]> {
  const entries = await zipDirectory(file);
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
  return entries;
}

function mib(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
