/**
 * Workbooks built to exhaust the reader are refused in one line naming the file: parts that unpack to far
 * more than they pack (a zip bomb), too many shared strings, rows reaching past the last column. And the
 * responses are read from the workbook's first tab, whatever order the zip holds its sheets in.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { streamXlsxRows } from '../../src/ingest/stream-xlsx-rows.ts';
import { XLSX_LIMITS } from '../../src/ingest/xlsx-limits.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-xlsx-limits-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A zip of the given parts, in the given order, deflated (a minimal writer: enough for exceljs and these tests). */
function zip(parts: readonly [string, string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of parts) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const sheetXml = (rows: string[][]): string =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${rows
    .map((cells, r) => `<row r="${r + 1}">${cells.map((text, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`)
    .join('')}</sheetData></worksheet>`;

/** A workbook whose tabs are Responses then Summary, while the zip holds Summary's sheet first. */
function twoTabs(): Buffer {
  return zip([
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="Responses" sheetId="2" r:id="rId2"/><sheet name="Summary" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RELS}/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`,
    ],
    ['xl/worksheets/sheet1.xml', sheetXml([['not', 'responses'], ['a', 'summary']])],
    ['xl/worksheets/sheet2.xml', sheetXml([['Q1'], ['Yes'], ['No']])],
    // As Excel writes it: the shared strings after the sheets.
    ['xl/sharedStrings.xml', `<?xml version="1.0"?><sst xmlns="${MAIN}" count="0" uniqueCount="0"/>`],
  ]);
}

