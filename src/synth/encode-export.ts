/**
 * A synthetic table → export bytes in the codebook's format and encoding. `auto` writes what the platform
 * itself writes: GBK for Wenjuanxing, UTF-8 with a byte-order mark for the others.
 */
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { Codebook } from '../codebook/schema.ts';
import type { SynthTable } from './synthesize-rows.ts';

export function encodeExport(codebook: Codebook, table: SynthTable): Uint8Array {
  const tsv = /\.tsv$/i.test(codebook.source.file);
  const text = `${Papa.unparse([table.header, ...table.extraHeaderRows, ...table.rows], { newline: '\r\n', delimiter: tsv ? '\t' : ',' })}\r\n`;
  const { encoding, format } = codebook.source;
  const chosen = encoding === 'auto' ? (format === 'wjx' ? 'gbk' : 'utf-8-bom') : encoding;
  switch (chosen) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.from(`\ufeff${text}`, 'utf8');
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    default:
      return iconv.encode(text, chosen);
  }
}
