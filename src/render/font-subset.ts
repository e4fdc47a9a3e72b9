/**
 * The CJK font cut down to the characters a set of charts draws. resvg lays out every text run against the
 * whole font, and with the 10 MB Noto Sans SC faces that took ~80 ms per chart; with a subset holding only
 * the glyphs in use it takes a few, and the pixels are the same (glyph outlines and metrics are copied
 * unchanged by HarfBuzz's subsetter). resvg reads fonts from files, so subsets are written once into a
 * cache folder under the system's temporary folder, named by a hash of what they hold.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import subsetFont from 'subset-font';
import { cjkFontFiles } from './cjk-font.ts';

/** Printable ASCII is always kept, whatever the charts hold, so one subset serves charts with the same CJK text. */
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

const made = new Map<string, Promise<string[]>>();

/** Paths of the regular and bold faces cut down to the characters of `text` (and printable ASCII). */
export function subsetFontFiles(text: string): Promise<string[]> {
  const characters = [...new Set(ASCII + decodeEntities(text))].sort().join('');
  const sources = cjkFontFiles();
  const key = createHash('sha256')
    .update(JSON.stringify([characters, sources.map((file) => [path.basename(file), statSync(file).size])]))
    .digest('hex')
    .slice(0, 32);
  let files = made.get(key);
  if (files === undefined) {
    files = Promise.all(sources.map((source, i) => writeSubset(source, characters, path.join(cacheDir(), `${key}-${i}.ttf`))));
    made.set(key, files);
  }
  return files;
}

async function writeSubset(source: string, characters: string, target: string): Promise<string> {
  try {
    if (statSync(target).size > 0) return target;
  } catch {
    // not made yet
  }
  const subset = await subsetFont(readFileSync(source), characters, { targetFormat: 'truetype' });
  // Written aside and renamed, so a process running beside this one never reads half a font.
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(temporary, subset);
  renameSync(temporary, target);
  return target;
}

function cacheDir(): string {
  const dir = path.join(os.tmpdir(), 'stickiness-font-subsets');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** SVG text may hold characters as `&#NNNN;` / `&#xHHHH;` references: the subset needs the characters. */
function decodeEntities(text: string): string {
  return text.replace(/&#(x[0-9a-f]+|\d+);/gi, (_, code: string) => {
    const point = code[0] === 'x' || code[0] === 'X' ? Number.parseInt(code.slice(1), 16) : Number(code);
    return point <= 0x10ffff ? String.fromCodePoint(point) : '';
  });
}
