/**
 * Reads an SPSS system file (`.sav`, and its zlib-compressed form `.zsav`): the variables (names, labels,
 * value labels, user-missing values, measurement levels) at once, and the cases as rows of text cells on
 * demand, streamed so a large file is never all in memory. Handles bytecode-compressed (SPSS's default),
 * uncompressed and zlib-compressed data; strings of any width; long variable names; and the encoding the
 * file declares (UTF-8, GBK as Chinese survey platforms export, windows-1252...).
 *
 *   header + dictionary records ──▶ variables ──▶ rows(): data ──▶ case images ──▶ text cells
 *   (sav/read-dictionary.ts)  (sav/build-variables.ts)   (sav/case-decoder.ts, sav/zsav-blocks.ts, sav/case-cells.ts)
 *
 * A file that is not a system file, is truncated, or is damaged throws a UserError naming it, in one line.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { UserError } from '../util/user-error.ts';
import { buildVariables } from './sav/build-variables.ts';
import { caseCells, type CaseReading } from './sav/case-cells.ts';
import { caseDecoder } from './sav/case-decoder.ts';
import { characterCode, floatInfo } from './sav/extension-records.ts';
import { FileCursor } from './sav/file-cursor.ts';
import { readDictionary, type SavDictionary } from './sav/read-dictionary.ts';
import { RESAVE, SavError, truncated } from './sav/sav-error.ts';
import { SAV_LIMITS, type SavLimits } from './sav/sav-limits.ts';
import { savText } from './sav/sav-text.ts';
import { zsavBlocks } from './sav/zsav-blocks.ts';

export { cellText } from './sav/cell-text.ts';

export interface SavVariable {
  /** The variable name (the long name where the file has one): the column header. */
  name: string;
  /** The variable label (the question text), if any. */
  label?: string;
  type: 'numeric' | 'string';
  /** The measurement level, if the file records it. */
  measure?: 'nominal' | 'ordinal' | 'scale';
  /** Value labels in ascending order of value: the value as its cells read (see `rows`) and its label. */
  valueLabels: { value: string; label: string }[];
  /**
   * User-missing values: discrete values as their cells read, and at most one inclusive numeric range
   * (`LO THRU x` and `x THRU HI` have -Infinity and Infinity as their open ends).
   */
  missing: { values: string[]; range?: { low: number; high: number } };
}

/** Whether a cell of a variable holds one of its user-missing values: a discrete one, or a number within its range. */
export function isUserMissing(variable: SavVariable, cell: string): boolean {
  if (variable.missing.values.includes(cell)) return true;
  const range = variable.missing.range;
  if (range === undefined || variable.type !== 'numeric' || cell === '') return false;
  const value = Number(cell);
  return value >= range.low && value <= range.high;
}

export interface SavFile {
  variables: SavVariable[];
  /** Number of cases, if the header says it. */
  cases?: number;
  /** The character encoding the file declares (or windows-1252 when it declares none), its text read in. */
  encoding: string;
  /**
   * The cases, one text cell per variable, raw values (not labels): numbers as their shortest decimal
   * (`String`), system-missing as '', strings without trailing blanks, date and time formats as ISO 8601
   * (`2024-03-15`, `2024-03-15T10:20:00`, durations `25:01:01`). Reads the file anew on each iteration.
   */
  rows(): AsyncIterable<string[]>;
}

/** Bytes of uncompressed or bytecode-compressed data read at a time. */
const CHUNK_BYTES = 1 << 16;

export async function readSav(path: string, limits: SavLimits = SAV_LIMITS): Promise<SavFile> {
  const handle = await openFile(path);
  try {
    const cursor = new FileCursor(handle, (await handle.stat()).size);
    const dictionary = await readDictionary(cursor, limits);
    const le = dictionary.littleEndian;
    const first = (subtype: number): Buffer | undefined => dictionary.extensions.get(subtype)?.[0];
    const text = savText(first(20), characterCode(first(3), le));
    const floats = floatInfo(first(4), le);
    const built = buildVariables(dictionary, text, floats);
    const reading: CaseReading = { layouts: built.layouts, text, littleEndian: le, sysmis: floats.sysmis };
    const file: SavFile = {
      variables: built.variables,
      encoding: text.encoding,
      rows: () => streamRows(path, dictionary, built.numericSlots, reading, limits),
    };
    if (dictionary.header.cases !== undefined) file.cases = dictionary.header.cases;
    return file;
  } catch (error) {
    throw asUserError(path, error);
  } finally {
    await handle.close();
  }
}

async function* streamRows(path: string, dictionary: SavDictionary, numericSlots: boolean[], reading: CaseReading, limits: SavLimits): AsyncGenerator<string[]> {
  if (numericSlots.length === 0) return;
  const { header, dataOffset, littleEndian } = dictionary;
  const handle = await openFile(path);
  try {
    const size = (await handle.stat()).size;
    const decoder = caseDecoder({ compression: header.compression === 'none' ? 'none' : 'bytecode', bias: header.bias, numericSlots, littleEndian, sysmis: reading.sysmis });
    const chunks = header.compression === 'zlib' ? zsavBlocks(handle, size, dataOffset, littleEndian, limits) : fileChunks(handle, dataOffset, size);
    const wanted = header.cases ?? Infinity;
    let read = 0;
    for await (const chunk of chunks) {
      const batch: string[][] = [];
      decoder.push(chunk, (image) => {
        if (read < wanted) batch.push(caseCells(image, reading));
        read++;
      });
      yield* batch;
      if (decoder.ended || read >= wanted) break;
    }
    if (read < wanted && decoder.midCase) throw truncated(`case ${read + 1}`);
    if (read < wanted && wanted !== Infinity) {
      throw new SavError(`holds ${read} cases where its header announces ${wanted}: the file is truncated; copy it again, or ${RESAVE}`);
    }
  } catch (error) {
    throw asUserError(path, error);
  } finally {
    await handle.close();
  }
}

async function* fileChunks(handle: FileHandle, from: number, size: number): AsyncGenerator<Buffer> {
  for (let position = from; position < size; ) {
    const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, size - position));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

async function openFile(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    throw new UserError(path, `cannot be opened (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path`);
  }
}

function asUserError(path: string, error: unknown): unknown {
  if (error instanceof SavError) return new UserError(path, error.message);
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('E')) return new UserError(path, `cannot be read (${code}); check the file`);
  return error;
}
