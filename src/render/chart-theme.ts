/** One look for every chart: a colour-blind-safe blue, quiet axes, a CJK-capable sans-serif stack. */
export const FONT = '"Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif';
export const BAR_COLOR = '#4C78A8';
export const INTERVAL_COLOR = '#1F2D3D';

export const chartConfig = {
  font: FONT,
  background: '#ffffff',
  padding: 8,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', grid: false, domainColor: '#888888', tickColor: '#888888' },
  title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: '#555555', anchor: 'start', offset: 8 },
} as const;
