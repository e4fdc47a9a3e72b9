/**
 * The font PNGs are drawn with: Noto Sans SC (SIL Open Font License), installed from npm by
 * `@expo-google-fonts/noto-sans-sc`, so a fresh machine draws Chinese after `npm ci` with nothing from the
 * system. Without it every CJK glyph would be a box; the tool refuses instead.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UserError } from '../util/user-error.ts';

export const CJK_FONT_FAMILY = 'Noto Sans SC';
const PACKAGE = '@expo-google-fonts/noto-sans-sc';
const FILES = ['400Regular/NotoSansSC_400Regular.ttf', '700Bold/NotoSansSC_700Bold.ttf'];

/** Paths of the regular and bold faces; a UserError when the package is missing. */
export function cjkFontFiles(): string[] {
  let root: string;
  try {
    root = path.dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
  } catch {
    throw new UserError(PACKAGE, 'is not installed, and PNG charts need it to draw Chinese text (not boxes); run `npm ci` in the stickiness folder');
  }
  const files = FILES.map((file) => path.join(root, file));
  const missing = files.find((file) => !existsSync(file));
  if (missing !== undefined) throw new UserError(missing, 'font file missing; reinstall with `npm ci` so PNG charts can draw Chinese text');
  return files;
}
