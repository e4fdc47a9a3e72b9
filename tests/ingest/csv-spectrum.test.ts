/**
 * The csv-spectrum edge cases (npm `csv-spectrum`: quoted commas, escaped quotes, newlines and CRLF inside
 * cells, UTF-8, JSON in a cell, empty cells) read as a `generic` export: every file through the streaming
 * path, every row accepted with exactly the values of the package's own expected `json/` parse.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestFile } from '../../src/ingest/ingest-file.ts';
import type { Response } from '../../src/model/response.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const spectrum = path.dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
const names = readdirSync(path.join(spectrum, 'csvs')).map((name) => name.replace(/\.csv$/, '')).sort();
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-spectrum-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A codebook reading every column of the file as free text. */
function codebookFor(columns: string[]): string {
  const questions = columns.map((column, i) => `  - { id: q${i}, column: ${JSON.stringify(column)}, type: text }`);
  return ['id: spectrum', 'title: csv-spectrum', 'source: { file: x.csv, format: generic }', 'questions:', ...questions, ''].join('\n');
}

/**
 * The package's expected parse, as an array of rows. Two upstream slips in `location_coordinates` are
 * corrected here: its JSON is one object rather than an array of one, and it gives the phone number as
 * 1234567890 while the CSV holds 2095257564 (csv-spectrum 2.0.0; every CSV parser reads the CSV's value).
 */
function expectedRows(name: string): Record<string, string>[] {
  const json = JSON.parse(readFileSync(path.join(spectrum, 'json', `${name}.json`), 'utf8')) as Record<string, string> | Record<string, string>[];
  const rows = Array.isArray(json) ? json : [json];
  if (name !== 'location_coordinates') return rows;
  return rows.map((row) => ({ ...row, 'Contact Phone Number': '2095257564' }));
}

describe('csv-spectrum', () => {
  it('has the twelve edge-case files', () => {
    expect(names).toHaveLength(12);
  });

  it.each(names)('%s.csv reads as the package expects', async (name) => {
    const expected = expectedRows(name);
    const columns = Object.keys(expected[0] ?? {});
    const parsed = parseCodebook(codebookFor(columns));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const target = path.join(work, `${name}.csv`);
    writeFileSync(target, readFileSync(path.join(spectrum, 'csvs', `${name}.csv`)));
    const accepted: Response[] = [];
    const result = await ingestFile(parsed.value, target, surveyFold(parsed.value), { onAccepted: (response) => accepted.push(response) });
    expect(result.quarantined).toEqual([]);
    expect(result.rowsRead).toBe(expected.length);
    // An empty text cell is "no answer" (null); every other cell is its text, byte for byte.
    const got = accepted.map((response) => Object.fromEntries(columns.map((column, i) => [column, response.answers[i] ?? ''])));
    expect(got).toEqual(expected);
  });
});