/** A one-tab workbook in Excel's part order (the shared strings last), its tab's relationship target given. */
function excelOrdered(target: string, part: string): Buffer {
  const cell = (r: number, index: number): string => `<row r="${r}"><c r="A${r}" t="s"><v>${index}</v></c></row>`;
  return zip([
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="${target}"/></Relationships>`],
    [part, `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${cell(1, 0)}${cell(2, 1)}${cell(3, 2)}</sheetData></worksheet>`],
    ['xl/sharedStrings.xml', `<?xml version="1.0"?><sst xmlns="${MAIN}" count="3" uniqueCount="3"><si><t>Q1</t></si><si><t>Yes</t></si><si><t>No</t></si></sst>`],
  ]);
}

async function rows(file: string, limits = XLSX_LIMITS): Promise<string[][]> {
  const read: string[][] = [];
  await streamXlsxRows(file, (cells) => read.push(cells), limits);
  return read;
}

describe('reading an .xlsx export', () => {
  it("reads the workbook's first tab, not the first sheet in the zip", async () => {
    const file = path.join(work, 'tabs.xlsx');
    writeFileSync(file, twoTabs());
    expect(await rows(file)).toEqual([['Q1'], ['Yes'], ['No']]);
  });

  // exceljs' own pass over the zip (4.4, unzipper 0.10) lost the parts after the first sheet on most reads when
  // the shared strings come after the sheets, as Excel orders them: 299 of 300 reads of this file gave
  // [[''], [''], ['']], and 16 of 300 reads of the two-tab workbook above gave no rows.
  it('reads shared strings stored after the sheet, as Excel orders the parts, on every read', async () => {
    const file = path.join(work, 'excel-order.xlsx');
    writeFileSync(file, excelOrdered('worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'));
    for (let read = 0; read < 20; read++) expect(await rows(file)).toEqual([['Q1'], ['Yes'], ['No']]);
    const tabs = path.join(work, 'tabs-again.xlsx');
    writeFileSync(tabs, twoTabs());
    for (let read = 0; read < 20; read++) expect(await rows(tabs)).toEqual([['Q1'], ['Yes'], ['No']]);
  });

  // Parts unpack in 16 KiB chunks, and exceljs decodes each chunk it is given on its own: a character whose
  // UTF-8 bytes straddle two chunks came out as U+FFFD (`���活娱乐` for `生活娱乐` in a 160-row sample export).
  it('keeps a Chinese character whose bytes straddle two unpacked chunks, in shared strings and in the sheet', async () => {
    const head = `<?xml version="1.0"?><sst xmlns="${MAIN}" count="2" uniqueCount="2"><si><t>Q1</t></si><si><t>`;
    // '生' (3 bytes) starts one byte before the 16,384-byte chunk boundary.
    const long = `${'x'.repeat(16_383 - Buffer.byteLength(head))}生活娱乐`;
    const strings = `${head}${long}</t></si></sst>`;
    expect(Buffer.byteLength(strings.slice(0, strings.indexOf('生')))).toBe(16_383);
    const inline = `${'y'.repeat(16_383 - Buffer.byteLength(sheetXml([['Q2', 'MARK']]).split('MARK')[0] as string))}满意度`;
    const file = path.join(work, 'straddle.xlsx');
    writeFileSync(
      file,
      zip([
        ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
        ['xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="Responses" sheetId="1" r:id="rId1"/><sheet name="Other" sheetId="2" r:id="rId2"/></sheets></workbook>`],
        [
          'xl/_rels/workbook.xml.rels',
          `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RELS}/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`,
        ],
        ['xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData></worksheet>`],
        ['xl/worksheets/sheet2.xml', sheetXml([['Q2', inline]])],
        ['xl/sharedStrings.xml', strings],
      ]),
    );
    expect(await rows(file)).toEqual([['Q1'], [long]]);
    const second = path.join(work, 'straddle-inline.xlsx');
    const sheet = sheetXml([['Q2', inline]]);
    expect(Buffer.byteLength(sheet.slice(0, sheet.indexOf('满')))).toBe(16_383);
    writeFileSync(
      second,
      zip([
        ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
        ['xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>`],
        ['xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
        ['xl/worksheets/sheet1.xml', sheet],
      ]),
    );
    expect(await rows(second)).toEqual([['Q2', inline]]);
  });

  it('finds the first tab through the workbook relationships, whatever its part is called', async () => {
    const relative = path.join(work, 'named.xlsx');
    writeFileSync(relative, excelOrdered('worksheets/responses.xml', 'xl/worksheets/responses.xml'));
    expect(await rows(relative)).toEqual([['Q1'], ['Yes'], ['No']]);
    const absolute = path.join(work, 'absolute.xlsx');
    writeFileSync(absolute, excelOrdered('/xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'));
    expect(await rows(absolute)).toEqual([['Q1'], ['Yes'], ['No']]);
    const missing = path.join(work, 'missing.xlsx');
    writeFileSync(missing, excelOrdered('worksheets/sheet9.xml', 'xl/worksheets/sheet1.xml'));
    await expect(rows(missing)).rejects.toThrow(`${missing}: holds no worksheet; re-export it, or save it as CSV`);
  });

  it('stops a part that unpacks to more than the zip directory declares', async () => {
    const file = path.join(work, 'liar.xlsx');
    const packed = zip([['xl/worksheets/sheet1.xml', sheetXml([['Q1'], ['Yes'], ['No']])]]);
    // The central directory's unpacked size of the only part (offset 24 in its record) says 50 bytes.
    const central = packed.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    packed.writeUInt32LE(50, central + 24);
    writeFileSync(file, packed);
    await expect(rows(file)).rejects.toThrow(`${file}: cannot be read as an .xlsx workbook (its part xl/worksheets/sheet1.xml unpacks to more than the 50 bytes its directory declares); re-export it, or save it as CSV`);
  });

  it('refuses a part that unpacks to hundreds of times its packed size (a zip bomb), before unpacking it', async () => {
    const file = path.join(work, 'bomb.xlsx');
    const strings = Buffer.from(`<sst xmlns="${MAIN}">${'<si><t>a</t></si>'.repeat(1_500_000)}</sst>`);
    writeFileSync(file, zip([['xl/sharedStrings.xml', strings], ['xl/worksheets/sheet1.xml', sheetXml([['Q1'], ['Yes']])]]));
    await expect(rows(file)).rejects.toThrow(`${file}: its part xl/sharedStrings.xml unpacks to 24.3 MiB from`);
    await expect(rows(file)).rejects.toThrow(/may be at most 200 times its packed size, so the workbook is refused; save the sheet as CSV instead$/);
  });

  it('stops reading a shared-string table longer than the limit', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Responses');
    sheet.addRow(['Q1']);
    for (let i = 0; i < 300; i++) sheet.addRow([`answer ${i}`]);
    const file = path.join(work, 'strings.xlsx');
    writeFileSync(file, new Uint8Array(await workbook.xlsx.writeBuffer()));
    await expect(rows(file, { ...XLSX_LIMITS, sharedStrings: 100 })).rejects.toThrow(`${file}: holds more than 100 distinct texts, more than a survey export has; save the sheet as CSV instead`);
    expect(await rows(file)).toHaveLength(301);
  });

  it('refuses a row reaching past the last column, and a file that is no zip', async () => {
    const wide = path.join(work, 'wide.xlsx');
    const sheet = `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Q1</t></is></c><c r="ZZZZ1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`;
    writeFileSync(wide, zip([['xl/worksheets/sheet1.xml', sheet]]));
    // exceljs itself stops at Excel's last column, XFD.
    await expect(rows(wide)).rejects.toThrow(`${wide}: cannot be read as an .xlsx workbook (Out of bounds. Invalid column letter: ZZZZ); re-export it, or save it as CSV`);
    const fake = path.join(work, 'fake.xlsx');
    writeFileSync(fake, 'a,b\n1,2\n');
    await expect(rows(fake)).rejects.toThrow(`${fake}: cannot be read as an .xlsx workbook (it is not a zip archive); re-export it, or save it as CSV`);
  });
});
