/**
 * Export bytes → text. An explicit encoding wins; `auto` reads a byte-order mark (UTF-8, UTF-16 LE/BE),
 * else takes strict UTF-8, else strict GB18030 (a superset of GBK, which Wenjuanxing writes). Bytes that do
 * not decode are an error naming the likely encoding, never replacement characters in the data.
 */
import type { Encoding } from '../codebook/schema.ts';

export type DecodeResult =
  | { ok: true; text: string; encoding: string }
  | { ok: false; message: string };

const DECODER_LABEL: Record<Exclude<Encoding, 'auto'>, string> = {
  'utf-8': 'utf-8',
  gbk: 'gbk',
  gb18030: 'gb18030',
  'utf-16le': 'utf-16le',
};

export function decodeExport(bytes: Uint8Array, encoding: Encoding): DecodeResult {
  const bom = detectBom(bytes);
  if (encoding !== 'auto') {
    const text = tryDecode(bytes, DECODER_LABEL[encoding]);
    if (text !== undefined) return { ok: true, text, encoding };
    const likely = bom ?? guessEncoding(bytes);
    return {
      ok: false,
      message: `is not valid ${encoding}${likely === undefined ? '' : `; it looks like ${likely}: set \`source.encoding: ${toSetting(likely)}\` or \`auto\``}`,
    };
  }
  if (bom !== undefined) {
    const text = tryDecode(bytes, bom);
    if (text !== undefined) return { ok: true, text, encoding: bom };
    return { ok: false, message: `starts with a ${bom} byte-order mark but is not valid ${bom}; the file may be truncated or damaged` };
  }
  const guessed = guessEncoding(bytes);
  if (guessed === undefined) {
    return { ok: false, message: 'is neither UTF-8 nor GBK/GB18030 text; re-export it as UTF-8 CSV, or set `source.encoding`' };
  }
  return { ok: true, text: tryDecode(bytes, guessed) ?? '', encoding: guessed };
}

function detectBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function guessEncoding(bytes: Uint8Array): string | undefined {
  for (const label of ['utf-8', 'gb18030']) {
    if (tryDecode(bytes, label) !== undefined) return label;
  }
  return undefined;
}

/** Strict decoding (a byte-order mark is removed); undefined when the bytes are not valid in `label`. */
function tryDecode(bytes: Uint8Array, label: string): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function toSetting(label: string): string {
  return label === 'gb18030' ? 'gbk' : label;
}
