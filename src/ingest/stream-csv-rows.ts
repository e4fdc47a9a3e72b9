/**
 * Streams the rows of a CSV/TSV export: bytes are hashed and decoded chunk by chunk (a streaming strict
 * decoder, so a character split across chunks survives and a wrong encoding is an error, not garbage),
 * then parsed by papaparse in chunks. The file is never held whole in memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { Encoding, Format } from '../codebook/schema.ts';
import { UserError } from '../util/user-error.ts';
import { csvOptions, quoteProblem } from './csv-options.ts';
import { decodeFailedAt, sniffEncoding } from './decode-export.ts';

/** Bytes read to decide the encoding, and per chunk. */
const CHUNK_BYTES = 1 << 20;

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

/** Calls `push` with every row of the file, header rows included; rejects with a UserError for bad input. */
export async function streamCsvRows(file: string, setting: Encoding, format: Format, push: (cells: string[]) => void): Promise<StreamedFile> {
  const { encoding, guessed, start } = await sniffFile(file, setting);
  const hash = createHash('sha256');

  async function* decoded(): AsyncGenerator<string> {
    const decoder = new TextDecoder(encoding, { fatal: true });
    let offset = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw guessed ? new GuessedUtf8Failed(offset) : new UserError(file, decodeFailedAt(encoding, offset));
      }
      offset += chunk.length;
      if (text !== '') yield text;
    }
    const tail = decoder.decode();
    if (tail !== '') yield tail;
  }

  await new Promise<void>((resolve, reject) => {
    let rowsBefore = 0;
    let failure: unknown;
    Papa.parse<string[]>(Readable.from(decoded()) as unknown as File, {
      ...csvOptions(format, file, start),
      chunk: (results, parser) => {
        try {
          const problem = quoteProblem(results.errors);
          if (problem !== undefined) throw new UserError(`${file}:${rowsBefore + problem.index + 1}`, problem.message);
          for (const cells of results.data) push(cells);
          rowsBefore += results.data.length;
        } catch (error) {
          failure = error;
          parser.abort();
        }
      },
      complete: () => (failure === undefined ? resolve() : reject(failure)),
      error: (error: Error) =>
        reject(error instanceof UserError || error instanceof GuessedUtf8Failed ? error : new UserError(file, `cannot be read: ${error.message}`)),
    });
  });
  return { encoding, sha256: hash.digest('hex') };
}

async function sniffFile(file: string, setting: Encoding): Promise<{ encoding: string; guessed: boolean; start: string }> {
  const handle = await open(file);
  try {
    const prefix = Buffer.alloc(CHUNK_BYTES);
    const { bytesRead } = await handle.read(prefix, 0, CHUNK_BYTES, 0);
    const size = (await handle.stat()).size;
    const sniffed = sniffEncoding(prefix.subarray(0, bytesRead), setting, bytesRead >= size);
    if (!sniffed.ok) throw new UserError(file, sniffed.message);
    // Only an all-ASCII start leaves the choice open: non-ASCII UTF-8 in the first megabyte settles it.
    const ascii = prefix.subarray(0, bytesRead).every((byte) => byte < 0x80);
    const start = new TextDecoder(sniffed.encoding).decode(prefix.subarray(0, Math.min(bytesRead, 65536)), { stream: true });
    return { encoding: sniffed.encoding, guessed: setting === 'auto' && sniffed.encoding === 'utf-8' && ascii && bytesRead < size, start };
  } finally {
    await handle.close();
  }
}
