import { Resvg } from '@resvg/resvg-js';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cjkFontFiles } from '../../src/render/cjk-font.ts';
import { subsetFontFiles } from '../../src/render/font-subset.ts';
import { renderPngs, resvgOptions, withoutHiddenText } from '../../src/render/render-png.ts';

const svg = (text: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="28" font-family="Noto Sans SC" font-size="24">${text}</text></svg>`;

/** Pixels drawn with the whole font, as installed. */
function pixels(text: string): Buffer {
  return Buffer.from(new Resvg(svg(text), resvgOptions(cjkFontFiles())).render().pixels);
}

function inked(buffer: Buffer): number {
  let dark = 0;
  for (let i = 0; i < buffer.length; i += 4) if ((buffer[i] ?? 255) < 128) dark++;
  return dark;
}

async function renderPng(svgText: string): Promise<Buffer> {
  const [png] = await renderPngs([svgText]);
  return Buffer.from(png ?? []);
}

describe('renderPngs', () => {
  it('draws real Chinese glyphs: with missing glyphs every character is the same box, so swapping two would change nothing', async () => {
    const a = pixels('满意');
    const b = pixels('意满');
    expect(inked(a)).toBeGreaterThan(200);
    expect(a.equals(b)).toBe(false);
    // The glyphs are different shapes, not boxes of one size: their ink differs.
    expect(inked(pixels('一'))).toBeLessThan(inked(pixels('囍')) / 3);
    // The same holds for the font subset the charts are drawn with.
    expect((await renderPng(svg('满意'))).equals(await renderPng(svg('意满')))).toBe(false);
  });

  it('draws with the font subset exactly what the whole font draws, on every chart of the sample report', async () => {
    const dir = new URL('../../reports/kimi-2024/charts/', import.meta.url);
    const svgs = readdirSync(dir).filter((name) => name.endsWith('.svg')).map((name) => readFileSync(new URL(name, dir), 'utf8'));
    expect(svgs.length).toBeGreaterThan(10);
    const subset = resvgOptions(await subsetFontFiles(svgs.join('')));
    for (const text of svgs) {
      const whole = new Resvg(text, resvgOptions(cjkFontFiles())).render().pixels;
      expect(new Resvg(text, subset).render().pixels.equals(whole)).toBe(true);
    }
  }, 60_000);

  it('writes PNGs that decode to exactly the pixels drawn (read back by resvg from a data: URL)', async () => {
    const text = readFileSync(new URL('../../reports/kimi-2024/charts/retention.svg', import.meta.url), 'utf8');
    const drawn = new Resvg(text, resvgOptions(cjkFontFiles())).render();
    const [png] = await renderPngs([text]);
    const { width, height } = drawn;
    const wrapper = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" xlink:href="data:image/png;base64,${Buffer.from(png ?? []).toString('base64')}"/></svg>`;
    const decoded = new Resvg(wrapper, { fitTo: { mode: 'original' } }).render();
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(decoded.pixels.equals(drawn.pixels)).toBe(true);
  });

  it('keeps characters written as character references', async () => {
    const direct = await renderPng(svg('满意'));
    expect((await renderPng(svg('&#28385;&#x610F;'))).equals(direct)).toBe(true);
  });

  it('writes a PNG at twice the SVG size', async () => {
    const png = await renderPng(svg('留存 retention'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(400);
    expect(png.readUInt32BE(20)).toBe(80);
  });

  it('leaves out the labels vega hid (opacity 0), which draw nothing', () => {
    const hidden = '<text x="4" y="28" font-size="24" opacity="0">隐藏</text>';
    const shown = '<text x="4" y="28" font-size="24" opacity="1">显示</text>';
    const odd = '<text aria-label="a > b" x="4" y="28" opacity="0">a &gt; b</text>';
    const page = (body: string): string => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">${body}</svg>`;
    expect(withoutHiddenText(page(hidden + shown + odd))).toBe(page(shown + odd));
    // resvg draws the same pixels with the hidden label as without it.
    const options = resvgOptions(cjkFontFiles());
    const drawn = (body: string): Buffer => Buffer.from(new Resvg(page(body), options).render().pixels);
    expect(drawn(hidden + shown).equals(drawn(shown))).toBe(true);
  });

  it('gives the same bytes every time', async () => {
    expect((await renderPng(svg('非常满意'))).equals(await renderPng(svg('非常满意')))).toBe(true);
  });
});
