import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeExport } from '../../src/ingest/decode-export.ts';

const TEXT = '序号,您的行业\r\n1,金融┋法律\r\n';

describe('decodeExport', () => {
  it('reads UTF-8 without a byte-order mark', () => {
    expect(decodeExport(Buffer.from(TEXT, 'utf8'), 'auto')).toEqual({ ok: true, text: TEXT, encoding: 'utf-8' });
  });

  it('reads UTF-8 with a byte-order mark and drops the mark', () => {
    expect(decodeExport(Buffer.from(`\ufeff${TEXT}`, 'utf8'), 'auto')).toEqual({ ok: true, text: TEXT, encoding: 'utf-8' });
  });

  it('detects GBK, as Wenjuanxing writes it, including the ┋ separator', () => {
    expect(decodeExport(iconv.encode(TEXT, 'gbk'), 'auto')).toEqual({ ok: true, text: TEXT, encoding: 'gb18030' });
  });

  it('reads UTF-16 LE and BE by their byte-order marks', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf-16be')]);
    expect(decodeExport(le, 'auto')).toEqual({ ok: true, text: TEXT, encoding: 'utf-16le' });
    expect(decodeExport(be, 'auto')).toEqual({ ok: true, text: TEXT, encoding: 'utf-16be' });
  });

  it('lets an explicit encoding win', () => {
    expect(decodeExport(iconv.encode(TEXT, 'gbk'), 'gbk')).toEqual({ ok: true, text: TEXT, encoding: 'gbk' });
  });

  it('refuses GBK bytes declared as UTF-8 and names the likely encoding', () => {
    expect(decodeExport(iconv.encode(TEXT, 'gbk'), 'utf-8')).toEqual({
      ok: false,
      message: 'is not valid utf-8; it looks like gb18030: set `source.encoding: gbk` or `auto`',
    });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030 rather than returning replacement characters', () => {
    const result = decodeExport(Uint8Array.from([0x61, 0x2c, 0x81, 0x20, 0xff, 0x0a]), 'auto');
    expect(result.ok).toBe(false);
  });
});
