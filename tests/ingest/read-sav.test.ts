/**
 * readSav against independent readers of the same files. The fixtures (tests/fixtures/spss/README.md) were
 * written by R haven, PSPP and real SPSS (6.1 and 23); `<fixture>.haven.json` is what R haven 2.5.1 reads
 * from each (written by tests/fixtures/spss/haven-view.R:
 * `read_sav(path, user_na = TRUE)`, plus `encoding = "GBK"` for the GBK file, which haven cannot detect).
 * Spot checks carry the haven or PSPP 1.6.2 output they were copied from.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cellText, readSav, type SavFile, type SavVariable } from '../../src/ingest/read-sav.ts';

const fixture = (name: string): string => new URL(`../fixtures/spss/${name}`, import.meta.url).pathname;
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-read-sav-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface HavenView {
  variables: { name: string; label: string | null; type: string; valueLabels: { value: string; label: string }[]; naValues: string[]; naRange: string[] }[];
  rows: (string | null)[][];
}

function havenView(name: string): HavenView {
  return JSON.parse(readFileSync(fixture(name), 'utf8')) as HavenView;
}

async function readAll(name: string): Promise<{ file: SavFile; rows: string[][] }> {
  const file = await readSav(fixture(name));
  const rows: string[][] = [];
  for await (const row of file.rows()) rows.push(row);
  return { file, rows };
}

/**
 * haven's cell as readSav writes it: NA as ''; a number ("%.17g") as JavaScript's shortest text of the
 * same double; anything else (strings, ISO dates, hms durations) as it is.
 */
function expectedCell(haven: string | null, type: string): string {
  if (haven === null) return '';
  if (type === 'numeric' && !Number.isNaN(Number(haven))) return String(Number(haven));
  return haven;
}

/** Value labels in ascending order of value, as readSav gives them (haven keeps the file's order). */
function sortedLabels(variable: HavenView['variables'][number]): SavVariable['valueLabels'] {
  const labels = variable.valueLabels.map(({ value, label }) => ({ value: expectedCell(value, variable.type), label }));
  const key = (value: string): number | string => (variable.type === 'numeric' ? Number(value) : value);
  return labels.sort((a, b) => (key(a.value) < key(b.value) ? -1 : key(a.value) > key(b.value) ? 1 : 0));
}

function expectSameAsHaven(file: SavFile, rows: string[][], view: HavenView): void {
  expect(file.variables.map((v) => v.name)).toEqual(view.variables.map((v) => v.name));
  file.variables.forEach((variable, i) => {
    const haven = view.variables[i] as HavenView['variables'][number];
    expect(variable.type, variable.name).toBe(haven.type);
    expect(variable.label, variable.name).toBe(haven.label ?? undefined);
    expect(variable.valueLabels, variable.name).toEqual(sortedLabels(haven));
    expect(variable.missing.values, variable.name).toEqual(haven.naValues.map((v) => expectedCell(v, haven.type)));
    const range = haven.naRange.length === 2 ? { low: Number(haven.naRange[0]), high: Number(haven.naRange[1]) } : undefined;
    expect(variable.missing.range, variable.name).toEqual(range);
  });
  expect(rows).toEqual(view.rows.map((row) => row.map((cell, j) => expectedCell(cell, view.variables[j]?.type ?? ''))));
}

describe('readSav reads what R haven reads', () => {
  it.each([
    ['survey-utf8.sav', 'bytecode-compressed'],
    ['survey-utf8-uncompressed.sav', 'uncompressed'],
    ['survey-utf8.zsav', 'zlib-compressed'],
  ])('%s (%s, UTF-8, Chinese names and labels, a 540-byte string, dates, times, user-missing values)', async (name) => {
    const { file, rows } = await readAll(name);
    expectSameAsHaven(file, rows, havenView(`${name}.haven.json`));
    expect(file.encoding).toBe('UTF-8');
    expect(file.cases).toBe(8);
  });

  it('survey-gbk.sav, written by PSPP in GBK, as haven reads it with encoding = "GBK"', async () => {
    const { file, rows } = await readAll('survey-gbk.sav');
    expectSameAsHaven(file, rows, havenView('survey-gbk.sav.haven.json'));
    expect(file.encoding).toBe('GBK');
  });

  it('testdata.sav, written by IBM SPSS Statistics 23 (R foreign)', async () => {
    const { file, rows } = await readAll('testdata.sav');
    expectSameAsHaven(file, rows, havenView('testdata.sav.haven.json'));
    expect(file.cases).toBe(5);
  });

  it('electric.sav, written by SPSS 6.1 for Windows, which declares no encoding (read as windows-1252)', async () => {
    const { file, rows } = await readAll('electric.sav');
    expectSameAsHaven(file, rows, havenView('electric.sav.haven.json'));
    expect(file.encoding).toBe('windows-1252');
    expect(file.cases).toBe(240);
  });
});

