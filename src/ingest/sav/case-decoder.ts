/**
 * Turns the data section of a `.sav` file, fed in chunks of any size, into case images: each case as the
 * uncompressed file would hold it, one 8-byte slot per variable record. Uncompressed data is already that.
 * Bytecode compression (SPSS's default) works in 8-byte units: a unit of 8 command bytes, each saying what
 * the next slot holds, followed by the 8-byte literals some of them call for:
 *   0 nothing (padding), 1–251 the number code − bias, 252 end of data, 253 a literal unit follows,
 *   254 eight spaces (a string slot), 255 system-missing.
 * A command may straddle chunks and a case may straddle command units; the decoder keeps its place.
 */

export interface CaseDecoderOptions {
  compression: 'none' | 'bytecode';
  bias: number;
  /** Whether each slot of a case is numeric (a space code there reads as system-missing, and vice versa). */
  numericSlots: boolean[];
  littleEndian: boolean;
  sysmis: number;
}

export interface CaseDecoder {
  /** Decodes a chunk, calling `onCase` with each completed case (a buffer reused for the next case). */
  push(chunk: Buffer, onCase: (image: Buffer) => void): void;
  /** The end-of-data code was seen: bytes after it are not data. */
  readonly ended: boolean;
  /** Part of a case has been decoded and not completed. */
  readonly midCase: boolean;
}

const SPACES = Buffer.alloc(8, 0x20);

export function caseDecoder(options: CaseDecoderOptions): CaseDecoder {
  const { littleEndian, numericSlots } = options;
  const slots = numericSlots.length;
  const image = Buffer.alloc(8 * slots);
  const sysmis = Buffer.alloc(8);
  if (littleEndian) sysmis.writeDoubleLE(options.sysmis);
  else sysmis.writeDoubleBE(options.sysmis);
  const carry = Buffer.alloc(8);
  let carried = 0;
  let slot = 0;
  let ended = false;
  /** The command unit being worked through, and the index of its next command (8: none pending). */
  const commands = Buffer.alloc(8);
  let next = 8;
  let emit: (image: Buffer) => void = () => undefined;

  /** Fills the next slot (from 8 bytes, or by writing a number) and hands on the case it completes. */
  const put = (bytes: Buffer | number): void => {
    if (typeof bytes !== 'number') bytes.copy(image, 8 * slot);
    else if (littleEndian) image.writeDoubleLE(bytes, 8 * slot);
    else image.writeDoubleBE(bytes, 8 * slot);
    if (++slot === slots) {
      slot = 0;
      emit(image);
    }
  };

  /** Runs the pending commands that need no literal; stops at a 253 (waiting for its unit) or the end. */
  const runCommands = (): void => {
    while (next < 8 && !ended) {
      const code = commands[next] as number;
      if (code === 253) return;
      next++;
      if (code === 252) ended = true;
      // Spaces and system-missing: whichever the slot's type can hold.
      else if (code === 254 || code === 255) put((numericSlots[slot] ?? true) ? sysmis : SPACES);
      else if (code !== 0) put(code - options.bias);
    }
  };

  const unit = (bytes: Buffer): void => {
    if (options.compression === 'none') return put(bytes);
    if (next < 8) {
      // The literal for the 253 at `next`.
      next++;
      put(bytes);
    } else {
      bytes.copy(commands);
      next = 0;
    }
    runCommands();
  };

  return {
    push(chunk, onCase) {
      emit = onCase;
      let at = 0;
      if (carried > 0) {
        const take = Math.min(8 - carried, chunk.length);
        chunk.copy(carry, carried, 0, take);
        carried += take;
        at = take;
        if (carried < 8) return;
        carried = 0;
        unit(carry);
      }
      for (; at + 8 <= chunk.length && !ended; at += 8) unit(chunk.subarray(at, at + 8));
      if (!ended && at < chunk.length) {
        chunk.copy(carry, 0, at);
        carried = chunk.length - at;
      }
    },
    get ended() {
      return ended;
    },
    get midCase() {
      return slot > 0 || carried > 0 || (next < 8 && commands[next] === 253);
    },
  };
}
