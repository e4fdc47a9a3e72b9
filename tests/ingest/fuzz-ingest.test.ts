/**
 * Property-based fuzzing of the CSV path (fast-check): random cells (quotes, separators, line breaks, NUL,
 * CJK, formula starters), random quoting, random row lengths, random encodings and plain random bytes.
 * Whatever comes in, ingestion either returns with every row read accounted for
 * (`rowsRead == accepted + quarantined`) or throws a `UserError` whose message is one line; the same bytes
 * give the same result twice; and the streaming reader (what the CLI uses) agrees with the in-memory one.
 * On failure fast-check prints the seed and the shrunk counterexample; rerun with that seed to reproduce.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { fileBytes, type ReportFile } from '../../src/report/write-report-folder.ts';
import { buildReport } from '../../src/analyze-survey.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { ingestFile } from '../../src/ingest/ingest-file.ts';
import { ingestBytes } from '../../src/ingest/ingest-text.ts';
import { UserError } from '../../src/util/user-error.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function codebookOf(yaml: string): Codebook {
  const parsed = parseCodebook(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const codebook = codebookOf(`id: fuzz
title: Fuzz
source: { file: r.csv, format: generic }
respondent: { id: rid }
pii: [email]
questions:
  - { id: choice, column: choice, type: single, options: [yes, no, 是, 否] }
  - { id: many, column: many, type: multi, options: [a, b, c] }
  - { id: score, column: score, type: nps }
  - { id: note, column: note, type: text, quotes: 3 }
metrics:
  - { id: share_yes, kind: proportion, question: choice, success: [yes, 是] }
  - { id: nps, kind: nps, question: score }
`);
const header = ['rid', 'email', 'choice', 'many', 'score', 'note'];

/** Cells a hostile or careless export holds: valid answers, near misses and pure noise. */
const cell = fc.oneof(
  fc.constantFrom('yes', 'no', '是', '否', 'a', 'a┋b', 'b;c', '10', '0', '11', '-1', '7.5', '', ' ', 'NaN', '=1+1', '@SUM(A1)', '+cmd', '-2', '\t', '\u0000', '"', '""', ',', '\r\n', '\n', '\r', '\uFEFF', '<script>alert(1)</script>', 'x@y.example'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

/** One cell written as CSV: bare, or quoted with its quotes doubled (as a spreadsheet writes it). */
const written = fc.tuple(cell, fc.boolean()).map(([text, quoted]) => (quoted || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text));
const rawCell = fc.oneof({ weight: 4, arbitrary: written }, { weight: 1, arbitrary: cell });
const noisyRow = fc.array(rawCell, { minLength: 0, maxLength: 8 }).map((cells) => cells.join(','));
/** A row as a respondent would leave it: right length, answers mostly valid, free text anything. */
const plausibleRow = fc
  .tuple(
    fc.nat({ max: 9999 }),
    fc.constantFrom('', 'x@y.example'),
    fc.constantFrom('yes', 'no', '是', '否', '', 'maybe'),
    fc.subarray(['a', 'b', 'c']).map((picked) => picked.join('┋')),
    fc.oneof(fc.integer({ min: 0, max: 10 }).map(String), fc.constantFrom('', '11', 'ten')),
    written,
  )
  .map(([rid, email, choice, many, score, note]) => [String(rid), email, choice, many, score, note].join(','));
const row = fc.oneof({ weight: 3, arbitrary: plausibleRow }, { weight: 1, arbitrary: noisyRow });
const body = fc.tuple(fc.array(row, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean()).map(
  ([rows, eol, trailing]) => [header.join(','), ...rows].join(eol) + (trailing ? eol : ''),
);

/** The text in one of the encodings exports come in, with or without a byte-order mark. */
const encoded = fc.tuple(body, fc.constantFrom('utf8', 'utf8-bom', 'gb18030', 'utf16le-bom', 'utf16le', 'utf16be-bom')).map(([text, encoding]) => {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
    case 'utf16le-bom':
      return iconv.encode(text, 'utf16le', { addBOM: true });
    case 'utf16le':
      return iconv.encode(text, 'utf16le');
    default:
      return iconv.encode(text, 'utf16be', { addBOM: true });
  }
});

/** Well-formed CSV with random corruption: bytes flipped, cut short, or noise prepended. */
const damaged = fc.tuple(encoded, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.option(fc.nat())).map(([bytes, flips, cut]) => {
  const copy = Buffer.from(bytes);
  for (const [at, value] of flips) if (copy.length > 0) copy[at % copy.length] = value;
  return cut === null || copy.length === 0 ? copy : copy.subarray(0, cut % copy.length);
});

const anyBytes = fc.oneof(encoded, damaged, fc.uint8Array({ maxLength: 300 }));

type Outcome = { error: string } | { rowsRead: number; accepted: number; quarantined: { row: number; rules: string[] }[]; blankRows: number };

function outcome(run: () => { rowsRead: number; blankRows: number; accepted: number; quarantined: { row: number; reasons: { rule: string }[] }[] }): Outcome {
  try {
    const result = run();
    return {
      rowsRead: result.rowsRead,
      accepted: result.accepted,
      blankRows: result.blankRows,
      quarantined: result.quarantined.map((q) => ({ row: q.row, rules: q.reasons.map((reason) => reason.rule) })),
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { error: error.message };
  }
}

/** A refusal is one line per problem, each naming the file; an acceptance accounts for every row. */
function accountedFor(result: Outcome, file: string): void {
  if ('error' in result) {
    for (const line of result.error.split('\n')) expect(line.startsWith(`${file}`)).toBe(true);
    expect(result.error).not.toMatch(/\r|\n\s+at /);
    return;
  }
  expect(result.rowsRead).toBe(result.accepted + result.quarantined.length);
  for (const q of result.quarantined) expect(q.rules.length).toBeGreaterThan(0);
}

describe('fuzzed CSV exports', () => {
  it('every row read is accepted or quarantined, or the file is refused in one line (3000 cases)', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        const first = outcome(() => ingestBytes(codebook, bytes, surveyFold(codebook), { file: 'fuzz.csv' }));
        accountedFor(first, 'fuzz.csv');
        expect(outcome(() => ingestBytes(codebook, bytes, surveyFold(codebook), { file: 'fuzz.csv' }))).toEqual(first);
      }),
      { numRuns: 3000 },
    );
  });

  it('the streaming reader agrees with the in-memory reader (1000 cases)', { timeout: 120_000 }, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(anyBytes, async (bytes) => {
        const target = path.join(work, `f${n++}.csv`);
        writeFileSync(target, bytes);
        const streamed = await ingestFile(codebook, target, surveyFold(codebook)).then(
          (result) => outcome(() => result),
          (error: unknown) => outcome(() => {
            throw error;
          }),
        );
        accountedFor(streamed, target);
        const inMemory = outcome(() => ingestBytes(codebook, bytes, surveyFold(codebook), { file: target }));
        // Both refuse, or both read the same rows to the same verdicts.
        if ('error' in inMemory) expect(streamed).toHaveProperty('error');
        else expect(streamed).toEqual(inMemory);
      }),
      { numRuns: 1000 },
    );
  });

  it('fuzzed exports that pass become reports, the same bytes twice, with no stack trace (15 cases)', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(encoded, async (bytes) => {
        const build = async (): Promise<Map<string, ReportFile> | string> => {
          try {
            return (await buildReport(codebook, ingestBytes(codebook, bytes, surveyFold(codebook), { file: 'fuzz.csv' }), 'fuzz.csv')).files;
          } catch (error) {
            if (!(error instanceof UserError)) throw error;
            return error.message;
          }
        };
        const [first, second] = [await build(), await build()];
        if (typeof first === 'string') {
          expect(second).toBe(first);
          return;
        }
        expect(typeof second).not.toBe('string');
        const bytesOf = (files: typeof first): [string, string][] =>
          [...files].map(([name, content]) => [name, Buffer.from(fileBytes(content)).toString('base64')]);
        expect(bytesOf(second as typeof first)).toEqual(bytesOf(first));
        expect(first.get('report.html')).not.toMatch(/<script|<img|x@y\.example/);
      }),
      { numRuns: 15 },
    );
  });
});
