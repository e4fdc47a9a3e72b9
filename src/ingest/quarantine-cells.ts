/**
 * The cells of an ingestion's quarantined rows, in their order, kept small: quarantine.csv is their only
 * reader, once, from first to last. Each row is a JSON line; each block of some 32,000 characters of lines is
 * deflated. A 10-million-row export with 100,000 faulty rows kept them as strings in some 130 MB of heap;
 * deflated, the same cells take a few megabytes. Plain data, so a worker thread's cells cross to the main
 * thread as they are (structured clone).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { detachString } from '../util/detach-string.ts';

export interface QuarantineCells {
  /** Rows kept. */
  length: number;
  /** The most cells a kept row has. */
  widest: number;
  /** Deflated blocks of JSON lines, oldest first; a row of more than a million characters is a block of its own, its cells as they are. */
  blocks: (Uint8Array | string[])[];
  /** The newest lines, not yet a block. */
  lines: string[];
  /** Characters in `lines`. */
  chars: number;
}

/**
 * Characters of JSON lines per deflated block: small enough that a block's text stays out of V8's large-object
 * space, which only a full collection frees (blocks of a million characters grew the heap by 100 MB at 10M rows).
 */
const BLOCK_CHARS = 1 << 15;

/**
 * Characters beyond which a row is kept as it is: JSON writes a control character in six, and a row of 100
 * million of them would pass the longest string V8 can make. Such rows are rare; kept, they take their size.
 */
const RAW_CHARS = 1 << 20;

export function emptyCells(): QuarantineCells {
  return { length: 0, widest: 0, blocks: [], lines: [], chars: 0 };
}

/** Keeps one row's cells (copied: the row's strings are not held). */
export function keepCells(store: QuarantineCells, cells: readonly string[]): void {
  store.length++;
  store.widest = Math.max(store.widest, cells.length);
  if (cells.reduce((chars, cell) => chars + cell.length, 0) > RAW_CHARS) {
    seal(store);
    store.blocks.push(cells.map(detachString));
    return;
  }
  // JSON escapes line breaks, lone surrogates and NUL, so a line is one row and reads back as it was.
  const line = JSON.stringify(cells);
  store.lines.push(line);
  store.chars += line.length;
  if (store.chars >= BLOCK_CHARS) seal(store);
}

/** Every row's cells, in the order kept. */
export function* cellRows(store: QuarantineCells): Generator<string[]> {
  for (const block of store.blocks) {
    if (Array.isArray(block)) {
      yield [...block];
      continue;
    }
    for (const line of inflateRawSync(block).toString('utf8').split('\n')) if (line !== '') yield JSON.parse(line) as string[];
  }
  for (const line of store.lines) yield JSON.parse(line) as string[];
}

/** `first`'s rows, then `second`'s. */
export function joinCells(first: QuarantineCells, second: QuarantineCells): QuarantineCells {
  const joined: QuarantineCells = { length: first.length, widest: Math.max(first.widest, second.widest), blocks: [...first.blocks], lines: [...first.lines], chars: first.chars };
  seal(joined);
  joined.blocks.push(...second.blocks);
  joined.lines.push(...second.lines);
  joined.chars = second.chars;
  joined.length += second.length;
  return joined;
}

function seal(store: QuarantineCells): void {
  if (store.lines.length === 0) return;
  // Level 1: the cells of a survey repeat, so even the fastest level shrinks them several times over.
  // Copied to its own size: zlib's result may sit in a larger buffer, which a structured clone would copy whole.
  store.blocks.push(new Uint8Array(deflateRawSync(Buffer.from(`${store.lines.join('\n')}\n`, 'utf8'), { level: 1 })));
  store.lines = [];
  store.chars = 0;
}

/** Each of `rows` with its cells, the rows being those whose cells `store` kept, in the same order. */
export function* withCells<R extends object>(rows: readonly R[], store: QuarantineCells): Generator<R & { cells: string[] }> {
  if (rows.length !== store.length) throw new Error(`${rows.length} quarantined rows but the cells of ${store.length}`);
  let at = 0;
  for (const cells of cellRows(store)) yield { ...(rows[at++] as R), cells };
}
