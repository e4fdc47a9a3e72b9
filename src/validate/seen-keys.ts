/**
 * The duplicate-key memory of validation: for every key seen, the row it was first seen on. A million
 * respondents' keys held as strings cost over 100 MB; here each key is kept as a 96-bit fingerprint in an
 * open-addressing table of typed arrays (16 bytes a slot with its row, at most half the slots full). Two different keys
 * share a fingerprint with probability about n²/2⁹⁷: for 10⁷ keys, under 10⁻¹⁴.
 */
export interface SeenKeys {
  /** The row `key` was first seen on; when it is new, remembers it as seen on `row` and returns undefined. */
  firstRow(key: string, row: number): number | undefined;
  readonly size: number;
}

const EMPTY = 0;

export function createSeenKeys(): SeenKeys {
  let capacity = 1 << 12;
  let prints = new Uint32Array(capacity * 3);
  let rows = new Uint32Array(capacity);
  let size = 0;

  const insert = (a: number, b: number, c: number, row: number): number | undefined => {
    const mask = capacity - 1;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      if (rows[slot] === EMPTY) {
        prints[at] = a;
        prints[at + 1] = b;
        prints[at + 2] = c;
        rows[slot] = row + 1;
        size++;
        return undefined;
      }
      if (prints[at] === a && prints[at + 1] === b && prints[at + 2] === c) return (rows[slot] ?? 1) - 1;
    }
  };

  const grow = (): void => {
    const [oldPrints, oldRows] = [prints, rows];
    capacity *= 2;
    prints = new Uint32Array(capacity * 3);
    rows = new Uint32Array(capacity);
    size = 0;
    for (let slot = 0; slot < oldRows.length; slot++) {
      const row = oldRows[slot] ?? EMPTY;
      if (row !== EMPTY) insert(oldPrints[slot * 3] ?? 0, oldPrints[slot * 3 + 1] ?? 0, oldPrints[slot * 3 + 2] ?? 0, row - 1);
    }
  };

  return {
    firstRow(key, row) {
      if (!(row >= 0 && row < 0xffffffff)) throw new RangeError(`row ${row} is beyond what the duplicate check counts`);
      if (size * 2 >= capacity) grow();
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
      a = fmix(a);
      b = fmix(b);
      c = fmix(c ^ key.length);
      return insert(a >>> 0, b >>> 0, c >>> 0, row);
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
