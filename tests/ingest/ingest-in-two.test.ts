/**
 * A large export read by two threads gives exactly what one thread gives: the same rows accepted and
 * quarantined (with the same reasons and file row numbers), the same folded state, the same hash. Run on
 * the built package (tests/built-package.ts): the worker threads load its compiled modules.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../src/codebook/load-codebook.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import type { ExportIngestion } from '../../src/ingest/ingest-text.ts';
import { encodeExport } from '../../src/synth/encode-export.ts';
import { loadProfile } from '../../src/synth/load-profile.ts';
import { synthesizeRows } from '../../src/synth/synthesize-rows.ts';
import type { SurveyState } from '../../src/stats/folds/survey-fold.ts';
import type * as IngestFileModule from '../../src/ingest/ingest-file.ts';
import type * as IngestInTwoModule from '../../src/ingest/ingest-in-two.ts';
import type * as IngestTextModule from '../../src/ingest/ingest-text.ts';
import type * as SurveyFoldModule from '../../src/stats/folds/survey-fold.ts';
import { builtModule } from '../built-package.ts';

const { ingestFile } = await builtModule<typeof IngestFileModule>('ingest/ingest-file.js');
const { ingestInTwo, SPLIT_MIN_BYTES } = await builtModule<typeof IngestInTwoModule>('ingest/ingest-in-two.js');
const { ingestBytes } = await builtModule<typeof IngestTextModule>('ingest/ingest-text.js');
const { surveyFold } = await builtModule<typeof SurveyFoldModule>('stats/folds/survey-fold.js');

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-two-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const SAMPLE = new URL('../../surveys/kimi-2024/', import.meta.url).pathname;

/** Equal, numbers within a relative `tolerance` (0: to the bit); Maps compared entry by entry. */
function near(a: unknown, b: unknown, tolerance: number, where = 'folded'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    expect(a === b || Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b)), `${where}: ${a} against ${b}`).toBe(true);
  } else if (a instanceof Map && b instanceof Map) {
    expect([...a.keys()], where).toEqual([...b.keys()]);
    for (const [key, value] of a) near(value, b.get(key), tolerance, `${where}.${String(key)}`);
  } else if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    expect(Object.keys(a), where).toEqual(Object.keys(b));
    for (const key of Object.keys(a)) near((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], tolerance, `${where}.${key}`);
  } else expect(a, where).toEqual(b);
}

function sameAsOneThread(two: ExportIngestion<SurveyState>, one: ExportIngestion<SurveyState>, tolerance = 0): void {
  expect(two.rowsRead).toBe(one.rowsRead);
  expect(two.blankRows).toBe(one.blankRows);
  expect(two.quarantined).toEqual(one.quarantined);
  expect(two.flagged).toEqual(one.flagged);
  expect(two.header).toEqual(one.header);
  expect(two.columns).toEqual(one.columns);
  if (tolerance === 0) expect(two.folded).toEqual(one.folded);
  else near(two.folded, one.folded, tolerance);
  expect(two.sha256).toBe(one.sha256);
  expect(two.encoding).toBe(one.encoding);
}

/** A codebook with one free-text question, for files whose quoting is what is tested. */
const NOTE_ONLY = `id: t
title: T
source: { file: r.csv, format: generic, encoding: auto }
questions:
  - { id: note, column: note, type: text }
metrics: []
`;

