/**
 * The data of a `.zsav` file (compression code 2), block by block: the bytecode-compressed stream (as in a
 * `.sav`) cut into blocks of about 4 MiB, each deflated with zlib. A 24-byte header after the dictionary
 * points to a trailer listing every block's offset and sizes; each block is read, inflated to exactly the
 * size the trailer gives (never more: a block claiming more is refused), and handed on in order.
 */
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { malformed, truncated } from './sav-error.ts';
import type { SavLimits } from './sav-limits.ts';

const inflateAsync = promisify(inflate);

interface Block {
  compressedOffset: number;
  compressedSize: number;
  size: number;
}

export async function* zsavBlocks(handle: FileHandle, fileSize: number, dataOffset: number, littleEndian: boolean, limits: SavLimits): AsyncGenerator<Buffer> {
  const header = await readAt(handle, fileSize, dataOffset, 24, 'the .zsav data header');
  const int64 = (bytes: Buffer, at: number): number => Number(littleEndian ? bytes.readBigInt64LE(at) : bytes.readBigInt64BE(at));
  const int32 = (bytes: Buffer, at: number): number => (littleEndian ? bytes.readInt32LE(at) : bytes.readInt32BE(at));
  const trailerOffset = int64(header, 8);
  const trailerLength = int64(header, 16);
  if (trailerOffset < dataOffset + 24 || trailerLength < 24 || trailerLength % 24 !== 0) throw malformed('its .zsav data header points nowhere');
  const trailer = await readAt(handle, fileSize, trailerOffset, trailerLength, 'the .zsav block index');
  const count = int32(trailer, 20);
  if (count < 0 || 24 + 24 * count > trailer.length) throw malformed(`its .zsav block index lists ${count} blocks in ${trailer.length} bytes`);
  const blocks: Block[] = Array.from({ length: count }, (_, i) => ({
    compressedOffset: int64(trailer, 24 + 24 * i + 8),
    size: int32(trailer, 24 + 24 * i + 16),
    compressedSize: int32(trailer, 24 + 24 * i + 20),
  }));
  for (const [i, block] of blocks.entries()) {
    if (block.size < 0 || block.size > limits.zsavBlockBytes) throw malformed(`its .zsav block ${i + 1} claims ${block.size} bytes`);
    if (block.compressedOffset < dataOffset + 24 || block.compressedSize < 0 || block.compressedOffset + block.compressedSize > trailerOffset) {
      throw malformed(`its .zsav block ${i + 1} lies outside the data`);
    }
    const packed = await readAt(handle, fileSize, block.compressedOffset, block.compressedSize, `.zsav block ${i + 1}`);
    let unpacked: Buffer;
    try {
      unpacked = await inflateAsync(packed, { maxOutputLength: Math.max(block.size, 1) });
    } catch {
      throw malformed(`its .zsav block ${i + 1} does not inflate to the ${block.size} bytes its index gives`);
    }
    if (unpacked.length !== block.size) throw malformed(`its .zsav block ${i + 1} inflates to ${unpacked.length} bytes, not ${block.size}`);
    yield unpacked;
  }
}

async function readAt(handle: FileHandle, fileSize: number, offset: number, length: number, what: string): Promise<Buffer> {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > fileSize) throw truncated(what);
  const buffer = Buffer.alloc(length);
  for (let done = 0; done < length; ) {
    const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
    if (bytesRead === 0) throw truncated(what);
    done += bytesRead;
  }
  return buffer;
}
