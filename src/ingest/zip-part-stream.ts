/**
 * One part of a zip archive as a stream of its unpacked bytes, read from where the central directory says it
 * is (zip-directory.ts). A part that unpacks to more than the directory declares is stopped there, so the
 * limits checked against the directory also bound what is unpacked.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { ZipPart } from './zip-directory.ts';

const LOCAL_HEADER = 0x04034b50;

/** The part's unpacked bytes; throws an Error (the caller names the file) when the part is malformed. */
export async function zipPartStream(file: string, part: ZipPart): Promise<Readable> {
  const header = Buffer.alloc(30);
  const handle = await open(file);
  try {
    const { bytesRead } = await handle.read(header, 0, 30, part.offset);
    if (bytesRead < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new Error(`its part ${part.name} is not where the zip's directory says`);
  } finally {
    await handle.close();
  }
  if (part.method !== 0 && part.method !== 8) throw new Error(`its part ${part.name} is packed with method ${part.method}, not one an .xlsx uses`);
  const start = part.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (part.packed === 0) return Readable.from([]);
  const packed = createReadStream(file, { start, end: start + part.packed - 1 });
  const unpacked = part.method === 8 ? packed.pipe(createInflateRaw()) : packed;
  let bytes = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      bytes += chunk.length;
      if (bytes > part.unpacked) done(new Error(`its part ${part.name} unpacks to more than the ${part.unpacked} bytes its directory declares`));
      else done(null, chunk);
    },
  });
  packed.on('error', (error) => bounded.destroy(error));
  if (unpacked !== packed) unpacked.on('error', (error: Error) => bounded.destroy(error));
  return unpacked.pipe(bounded);
}
