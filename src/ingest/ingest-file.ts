/**
 * Streams an export file through the ingestor: bytes are hashed and decoded chunk by chunk (a streaming
 * decoder, so a character split across chunks survives), parsed by papaparse, validated and folded. The
 * file is never held whole in memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { Codebook } from '../codebook/schema.ts';
import { UserError } from '../util/user-error.ts';
import { csvOptions, quoteProblem } from './csv-options.ts';
import { decodeFailedAt, sniffEncoding } from './decode-export.ts';
import type { ExportIngestion } from './ingest-text.ts';
import { createIngestor, type IngestorOptions } from './ingestor.ts';
import { ingestXlsx } from './ingest-xlsx.ts';

/** Bytes read to decide the encoding, and per chunk. */
const CHUNK_BYTES = 1 << 20;

export async function ingestFile(codebook: Codebook, file: string, options: Omit<IngestorOptions, 'file'> = {}): Promise<ExportIngestion> {
  if (/\.xlsx$/i.test(file)) return ingestXlsx(codebook, file, options);
  const encoding = await sniffFile(codebook, file);
  const hash = createHash('sha256');
  const ingestor = createIngestor(codebook, { ...options, file });

  async function* decoded(): AsyncGenerator<string> {
    const decoder = new TextDecoder(encoding, { fatal: true });
    let offset = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new UserError(file, decodeFailedAt(encoding, offset));
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
      ...csvOptions(codebook.source.format, file),
      chunk: (results, parser) => {
        try {
          const problem = quoteProblem(results.errors);
          if (problem !== undefined) throw new UserError(`${file}:${rowsBefore + problem.index + 1}`, problem.message);
          for (const cells of results.data) ingestor.push(cells);
          rowsBefore += results.data.length;
        } catch (error) {
          failure = error;
          parser.abort();
        }
      },
      complete: () => (failure === undefined ? resolve() : reject(failure)),
      error: (error: Error) => reject(error instanceof UserError ? error : new UserError(file, `cannot be read: ${error.message}`)),
    });
  });
  return { ...ingestor.finish(), encoding, sha256: hash.digest('hex') };
}

async function sniffFile(codebook: Codebook, file: string): Promise<string> {
  const handle = await open(file);
  try {
    const prefix = Buffer.alloc(CHUNK_BYTES);
    const { bytesRead } = await handle.read(prefix, 0, CHUNK_BYTES, 0);
    const size = (await handle.stat()).size;
    const sniffed = sniffEncoding(prefix.subarray(0, bytesRead), codebook.source.encoding, bytesRead >= size);
    if (!sniffed.ok) throw new UserError(file, sniffed.message);
    return sniffed.encoding;
  } finally {
    await handle.close();
  }
}
