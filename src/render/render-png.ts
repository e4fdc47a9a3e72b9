/** SVG texts → PNG bytes through resvg (a Rust renderer shipped as a prebuilt npm binary), at 2× for print. */
import v8 from 'node:v8';
import vm from 'node:vm';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { CJK_FONT_FAMILY } from './cjk-font.ts';
import { encodePng } from './encode-png.ts';
import { subsetFontFiles } from './font-subset.ts';

/** V8's collector, which Node exposes only behind a flag: set here, at run time, as Jest does for its leak detector. */
const collectGarbage = ((): ((options: { type: 'minor' | 'major' }) => void) | undefined => {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;
  } catch {
    return undefined;
  }
})();

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

/**
 * vega hides labels that would overlap with `opacity="0"`, and resvg would still shape and outline them (a
 * tenth of a survey's labels): they are left out of what resvg is given. A `<text>` whose attributes hold a
 * `>` is left in, as the pattern stops there.
 */
const HIDDEN_TEXT = /<text\b[^>]*\sopacity="0"[^>]*>[^<]*<\/text>/g;

export function withoutHiddenText(svg: string): string {
  return svg.replace(HIDDEN_TEXT, '');
}

/** Each SVG as a PNG, drawn with one font subset holding every character the SVGs use. */
export async function renderPngs(svgs: readonly string[]): Promise<Uint8Array[]> {
  if (svgs.length === 0) return [];
  const options = resvgOptions(await subsetFontFiles(svgs.join('')));
  const pngs: Uint8Array[] = [];
  for (const svg of svgs) {
    const image = new Resvg(withoutHiddenText(svg), options).render();
    pngs.push(encodePng(image.width, image.height, image.pixels));
    // resvg frees an image's pixels only when V8 collects its wrapper and the event loop turns, and V8 does
    // not see that memory (resvg-js issue #216): a quick young-generation collection after each chart frees
    // it before it piles up (about 13 MB a chart at 2x).
    collectGarbage?.({ type: 'minor' });
    await new Promise((resolve) => setImmediate(resolve));
  }
  return pngs;
}
