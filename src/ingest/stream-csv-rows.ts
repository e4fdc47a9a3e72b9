/**
 * Streams the rows of a CSV/TSV export: bytes are read and decoded chunk by chunk (a streaming strict
 * decoder, so a character split across chunks survives and a wrong encoding is an error, not garbage),
 * then every line break between rows made `\n` (line-breaks.ts: CRLF, LF, lone CR and mixes of them), then
 * parsed by papaparse's parser one chunk at a time. Reading waits for parsing (the next chunk is read
 * only once the rows of the last are handled), so memory stays flat however large the file and however slow
 * the row handler. Reading can stop after any chunk, which is how two threads share one file.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Encoding, Format } from '../codebook/schema.ts';
import { UserError } from '../util/user-error.ts';
import { csvOptions, quoteProblem } from './csv-options.ts';
import { decodeFailedAt, sniffEncoding } from './decode-export.ts';
import { lineBreaks } from './line-breaks.ts';

/** Bytes read to decide the encoding. */
const SNIFF_BYTES = 1 << 20;

/** Bytes read at a time: small enough that a chunk's parsed rows die young, cheap for the garbage collector. */
const CHUNK_BYTES = 1 << 17;

export interface StreamedFile {
  /** The encoding the bytes were read as (`xlsx` for workbooks). */
  encoding: string;
  sha256: string;
}

/**
 * Thrown when the first megabyte was plain ASCII (so UTF-8 was a guess) but later bytes are not UTF-8:
 * the caller starts over as GB18030, as a GBK export with a long ASCII start needs.
 */
export class GuessedUtf8Failed extends Error {
  constructor(readonly offset: number) {
    super(`not UTF-8 after byte ${offset}`);
  }
}

/** How a CSV file is read, settled from its first megabyte. */
interface CsvReading {
  file: string;
  encoding: string;
  /** UTF-8 was a guess from an all-ASCII start (a later non-UTF-8 byte throws GuessedUtf8Failed). */
  guessed: boolean;
  delimiter: string;
}

/** Settles how the file is read; a UserError when its start is not text in a known encoding. */
async function csvReading(file: string, setting: Encoding, format: Format): Promise<CsvReading> {
  const handle = await open(file);
  try {
    const prefix = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(prefix, 0, SNIFF_BYTES, 0);
    const size = (await handle.stat()).size;
    const head = prefix.subarray(0, bytesRead);
    const sniffed = sniffEncoding(head, setting, bytesRead >= size);
    if (!sniffed.ok) throw new UserError(file, sniffed.message);
    // Only an all-ASCII start leaves the choice open: non-ASCII UTF-8 in the first megabyte settles it.
    const ascii = head.every((byte) => byte < 0x80);
    const first = new TextDecoder(sniffed.encoding).decode(head, { stream: true });
    const delimiter = String(csvOptions(format, file, first.slice(0, 65536)).delimiter ?? ',');
    return { file, encoding: sniffed.encoding, guessed: setting === 'auto' && sniffed.encoding === 'utf-8' && ascii && bytesRead < size, delimiter };
  } finally {
    await handle.close();
  }
}

/** How far to read, and a bound on one row's length. */
export interface StreamOptions {
  /** Told the bytes read after the rows of each chunk are handled; returning false stops reading. */
  afterChunk?: (bytesRead: number) => boolean;
  /** A row still unfinished after this many characters stops the read with a RowTooLong. */
  maxRowChars?: number;
}

/** Thrown when a row passes `maxRowChars` (an unclosed quote, or a huge cell): the caller reads another way. */
export class RowTooLong extends Error {}

/**
 * Calls `push` with every row of the file, header rows included; rejects with a UserError for bad input.
 * When reading stops early, the file's hash is of the bytes read.
 */
export async function streamCsvRows(file: string, setting: Encoding, format: Format, push: (cells: string[]) => void, options: StreamOptions = {}): Promise<StreamedFile> {
  const reading = await csvReading(file, setting, format);
  const hash = createHash('sha256');
  await parseCsvBytes(reading, push, options, hash);
  return { encoding: reading.encoding, sha256: hash.digest('hex') };
}

async function parseCsvBytes(reading: CsvReading, push: (cells: string[]) => void, options: StreamOptions, hash: Hash): Promise<void> {
  const { file, encoding, guessed } = reading;
  const parser = new ParserHandle({ delimiter: reading.delimiter, newline: '\n', skipEmptyLines: false });
  const rows = lineBreaks(reading.delimiter);
  /** The unfinished last row of what was parsed, and text read since, not parsed yet. */
  let partial = '';
  let waiting = '';
  let base = 0;
  let rowsBefore = 0;
  const parse = (last: boolean): void => {
    const input = partial + waiting;
    waiting = '';
    const results = parser.parse(input, base, !last);
    const problem = quoteProblem(results.errors);
    if (problem !== undefined) throw new UserError(`${file}:${rowsBefore + problem.index + 1}`, problem.message);
    for (const cells of results.data) push(cells);
    rowsBefore += results.data.length;
    // As papaparse's own streamer does: the unfinished last row waits for the next chunk.
    partial = last ? '' : input.substring(results.meta.cursor - base);
    base = results.meta.cursor;
    if (options.maxRowChars !== undefined && partial.length > options.maxRowChars) throw new RowTooLong(`a row of over ${options.maxRowChars} characters`);
  };

  const decoder = new TextDecoder(encoding, { fatal: true });
  let offset = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    try {
      waiting += rows(decoder.decode(chunk, { stream: true }));
    } catch {
      throw guessed ? new GuessedUtf8Failed(offset) : new UserError(file, decodeFailedAt(encoding, offset));
    }
    offset += chunk.length;
    // A long unfinished row (a huge cell, an unclosed quote) is parsed again only once as much text again has
    // come, so reading it stays linear in its length.
    if (waiting !== '' && waiting.length >= partial.length) parse(false);
    if (options.afterChunk?.(offset) === false) return;
  }
  try {
    waiting += rows(decoder.decode());
  } catch {
    throw guessed ? new GuessedUtf8Failed(offset) : new UserError(file, decodeFailedAt(encoding, offset));
  }
  parse(true);
}

/** papaparse's parser, which its streamer drives chunk by chunk (not in its type definitions). */
interface ParserHandleInstance {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): { data: string[][]; errors: Papa.ParseError[]; meta: { cursor: number } };
}

const ParserHandle = (Papa as unknown as { ParserHandle: new (config: Papa.ParseConfig) => ParserHandleInstance }).ParserHandle;
