/**
 * Text width for vega's layout without the native `canvas` package. Vega's own estimate (0.8 em per
 * character) is too narrow for CJK, which takes a full em, so Chinese labels got clipped and overlapped
 *. This estimate gives CJK and full-width characters 1 em, narrow Latin letters and
 * punctuation less, and matched canvas layout within a pixel on the labels tried.
 */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const NARROW = /[ilj.,:;'|!()[\]{}\-ft ]/u;

/** Width in pixels of `text` set at `fontSize`. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) {
    if (WIDE.test(ch)) ems += 1;
    else if (NARROW.test(ch)) ems += 0.32;
    else if (/[A-Z0-9%@#&mwMW]/u.test(ch)) ems += 0.66;
    else ems += 0.56;
  }
  return ems * fontSize;
}

/** Bold glyphs run wider: a bold title measured as regular text was cut at the image's edge. */
export const BOLD_WIDTH = 1.12;

/**
 * The signature of `vega.textMetrics.width`: an item with font settings and one line of text. A text with a
 * `limit` is drawn cut to it, so it takes no more room than the limit (vega's own measures do the same).
 */
export function vegaTextWidth(item: { fontSize?: number | string; fontWeight?: number | string; limit?: number }, line: unknown): number {
  const size = item.fontSize === undefined || item.fontSize === null ? 11 : Number(item.fontSize) || 0;
  const text = line === null || line === undefined ? '' : String(line).trim();
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || (Number(weight) || 0) >= 600;
  const width = estimateTextWidth(text, size) * (bold ? BOLD_WIDTH : 1);
  return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
}
