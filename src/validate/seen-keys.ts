/**
 * The duplicate-key memory of validation: for every key seen, the row it was first seen on. A million
 * respondents' keys held as strings cost over 100 MB; here each key is kept as a 96-bit fingerprint in an
 * open-addressing table of typed arrays (16 bytes a slot with its row, at most half the slots full). Two
 * different keys share a fingerprint with probability about n²/2⁹⁷: for 10⁷ keys, under 10⁻¹⁴.
 *
 * The table is made of 1 MB segments rather than one large array: freeing a large block raises glibc's
 * threshold for serving blocks from the heap, after which freed memory stays with the process, so a table
 * grown to tens of megabytes would leave the rest of the run (drawing charts) holding more memory.
 */
export interface SeenKeys {
  /** The row `key` was first seen on; when it is new, remembers it as seen on `row` and returns undefined. */
  firstRow(key: string, row: number): number | undefined;
  readonly size: number;
}

/** Slots per segment: 2¹⁶, so a segment's fingerprints take 768 KB and its rows 256 KB. */
const SEGMENT_BITS = 16;
const SEGMENT = 1 << SEGMENT_BITS;

interface Table {
  capacity: number;
  prints: Uint32Array[];
  rows: Uint32Array[];
}

function emptyTable(capacity: number): Table {
  const segments = Math.max(1, capacity / SEGMENT);
  const slots = Math.min(capacity, SEGMENT);
  return {
    capacity,
    prints: Array.from({ length: segments }, () => new Uint32Array(slots * 3)),
    rows: Array.from({ length: segments }, () => new Uint32Array(slots)),
  };
}

export function createSeenKeys(): SeenKeys {
  let table = emptyTable(1 << 12);
  let size = 0;

  /** Row numbers are stored plus one, so 0 marks an empty slot. */
  const insert = (a: number, b: number, c: number, row: number): number | undefined => {
    const mask = table.capacity - 1;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const rows = table.rows[slot >>> SEGMENT_BITS] as Uint32Array;
      const prints = table.prints[slot >>> SEGMENT_BITS] as Uint32Array;
      const at = slot & (SEGMENT - 1);
      const stored = rows[at] ?? 0;
      if (stored === 0) {
        prints[at * 3] = a;
        prints[at * 3 + 1] = b;
        prints[at * 3 + 2] = c;
        rows[at] = row + 1;
        size++;
        return undefined;
      }
      if (prints[at * 3] === a && prints[at * 3 + 1] === b && prints[at * 3 + 2] === c) return stored - 1;
    }
  };

  const grow = (): void => {
    const old = table;
    table = emptyTable(old.capacity * 2);
    size = 0;
    old.rows.forEach((rows, s) => {
      const prints = old.prints[s] as Uint32Array;
      for (let at = 0; at < rows.length; at++) {
        const stored = rows[at] ?? 0;
        if (stored !== 0) insert(prints[at * 3] ?? 0, prints[at * 3 + 1] ?? 0, prints[at * 3 + 2] ?? 0, stored - 1);
      }
    });
  };

  return {
    firstRow(key, row) {
      if (!(row >= 0 && row < 0xffffffff)) throw new RangeError(`row ${row} is beyond what the duplicate check counts`);
      if (size * 2 >= table.capacity) grow();
      // Three independent 32-bit hashes of the UTF-16 code units (FNV-1a and two multiply-xorshift mixes).
      let a = 0x811c9dc5;
      let b = 0x9e3779b9 ^ key.length;
      let c = 0x85ebca6b;
      for (let i = 0; i < key.length; i++) {
        const unit = key.charCodeAt(i);
        a = Math.imul(a ^ unit, 0x01000193);
        b = Math.imul(b ^ unit, 0xcc9e2d51);
        b = (b << 15) | (b >>> 17);
        c = Math.imul(c + unit, 0x1b873593) ^ (c >>> 13);
      }
      return insert(fmix(a) >>> 0, fmix(b) >>> 0, fmix(c ^ key.length) >>> 0, row);
    },
    get size() {
      return size;
    },
  };
}

/** MurmurHash3's finaliser: spreads every input bit over the whole word. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
