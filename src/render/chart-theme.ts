/**
 * One look for every chart, as Vega-Lite `config`: a colour-blind-safe blue, quiet axes, a CJK-capable
 * sans-serif stack. The colours that carry meaning live here only: marks in the main colour take it from
 * their mark type's config (`bar`, `line`, …), a chart's one colour scale takes `config.range.category`, and
 * the sample-vs-population connector a style. So a codebook's `theme:` restyles every chart through its
 * config, and so can anyone editing a `.vl.json`.
 */
import type { Theme } from '../codebook/schema.ts';

export const FONT = '"Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif';
/** Ink: interval bars, value labels, point labels. */
export const INTERVAL_COLOR = '#1F2D3D';

export interface Palette {
  main: string;
  highlight: string;
  muted: string;
}

export const DEFAULT_PALETTE: Palette = { main: '#4C78A8', highlight: '#d6604d', muted: '#9aa5b1' };

/** A colour-blind-safe diverging scale (ColorBrewer RdBu), neutral grey in the middle, by number of options. */
const LIKERT: Record<number, string[]> = {
  3: ['#d6604d', '#d9d9d9', '#4393c3'],
  4: ['#b2182b', '#f4a582', '#92c5de', '#2166ac'],
  5: ['#b2182b', '#f4a582', '#d9d9d9', '#92c5de', '#2166ac'],
  6: ['#b2182b', '#d6604d', '#f4a582', '#92c5de', '#4393c3', '#2166ac'],
  7: ['#b2182b', '#d6604d', '#f4a582', '#d9d9d9', '#92c5de', '#4393c3', '#2166ac'],
};

/** The colours of a likert chart of `options` answers (3 to 7 of them). */
export function likertColours(options: number): `#${string}`[] {
  return (LIKERT[Math.min(7, Math.max(3, options))] ?? []) as `#${string}`[];
}

/** Detractors, passives, promoters. */
export const NPS_COLOURS: `#${string}`[] = ['#d6604d', '#bababa', '#4393c3'];

export function paletteOf(theme: Theme | undefined): Palette {
  const given = theme?.palette;
  return { main: given?.main ?? DEFAULT_PALETTE.main, highlight: given?.highlight ?? DEFAULT_PALETTE.highlight, muted: given?.muted ?? DEFAULT_PALETTE.muted };
}

/** The font list: the theme's family first, then the CJK-capable stack. */
export function fontOf(theme: Theme | undefined): string {
  return theme?.font === undefined ? FONT : `"${theme.font}", ${FONT}`;
}

/**
 * The config of a chart in `theme`; `category` is the chart's one colour scale (`range: 'category'`), by
 * palette role or as fixed colours.
 */
export function chartConfig(theme?: Theme, category?: readonly (keyof Palette | `#${string}`)[]) {
  const palette = paletteOf(theme);
  const { main, muted } = palette;
  return {
    font: fontOf(theme),
    background: '#ffffff',
    padding: 8,
    view: { stroke: null },
    axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', grid: false, domainColor: '#888888', tickColor: '#888888' },
    title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: '#555555', anchor: 'start', offset: 8 },
    area: { color: main },
    bar: { color: main },
    line: { color: main },
    point: { color: main },
    rect: { color: main },
    style: { connector: { color: muted } },
    ...(category === undefined ? {} : { range: { category: category.map((c) => (c.startsWith('#') ? c : palette[c as keyof Palette])) } }),
  };
}
