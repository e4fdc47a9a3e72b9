/** Streaming ingestion gives exactly what in-memory ingestion gives, whatever the chunk boundaries. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { ingestFile } from '../../src/ingest/ingest-file.ts';
import { ingestBytes } from '../../src/ingest/ingest-text.ts';
import type { Response } from '../../src/model/response.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-ingest-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function codebook(encoding: string): Codebook {
  const parsed = parseCodebook(`id: t
title: T
source: { file: r.csv, format: wjx, encoding: ${encoding} }
questions:
  - { id: industry, column: 您所在的行业, type: single, options: [金融, 互联网/IT, 教育] }
  - { id: note, column: 建议, type: text }
metrics:
  - { id: finance, kind: proportion, question: industry, success: [金融] }
`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

/** Over 1.5 MB of Chinese rows in any encoding, so multibyte characters straddle the 1 MiB read chunks. */
function bigText(): string {
  const rows = ['您所在的行业,建议'];
  for (let i = 0; i < 40000; i++) rows.push(`${['金融', '互联网/IT', '教育'][i % 3]},第${i}条：希望支持更长的上下文`);
  return `${rows.join('\r\n')}\r\n`;
}

describe('ingestFile', () => {
  it.each([
    ['utf-8', 'auto', (t: string) => Buffer.from(t, 'utf8')],
    ['utf-8 with BOM', 'auto', (t: string) => Buffer.from(`\ufeff${t}`, 'utf8')],
    ['GBK', 'auto', (t: string) => iconv.encode(t, 'gbk')],
    ['UTF-16 LE', 'utf-16le', (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(t, 'utf-16le')])],
  ] as const)('streams a %s export across chunk boundaries to the same result as in memory', async (_name, encoding, encode) => {
    const cb = codebook(encoding);
    const bytes = encode(bigText());
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const file = path.join(work, `big-${_name}.csv`);
    writeFileSync(file, bytes);
    const streamed: Response[] = [];
    const fromFile = await ingestFile(cb, file, surveyFold(cb), { onAccepted: (r) => streamed.push(r) });
    const inMemory: Response[] = [];
    const fromBytes = ingestBytes(cb, bytes, surveyFold(cb), { file, onAccepted: (r) => inMemory.push(r) });
    expect(fromFile.rowsRead).toBe(40000);
    expect(fromFile.accepted).toBe(40000);
    expect(streamed).toEqual(inMemory);
    expect(fromFile.sha256).toBe(fromBytes.sha256);
    expect(fromFile.encoding).toBe(fromBytes.encoding);
    expect(streamed[39999]).toEqual({ row: 40001, answers: [0, '第39999条：希望支持更长的上下文'] });
  });

  it('reads a GBK export whose first megabyte is plain ASCII as GB18030, starting over', async () => {
    const rows = ['您所在的行业,建议'];
    for (let i = 0; i < 30000; i++) rows.push(`${i % 2 === 0 ? '1' : '2'},plain ascii note number ${i}`);
    rows.push('金融,最后一行才有中文');
    const file = path.join(work, 'late-gbk.csv');
    writeFileSync(file, iconv.encode(`${rows.join('\r\n')}\r\n`, 'gbk'));
    const accepted: Response[] = [];
    const result = await ingestFile(codebook('auto'), file, surveyFold(codebook('auto')), { onAccepted: (r) => accepted.push(r) });
    expect(result.encoding).toBe('gb18030');
    expect(result.accepted).toBe(30001);
    expect(accepted.at(-1)).toEqual({ row: 30002, answers: [0, '最后一行才有中文'] });
  });

  it('refuses a UTF-8 file whose bytes stop being valid after the first megabyte, naming the offset', async () => {
    const file = path.join(work, 'mixed.csv');
    writeFileSync(file, Buffer.concat([Buffer.from(bigText(), 'utf8'), iconv.encode('金融,混入的GBK\r\n', 'gbk')]));
    await expect(ingestFile(codebook('auto'), file, surveyFold(codebook('auto')))).rejects.toThrow(/mixed\.csv: is not valid utf-8 after byte \d+: the file may mix encodings/);
  });

  it('reports an unclosed quote deep in a stream with its row', async () => {
    const file = path.join(work, 'quote.csv');
    writeFileSync(file, `${bigText()}金融,"never closed\r\n教育,x\r\n`);
    await expect(ingestFile(codebook('auto'), file, surveyFold(codebook('auto')))).rejects.toThrow(/quote\.csv:40002: a quoted cell is never closed/);
  });
});
