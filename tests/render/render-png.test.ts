import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { renderPng, resvgOptions } from '../../src/render/render-png.ts';

const svg = (text: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="28" font-family="Noto Sans SC" font-size="24">${text}</text></svg>`;

function pixels(text: string): Buffer {
  return Buffer.from(new Resvg(svg(text), resvgOptions()).render().pixels);
}

function inked(buffer: Buffer): number {
  let dark = 0;
  for (let i = 0; i < buffer.length; i += 4) if ((buffer[i] ?? 255) < 128) dark++;
  return dark;
}

describe('renderPng', () => {
  it('draws real Chinese glyphs: with missing glyphs every character is the same box, so swapping two would change nothing', () => {
    const a = pixels('满意');
    const b = pixels('意满');
    expect(inked(a)).toBeGreaterThan(200);
    expect(a.equals(b)).toBe(false);
    // The glyphs are different shapes, not boxes of one size: their ink differs.
    expect(inked(pixels('一'))).toBeLessThan(inked(pixels('囍')) / 3);
  });

  it('writes a PNG at twice the SVG size', () => {
    const png = renderPng(svg('留存 retention'));
    expect(Buffer.from(png.subarray(1, 4)).toString('latin1')).toBe('PNG');
    expect(Buffer.from(png).readUInt32BE(16)).toBe(400);
    expect(Buffer.from(png).readUInt32BE(20)).toBe(80);
  });

  it('gives the same bytes every time', () => {
    expect(Buffer.from(renderPng(svg('非常满意'))).equals(Buffer.from(renderPng(svg('非常满意'))))).toBe(true);
  });
});
