/**
 * The CJK font cut down to the characters a set of charts draws. resvg lays out every text run against the
 * whole font, which is slow with the large Noto Sans SC faces (docs/performance.md); with a subset holding
 * only the glyphs in use the pixels are the same (glyph outlines and metrics are copied unchanged by
 * HarfBuzz's subsetter). resvg reads fonts from files, so subsets are written once into the tool's own cache
 * folder (`cacheDir()`/fonts), named by a hash of what they hold. Where that folder cannot be written, the
 * whole font is used: slower, the same pixels.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../package-info.ts';
import { cjkFontFiles } from './cjk-font.ts';

/** Printable ASCII is always kept, whatever the charts hold, so one subset serves charts with the same CJK text. */
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const PRINTABLE_ASCII = /[\x20-\x7e]+/g;

const CACHE = path.join(cacheDir(), 'fonts');

const made = new Map<string, Promise<string[]>>();

/** Paths of the regular and bold faces cut down to the characters of `text` (and printable ASCII). */
export async function subsetFontFiles(text: string, retry = true): Promise<string[]> {
  // Printable ASCII is in already: only the rest of the text is looked at (most of an SVG is ASCII markup).
  const characters = [...new Set(ASCII + decodeEntities(text).replace(PRINTABLE_ASCII, ''))].sort().join('');
  const sources = cjkFontFiles();
  const key = createHash('sha256')
    .update(JSON.stringify([characters, sources.map((file) => [path.basename(file), statSync(file).size])]))
    .digest('hex')
    .slice(0, 32);
  let files = made.get(key);
  if (files === undefined) {
    files = Promise.all(sources.map((source, i) => writeSubset(source, characters, path.join(CACHE, `${key}-${i}.ttf`)))).catch(() => sources);
    made.set(key, files);
  }
  const paths = await files;
  // A cache file removed since (a cleaner, a reinstall) is made again.
  if (paths.some((file) => !existsSync(file))) {
    made.delete(key);
    return retry ? subsetFontFiles(text, false) : sources;
  }
  return paths;
}

async function writeSubset(source: string, characters: string, target: string): Promise<string> {
  if (existsSync(target)) {
    markUsed(target);
    return target;
  }
  // Loaded only here: with the subset cached, a run never loads HarfBuzz.
  const { default: subsetFont } = await import('subset-font');
  const subset = await subsetFont(readFileSync(source), characters, { targetFormat: 'truetype' });
  mkdirSync(path.dirname(target), { recursive: true });
  // Written aside and renamed, so a process running beside this one never reads half a font.
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(temporary, subset);
  renameSync(temporary, target);
  pruneSubsets(path.dirname(target));
  return target;
}

/** Subsets kept in the cache at most; beyond, those unused for a day go, oldest first. */
export const KEEP_SUBSETS = 200;
const UNUSED_MS = 24 * 3_600_000;

/** A subset's modification time is when it was last used (`pruneSubsets` goes by it). */
function markUsed(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // A read-only cache is never pruned either.
  }
}

/**
 * Keeps the cache from growing without bound (every new set of characters makes a subset): past
 * KEEP_SUBSETS files, removes those unused for a day, oldest first, and temporaries left by killed runs. A
 * subset in use by a run beside this one was used within the day, so it stays.
 */
export function pruneSubsets(dir: string, now = Date.now()): void {
  try {
    const files = readdirSync(dir).map((name) => ({ name, used: statSync(path.join(dir, name)).mtimeMs }));
    const old = files.filter((f) => now - f.used > UNUSED_MS).sort((a, b) => a.used - b.used || (a.name < b.name ? -1 : 1));
    let count = files.filter((f) => f.name.endsWith('.ttf')).length;
    for (const file of old) {
      const temporary = !file.name.endsWith('.ttf');
      if (!temporary && count <= KEEP_SUBSETS) continue;
      rmSync(path.join(dir, file.name), { force: true });
      if (!temporary) count--;
    }
  } catch {
    // Another run pruning at the same time, or no cache folder: nothing to do.
  }
}

/** SVG text may hold characters as `&#NNNN;` / `&#xHHHH;` references: the subset needs the characters. */
function decodeEntities(text: string): string {
  return text.replace(/&#(x[0-9a-f]+|\d+);/gi, (_, code: string) => {
    const point = code[0] === 'x' || code[0] === 'X' ? Number.parseInt(code.slice(1), 16) : Number(code);
    return point <= 0x10ffff ? String.fromCodePoint(point) : '';
  });
}
