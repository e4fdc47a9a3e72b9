/** SVG texts → PNG bytes through resvg (a Rust renderer shipped as a prebuilt npm binary), at 2× for print. */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { CJK_FONT_FAMILY } from './cjk-font.ts';
import { encodePng } from './encode-png.ts';
import { subsetFontFiles } from './font-subset.ts';

/** Device pixels per SVG pixel: crisp on screens and in print. */
const SCALE = 2;

/** resvg's options: the given CJK font files only (no system fonts, so every machine draws the same pixels). */
export function resvgOptions(fontFiles: string[]): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: SCALE },
    background: '#ffffff',
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: CJK_FONT_FAMILY, sansSerifFamily: CJK_FONT_FAMILY },
  };
}

/** Each SVG as a PNG, drawn with one font subset holding every character the SVGs use. */
export async function renderPngs(svgs: readonly string[]): Promise<Uint8Array[]> {
  if (svgs.length === 0) return [];
  const options = resvgOptions(await subsetFontFiles(svgs.join('')));
  return svgs.map((svg) => {
    const image = new Resvg(svg, options).render();
    return encodePng(image.width, image.height, image.pixels);
  });
}
