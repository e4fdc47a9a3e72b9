/**
 * Turns a `.sav` file's bytes into text in the encoding it declares: the character encoding record (7.20,
 * written since SPSS 16: "UTF-8", "GBK", "windows-1252"...), else the code page of the machine integer
 * record (7.3: 65001 UTF-8, 936 GBK...), else windows-1252, which is what older Western files hold. GBK and
 * its aliases are read as GB18030, a superset of GBK, as the CSV reader does. Trailing blanks and NULs (the
 * padding of fixed-width fields) are dropped before decoding. Bytes that do not decode become U+FFFD: SPSS
 * itself cuts UTF-8 labels mid-character, so a strict decoder would refuse files SPSS reads.
 */
import iconv from 'iconv-lite';
import { RESAVE, SavError } from './sav-error.ts';

export interface SavText {
  /** The encoding the file declares (or the default it was read in). */
  encoding: string;
  /** Decodes a fixed-width field, its trailing blanks and NULs dropped. */
  decode(bytes: Buffer): string;
}

const GBK_ALIASES = new Set(['gbk', 'cp936', 'windows-936', 'ms936', 'gb2312', 'gb_2312-80', 'euc-cn', 'x-gbk', 'csgb2312']);

export function savText(encodingRecord: Buffer | undefined, characterCode: number | undefined): SavText {
  const encoding = declaredEncoding(encodingRecord, characterCode);
  const lower = encoding.toLowerCase();
  const label = GBK_ALIASES.has(lower) ? 'gb18030' : lower;
  if (/^utf-?(16|32)/.test(label)) throw new SavError(`declares the encoding ${encoding}, which no SPSS version writes in a .sav; ${RESAVE}`);
  if (!iconv.encodingExists(label)) {
    throw new SavError(`declares the character encoding "${encoding}", which this reader cannot decode; re-save it from SPSS in Unicode mode (SET UNICODE=ON) or from PSPP as UTF-8`);
  }
  const utf8 = label === 'utf-8' || label === 'utf8';
  return {
    encoding,
    decode: (bytes) => {
      const trimmed = trimPadding(bytes);
      return utf8 ? trimmed.toString('utf8') : iconv.decode(trimmed, label);
    },
  };
}

function declaredEncoding(record: Buffer | undefined, code: number | undefined): string {
  const named = record === undefined ? '' : trimPadding(record).toString('latin1').trim();
  if (named !== '') return named;
  if (code === undefined || code === 2 || code === 3) return 'windows-1252';
  if (code === 65001) return 'UTF-8';
  if (code === 1) throw new SavError(`is in EBCDIC, which this reader does not read; ${RESAVE} on a PC`);
  if (code === 4) throw new SavError(`is in DEC Kanji, which this reader does not read; ${RESAVE} in Unicode mode`);
  for (const name of [`windows-${code}`, `cp${code}`]) if (iconv.encodingExists(name)) return name;
  return `code page ${code}`;
}

/** The bytes without trailing spaces and NULs (neither occurs inside a UTF-8 or GBK multi-byte character). */
export function trimPadding(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  return bytes.subarray(0, end);
}
