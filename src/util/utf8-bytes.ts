/**
 * The UTF-8 bytes of text given in pieces (each piece whole text: no surrogate pair split between two),
 * encoded some 32,000 characters at a time: a report file of tens of megabytes never exists as one string,
 * which V8 would hold in two bytes a character and grow by copying.
 */
export function utf8Bytes(pieces: Iterable<string>): Uint8Array {
  const blocks = [...utf8Blocks(pieces)];
  return blocks.length === 1 ? (blocks[0] as Buffer) : Buffer.concat(blocks);
}

/** The UTF-8 bytes of `pieces`, in blocks of some 32,000 characters (quarantine-cells.ts says why not more). */
export function* utf8Blocks(pieces: Iterable<string>): Generator<Buffer> {
  let pending: string[] = [];
  let chars = 0;
  for (const piece of pieces) {
    pending.push(piece);
    chars += piece.length;
    if (chars < BLOCK_CHARS) continue;
    yield Buffer.from(pending.join(''), 'utf8');
    pending = [];
    chars = 0;
  }
  yield Buffer.from(pending.join(''), 'utf8');
}

const BLOCK_CHARS = 1 << 15;
