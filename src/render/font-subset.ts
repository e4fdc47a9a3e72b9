/**
 * The CJK font cut down to the characters a set of charts draws. resvg lays out every text run against the
 * whole font, which is slow with the large Noto Sans SC faces (docs/performance.md); with a subset holding
 * only the glyphs in use the pixels are the same (glyph outlines and metrics are copied unchanged by
 * HarfBuzz's subsetter). resvg reads fonts from files, so subsets are written once into the tool's own cache
 * folder (`cacheDir()`/fonts), named by a hash of what they hold. Where that folder cannot be written, the
 * whole font is used: slower, the same pixels.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
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
  if (existsSync(target)) return target;
  // Loaded only here: with the subset cached, a run never loads HarfBuzz.
  const { default: subsetFont } = await import('subset-font');
  const subset = await subsetFont(readFileSync(source), characters, { targetFormat: 'truetype' });
  mkdirSync(path.dirname(target), { recursive: true });
  // Written aside and renamed, so a process running beside this one never reads half a font.
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(temporary, subset);
  renameSync(temporary, target);
  return target;
}

/** SVG text may hold characters as `&#NNNN;` / `&#xHHHH;` references: the subset needs the characters. */
function decodeEntities(text: string): string {
  return text.replace(/&#(x[0-9a-f]+|\d+);/gi, (_, code: string) => {
    const point = code[0] === 'x' || code[0] === 'X' ? Number.parseInt(code.slice(1), 16) : Number(code);
    return point <= 0x10ffff ? String.fromCodePoint(point) : '';
  });
}