describe('readSav, spot checks', () => {
  it('names a variable by its long name though the short name is cut mid-character (haven: 满意度; PSPP renames it VAR001)', async () => {
    const { file } = await readAll('survey-utf8.sav');
    const satisfaction = file.variables[1] as SavVariable;
    expect(satisfaction.name).toBe('满意度');
    expect(satisfaction.label).toBe('您对我们的产品满意吗？');
    // haven: labels c(非常不满意 = 1, ..., 不知道 = 99), na_values 99.
    expect(satisfaction.valueLabels.at(-1)).toEqual({ value: '99', label: '不知道' });
    expect(satisfaction.missing).toEqual({ values: ['99'] });
    // haven: nps na_values -1, na_range c(97, 99).
    expect(file.variables[2]?.missing).toEqual({ values: ['-1'], range: { low: 97, high: 99 } });
  });

  it('keeps user-missing codes as their values and system-missing as empty (haven, user_na = TRUE: 99, NA)', async () => {
    const { rows } = await readAll('survey-utf8.sav');
    expect(rows.map((row) => row[1])).toEqual(['5', '4', '99', '', '1', '3', '2', '5']);
  });

  it('joins a 540-byte UTF-8 string from its three segments (haven: the 180-character comment)', async () => {
    const { rows } = await readAll('survey-utf8.zsav');
    expect(rows[0]?.[4]).toBe('这个产品很好用，界面清晰，速度也快。'.repeat(10));
  });

  it('writes dates, date-times and durations as ISO text (haven: Date, POSIXct UTC, hms)', async () => {
    const { rows } = await readAll('survey-utf8.sav');
    expect(rows[0]?.slice(6)).toEqual(['2024-03-15', '2024-03-15T10:20:00', '00:01:15']);
    expect(rows[5]?.slice(6)).toEqual(['1582-10-15', '2024-03-01T08:00:00', '25:01:01']);
    expect(rows[6]?.[8]).toBe('00:00:30.5');
  });

  it('without an encoding record, reads the code page of the machine record (936: GBK) as haven reads it with encoding = "GBK"', async () => {
    const bytes = readFileSync(fixture('survey-gbk.sav'));
    // Extension record 7.20 (rec_type 7, subtype 20, size 1, count 3, "GBK") made an unknown subtype, 99.
    const at = bytes.indexOf(Buffer.concat([Buffer.from([7, 0, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0]), Buffer.from('GBK')]));
    expect(at).toBeGreaterThan(0);
    bytes.writeInt32LE(99, at + 4);
    const target = path.join(work, 'no-encoding-record.sav');
    writeFileSync(target, bytes);
    const file = await readSav(target);
    const rows: string[][] = [];
    for await (const row of file.rows()) rows.push(row);
    expect(file.encoding).toBe('windows-936');
    expectSameAsHaven(file, rows, havenView('survey-gbk.sav.haven.json'));
  });

  it('reads the GBK open range 90 THRU HIGHEST as 90 to Infinity (PSPP: "90 THRU HIGHEST"; haven: na_range c(90, Inf))', async () => {
    const { file } = await readAll('survey-gbk.sav');
    expect(file.variables[4]?.missing).toEqual({ values: [], range: { low: 90, high: Infinity } });
  });

  it('reads measurement levels where the file records them (PSPP DISPLAY DICTIONARY)', async () => {
    // PSPP 1.6.2, DISPLAY DICTIONARY on survey-gbk.sav (set by VARIABLE LEVEL in make-survey-gbk.sps).
    const gbk = await readSav(fixture('survey-gbk.sav'));
    expect(gbk.variables.map((v) => v.measure)).toEqual(['scale', 'ordinal', 'nominal', 'nominal', 'scale']);
    // PSPP 1.6.2, DISPLAY DICTIONARY on testdata.sav (saved by SPSS 23).
    const spss = await readSav(fixture('testdata.sav'));
    expect(spss.variables.map((v) => v.measure)).toEqual([
      'scale', 'scale', 'ordinal', 'nominal', 'nominal', 'nominal', 'nominal', 'nominal',
      'nominal', 'nominal', 'nominal', 'nominal', 'nominal', 'nominal', 'nominal', 'scale',
    ]);
    // SPSS 6.1 wrote no display record: no level.
    const old = await readSav(fixture('electric.sav'));
    expect(old.variables.every((v) => v.measure === undefined)).toBe(true);
  });

  it('can read the rows again, and stop early', async () => {
    const file = await readSav(fixture('survey-gbk.sav'));
    for await (const row of file.rows()) {
      expect(row[0]).toBe('1');
      break;
    }
    const ids: string[] = [];
    for await (const row of file.rows()) ids.push(row[0] ?? '');
    expect(ids).toEqual(['1', '2', '3', '4']);
  });
});

describe('cellText', () => {
  it('writes numbers as JavaScript writes them, system-missing as empty, strings without trailing blanks', () => {
    expect([1, 2.5, -3, 0.1, 1e21, -0].map(cellText)).toEqual(['1', '2.5', '-3', '0.1', '1e+21', '0']);
    expect(cellText(null)).toBe('');
    expect(cellText(Number.NaN)).toBe('');
    expect(cellText('  a b  ')).toBe('  a b');
  });
});