function codebookOf(yaml: string): Codebook {
  const parsed = parseCodebook(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

describe('ingestInTwo', () => {
  it('reads a synthetic 20,000-row GBK export of the sample survey exactly as one thread does, duplicates across the split included', async () => {
    const { codebook } = await loadCodebook(SAMPLE);
    const table = synthesizeRows(codebook, await loadProfile(SAMPLE), { rows: 20_000, faults: 600, seed: 11 });
    const bytes = encodeExport(codebook, table);
    expect(bytes.length).toBeGreaterThan(2.5 * (1 << 20));
    const file = path.join(work, 'kimi.csv');
    writeFileSync(file, bytes);
    const two = await ingestInTwo(codebook, file, surveyFold(codebook), {});
    const one = ingestBytes(codebook, bytes, surveyFold(codebook), { file });
    // The experience index's scores are fractions (3.4, 3.6…): their weighted sums, added in two parts, may
    // differ from one pass in the last bits. Sums of whole numbers are exact either way.
    sameAsOneThread(two, one, 1e-12);
    expect(two.quarantined.length).toBe(600);
    // Some duplicates are in the second part while the row they repeat is in the first (about 58% of 20,000 rows).
    const crossing = two.quarantined.filter((q) => q.reasons.some((r) => r.rule === 'duplicate' && Number(/as row (\d+)/.exec(r.message)?.[1]) < 11_000) && q.row > 12_500);
    expect(crossing.length).toBeGreaterThan(5);
  });

  it('with design weights gives the same bytes as one thread reading the file (which folds in two parts at the same point)', async () => {
    const text = readFileSync(path.join(SAMPLE, 'survey.yaml'), 'utf8').replace('method: none', 'method: rake\n  column: 设计权重\n  by: [industry, gender]');
    const codebook = codebookOf(text);
    const bytes = encodeExport(codebook, synthesizeRows(codebook, await loadProfile(SAMPLE), { rows: 60_000, faults: 300, seed: 5 }));
    expect(bytes.length).toBeGreaterThan(SPLIT_MIN_BYTES);
    const file = path.join(work, 'weighted.csv');
    writeFileSync(file, bytes);
    const two = await ingestInTwo(codebook, file, surveyFold(codebook), {});
    // An onAccepted listener keeps ingestFile on one thread.
    const one = await ingestFile(codebook, file, surveyFold(codebook), { onAccepted: () => undefined });
    sameAsOneThread(two, one);
    // Weighted sums are added in another order than a single pass over all rows: equal to 1e-12, not to the bit.
    const whole = ingestBytes(codebook, bytes, surveyFold(codebook), { file });
    const sums = (ingestion: ExportIngestion<SurveyState>): number[] =>
      [...(ingestion.folded.weighting?.metrics.values() ?? [])].flatMap((variables) => variables.flatMap((cells) => [...cells.values()].flatMap((c) => Object.values(c))));
    const [a, b] = [sums(two), sums(whole)];
    expect(a.length).toBe(b.length);
    a.forEach((x, i) => expect(Math.abs(x - (b[i] ?? Number.NaN))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x))));
  }, 60_000);

  it('leaves a row longer than a worker reads (an unclosed quote early in a large file) to one thread, which names the problem', async () => {
    const codebook = codebookOf(NOTE_ONLY);
    const file = path.join(work, 'unclosed-early.csv');
    writeFileSync(file, `note\nfine\n"never closed\n${'x,'.repeat(5_000_000)}\n`);
    await expect(ingestInTwo(codebook, file, surveyFold(codebook), {})).rejects.toThrow(/characters/);
    await expect(ingestFile(codebook, file, surveyFold(codebook))).rejects.toThrow(`${file}:3: a quoted cell is never closed`);
  }, 60_000);

  it('keeps quoted cells with line breaks, CRLF lines and a column that looks personal only late in the file', async () => {
    const codebook = codebookOf(`id: t
title: T
source: { file: r.csv, format: generic, encoding: auto }
respondent: { id: id }
questions:
  - { id: industry, column: industry, type: single, options: [金融, 教育] }
  - { id: note, column: note, type: text }
metrics:
  - { id: finance, kind: proportion, question: industry, success: [金融] }
quality: { duplicateKeys: [contact], unknownValues: quarantine }
`);
    const rows = ['id,industry,note,contact'];
    for (let i = 0; i < 80_000; i++) {
      const note = i % 7 === 0 ? `"第${i % 5000}条,\r\n多行 ""引号"""` : `note ${i % 9000}`;
      rows.push(`${i},${i % 13 === 0 ? '医疗' : i % 2 ? '金融' : '教育'},${note},${i === 55_000 ? 'me@example.com' : `c${i % 30_000}`}`);
    }
    const bytes = Buffer.from(`${rows.join('\r\n')}\r\n`, 'utf8');
    expect(bytes.length).toBeGreaterThan(2 * (1 << 20));
    const file = path.join(work, 'generic.csv');
    writeFileSync(file, bytes);
    const two = await ingestInTwo(codebook, file, surveyFold(codebook), {});
    sameAsOneThread(two, ingestBytes(codebook, bytes, surveyFold(codebook), { file }));
    // The contact column looks personal only in the second part; the first part's duplicate reasons quoted it.
    expect(two.columns.pii.has(3)).toBe(true);
    const duplicates = two.quarantined.filter((q) => q.row < 40_000 && q.reasons.some((r) => r.rule === 'duplicate'));
    expect(duplicates.length).toBeGreaterThan(1000);
    expect(duplicates.flatMap((q) => q.reasons.filter((r) => r.rule === 'duplicate' && r.value !== undefined))).toEqual([]);
  });

  it('reads UTF-16 as well', async () => {
    const codebook = codebookOf(`id: t
title: T
source: { file: r.csv, format: generic, encoding: utf-16le }
questions:
  - { id: industry, column: 行业, type: single, options: [金融, 教育] }
metrics:
  - { id: finance, kind: proportion, question: industry, success: [金融] }
`);
    const text = `行业\n${Array.from({ length: 400_000 }, (_, i) => (i % 3 ? '金融' : '教育')).join('\n')}\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const file = path.join(work, 'utf16.csv');
    writeFileSync(file, bytes);
    sameAsOneThread(await ingestInTwo(codebook, file, surveyFold(codebook), {}), ingestBytes(codebook, bytes, surveyFold(codebook), { file }));
  });

  it('rejects a file one thread would reject, and ingestFile then reports the problem as one thread does', async () => {
    const codebook = codebookOf(NOTE_ONLY);
    const line = `"${'x'.repeat(200)}"\n`;
    const lines = Math.ceil(SPLIT_MIN_BYTES / line.length) + 1000;
    // An unclosed quote near the end: the second part finds it.
    const text = `note\n${line.repeat(lines)}"never closed\n${line.repeat(10)}`;
    const file = path.join(work, 'bad.csv');
    writeFileSync(file, text);
    await expect(ingestInTwo(codebook, file, surveyFold(codebook), {})).rejects.toThrow(/never closed|cannot be trusted/);
    const expected = (() => {
      try {
        ingestBytes(codebook, readFileSync(file), surveyFold(codebook), { file });
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    await expect(ingestFile(codebook, file, surveyFold(codebook))).rejects.toThrow(expected);
  }, 60_000);
});
