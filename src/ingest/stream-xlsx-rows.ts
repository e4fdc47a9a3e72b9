/**
 * Streams the rows of an `.xlsx` export's first tab, with the sheet's own row numbers; short rows are padded
 * to the header's width (trailing empty cells are absent). The workbook is held to the bounds of
 * xlsx-limits.ts: checked from its zip directory before reading, and its shared-string table while it is read.
 *
 * The parts are read from the zip directory in the order a sheet needs them (relationships, workbook, shared
 * strings, styles, then the sheet) and parsed by exceljs' streaming reader. Its own pass over the zip is not
 * used: when the shared strings come after the sheets, as Excel writes them, that pass loses the parts after
 * the first sheet on most reads (exceljs 4.4 with unzipper 0.10), which read as empty cells or no rows.
 */
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { UserError } from '../util/user-error.ts';
import { fileSha256 } from './file-sha256.ts';
import type { StreamedFile } from './stream-csv-rows.ts';
import { xlsxCellText } from './xlsx-cell-text.ts';
import { checkXlsxContainer, XLSX_LIMITS, type XlsxLimits } from './xlsx-limits.ts';
import type { ZipPart } from './zip-directory.ts';
import { zipPartStream } from './zip-part-stream.ts';

interface Relationship {
  Id?: string;
  Type?: string;
  Target?: string;
}

/** The parts of exceljs' streaming reader this module drives (its type definitions leave them out). */
interface ReaderParts {
  model?: { sheets?: { name?: string; rId?: string }[] };
  workbookRels?: Relationship[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(entry: Readable, sheetNo: string): Iterable<{ value: AsyncIterable<ExcelJS.Row> }>;
}

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

export async function streamXlsxRows(file: string, push: (cells: string[], row: number) => void, limits: XlsxLimits = XLSX_LIMITS): Promise<StreamedFile> {
  const parts = new Map((await checkXlsxContainer(file, limits)).map((part) => [part.name, part]));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const internals = reader as unknown as ReaderParts;
  // The shared-string table is read before any row, into an array the reader assigns itself: its pushes are
  // counted, so a table built to fill memory stops the read at the limit.
  let table: unknown[] | undefined;
  Object.defineProperty(reader, 'sharedStrings', {
    configurable: true,
    get: () => table,
    set: (value: unknown[]) => {
      table = value;
      const add = value.push.bind(value);
      value.push = (...items: unknown[]): number => {
        if (value.length + items.length > limits.sharedStrings) {
          throw new UserError(file, `holds more than ${limits.sharedStrings.toLocaleString('en')} distinct texts, more than a survey export has; save the sheet as CSV instead`);
        }
        return add(...items);
      };
    },
  });
  const opened: Readable[] = [];
  const open = async (part: ZipPart): Promise<Readable> => {
    const stream = await zipPartStream(file, part);
    opened.push(stream);
    // exceljs decodes each chunk it is given on its own: handed bytes, it would break a character whose
    // UTF-8 bytes straddle two chunks. Text decoded across chunks is passed through as it is.
    const text = stream.pipe(utf8Text());
    stream.on('error', (error) => text.destroy(error));
    opened.push(text);
    return text;
  };
  let width = 0;
  try {
    const rels = parts.get(WORKBOOK_RELS);
    if (rels !== undefined) await internals._parseRels(await open(rels));
    const workbook = parts.get(WORKBOOK);
    if (workbook !== undefined) await internals._parseWorkbook(await open(workbook));
    const strings = parts.get(linked(internals.workbookRels, '/sharedStrings') ?? 'xl/sharedStrings.xml');
    if (strings !== undefined) {
      // Cached on the reader: the generator yields nothing in 'cache' mode, it is only run to the end.
      const events = internals._parseSharedStrings(await open(strings))[Symbol.asyncIterator]();
      while (!(await events.next()).done);
    }
    const styles = parts.get(linked(internals.workbookRels, '/styles') ?? 'xl/styles.xml');
    if (styles !== undefined) await internals._parseStyles(await open(styles));
    const sheet = firstTab(internals, [...parts.keys()]);
    const sheetPart = sheet === undefined ? undefined : parts.get(sheet);
    if (sheetPart === undefined) throw new UserError(file, 'holds no worksheet; re-export it, or save it as CSV');
    for (const { value: rows } of internals._parseWorksheet(await open(sheetPart), '1')) {
      for await (const row of rows) {
        // row.values is 1-based and sparse (exceljs refuses a column past Excel's last, XFD).
        const values = (row.values as unknown[]).slice(1);
        const cells = Array.from({ length: Math.max(values.length, width) }, (_, i) => xlsxCellText(values[i]));
        if (width === 0) width = cells.length;
        push(cells, row.number);
      }
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(file, `cannot be read as an .xlsx workbook (${(error as Error).message}); re-export it, or save it as CSV`);
  } finally {
    for (const stream of opened) stream.destroy();
  }
  return { encoding: 'xlsx', sha256: await fileSha256(file) };
}

/**
 * The zip path of the workbook's first tab (other tabs, such as summaries and charts, are not responses);
 * without a workbook part or its relationships, the first worksheet in the zip.
 */
function firstTab(reader: ReaderParts, names: readonly string[]): string | undefined {
  const id = reader.model?.sheets?.[0]?.rId;
  const target = reader.workbookRels?.find((rel) => rel.Id === id)?.Target;
  if (id !== undefined && target !== undefined) return partPath(target);
  return names.find((name) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name));
}

/** The zip path of the workbook's relationship of the given type (e.g. its shared strings). */
function linked(rels: readonly Relationship[] | undefined, type: string): string | undefined {
  const target = rels?.find((rel) => rel.Type?.endsWith(type) === true)?.Target;
  return target === undefined ? undefined : partPath(target);
}

/** A relationship target of xl/workbook.xml as a zip path: relative to xl/, or absolute from the root. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join('xl', target));
}

/** Bytes in, text out, a character split between two chunks kept whole (parts of an .xlsx are UTF-8). */
function utf8Text(): Transform {
  const decoder = new StringDecoder('utf8');
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const text = decoder.write(chunk);
      done(null, text === '' ? undefined : text);
    },
    flush(done: TransformCallback) {
      const rest = decoder.end();
      done(null, rest === '' ? undefined : rest);
    },
  });
}
