/**
 * Which encoding an export is in, and its text. An explicit encoding wins; `auto` reads a byte-order mark
 * (UTF-8, UTF-16 LE/BE), else takes strict UTF-8, else strict GB18030 (a superset of GBK, which Wenjuanxing
 * writes). Bytes that do not decode are an error naming the likely encoding, never replacement characters.
 * `sniffEncoding` decides from a prefix of the file (for streaming); `decodeExport` decodes a whole buffer.
 */
import type { Encoding } from '../codebook/schema.ts';

export type SniffResult = { ok: true; encoding: string } | { ok: false; message: string };
export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; message: string };

const DECODER_LABEL: Record<Exclude<Encoding, 'auto'>, string> = {
  'utf-8': 'utf-8',
  gbk: 'gbk',
  gb18030: 'gb18030',
  'utf-16le': 'utf-16le',
};

/** Decides the encoding from the file's first bytes (`complete` when they are the whole file). */
export function sniffEncoding(prefix: Uint8Array, setting: Encoding, complete: boolean): SniffResult {
  const bom = detectBom(prefix);
  if (setting !== 'auto') {
    const label = DECODER_LABEL[setting];
    if (decodes(prefix, label, complete)) return { ok: true, encoding: label };
    if (complete && decodes(prefix, label, false)) return { ok: false, message: truncated(label) };
    return { ok: false, message: wrongEncoding(setting, bom ?? guess(prefix, complete)) };
  }
  if (bom !== undefined) {
    if (decodes(prefix, bom, complete)) return { ok: true, encoding: bom };
    return { ok: false, message: `starts with a ${bom} byte-order mark but is not valid ${bom}; the file may be truncated or damaged` };
  }
  if (looksUtf16WithoutBom(prefix)) {
    return { ok: false, message: 'looks like UTF-16 text without a byte-order mark; set `source.encoding: utf-16le`, or re-export it as UTF-8 CSV' };
  }
  // UTF-8 but for its last character is a cut UTF-8 file, even when the bytes happen to decode as GB18030.
  if (complete && !decodes(prefix, 'utf-8', true) && decodes(prefix, 'utf-8', false)) return { ok: false, message: truncated('utf-8') };
  const guessed = guess(prefix, complete);
  if (guessed === undefined) {
    if (complete && decodes(prefix, 'gb18030', false)) return { ok: false, message: truncated('gb18030') };
    return { ok: false, message: 'is neither UTF-8 nor GBK/GB18030 text; re-export it as UTF-8 CSV, or set `source.encoding`' };
  }
  return { ok: true, encoding: guessed };
}

export function decodeExport(bytes: Uint8Array, setting: Encoding): DecodeResult {
  const sniffed = sniffEncoding(bytes, setting, true);
  if (!sniffed.ok) return sniffed;
  return { ok: true, text: new TextDecoder(sniffed.encoding, { fatal: true }).decode(bytes), encoding: sniffed.encoding };
}

/** The message for bytes that stop decoding in `encoding` part-way through the file. */
export function decodeFailedAt(encoding: string, offset: number): string {
  return `is not valid ${encoding} after byte ${offset}: the file may mix encodings or be damaged; set \`source.encoding\` to the encoding it was saved in`;
}

/** Text that decodes but for an incomplete last character: a file cut short. */
function truncated(encoding: string): string {
  const name = encoding === 'gb18030' ? 'GBK/GB18030' : encoding.toUpperCase();
  return `is ${name} text cut off inside its last character: the file is truncated; export or copy it again`;
}

function wrongEncoding(setting: string, likely: string | undefined): string {
  const hint = likely === undefined ? '' : `; it looks like ${likely}: set \`source.encoding: ${likely === 'gb18030' ? 'gbk' : likely}\` or \`auto\``;
  return `is not valid ${setting}${hint}`;
}

/** UTF-16 text of mostly ASCII characters has a NUL in every other byte; a real CSV has none. */
function looksUtf16WithoutBom(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let nul = 0;
  for (const byte of sample) if (byte === 0) nul++;
  return sample.length >= 8 && nul >= sample.length / 4;
}

function detectBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function guess(bytes: Uint8Array, complete: boolean): string | undefined {
  return ['utf-8', 'gb18030'].find((label) => decodes(bytes, label, complete));
}

/** Strict decoding test; an incomplete character at the end of a prefix is allowed. */
function decodes(bytes: Uint8Array, label: string, complete: boolean): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}
