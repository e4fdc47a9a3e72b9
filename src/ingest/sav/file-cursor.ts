/**
 * Reads a file front to back in little pieces (the dictionary of a `.sav` file) through a buffer, in the
 * file's byte order. Asking for more bytes than the file has left is a SavError saying it is truncated,
 * raised before anything is allocated: this is what keeps a length field claiming gigabytes harmless.
 */
import type { FileHandle } from 'node:fs/promises';
import { truncated } from './sav-error.ts';

const BUFFER_BYTES = 1 << 16;

export class FileCursor {
  /** Where the next byte comes from, counted from the start of the file. */
  position = 0;
  /** Set once the file's byte order is known (from the header's layout code). */
  littleEndian = true;
  private buffer = Buffer.alloc(0);
  private start = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  /** Bytes left in the file after the cursor. */
  get remaining(): number {
    return this.size - this.position;
  }

  /** The next `count` bytes: a view that stays valid (the buffer is replaced on refill, never reused). */
  async bytes(count: number, what: string): Promise<Buffer> {
    if (!Number.isSafeInteger(count) || count < 0 || count > this.remaining) throw truncated(what);
    const offset = this.position - this.start;
    if (offset + count > this.buffer.length) await this.fill(count);
    const from = this.position - this.start;
    this.position += count;
    return this.buffer.subarray(from, from + count);
  }

  async int32(what: string): Promise<number> {
    const bytes = await this.bytes(4, what);
    return this.littleEndian ? bytes.readInt32LE(0) : bytes.readInt32BE(0);
  }

  async float64(what: string): Promise<number> {
    const bytes = await this.bytes(8, what);
    return this.littleEndian ? bytes.readDoubleLE(0) : bytes.readDoubleBE(0);
  }

  /** Up to `count` bytes from `offset`, without moving the cursor (fewer where the file ends). */
  async peek(offset: number, count: number): Promise<Buffer> {
    const buffer = Buffer.alloc(Math.max(0, Math.min(count, this.size - offset)));
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, offset);
    return buffer.subarray(0, bytesRead);
  }

  async skip(count: number, what: string): Promise<void> {
    if (!Number.isSafeInteger(count) || count < 0 || count > this.remaining) throw truncated(what);
    this.position += count;
  }

  /** Loads the buffer from the cursor with at least `count` bytes (known to be in the file). */
  private async fill(count: number): Promise<void> {
    const length = Math.min(Math.max(count, BUFFER_BYTES), this.remaining);
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(buffer, done, length - done, this.position + done);
      if (bytesRead === 0) throw truncated('the file (it shrank while being read)');
      done += bytesRead;
    }
    this.buffer = buffer;
    this.start = this.position;
  }
}
