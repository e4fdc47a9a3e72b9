/** SVG text → PNG bytes through resvg (a Rust renderer shipped as a prebuilt npm binary), at 2× for print. */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { CJK_FONT_FAMILY, cjkFontFiles } from './cjk-font.ts';

/** Device pixels per SVG pixel: crisp on screens and in print. */
const SCALE = 2;

/** resvg's options: the bundled CJK font only (no system fonts, so every machine draws the same pixels). */
export function resvgOptions(): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: SCALE },
    background: '#ffffff',
    font: { fontFiles: cjkFontFiles(), loadSystemFonts: false, defaultFontFamily: CJK_FONT_FAMILY, sansSerifFamily: CJK_FONT_FAMILY },
  };
}

export function renderPng(svg: string): Uint8Array {
  return new Resvg(svg, resvgOptions()).render().asPng();
}
