/**
 * Text as a chart draws it. Labels and titles come from the codebook and the data: no control may reorder
 * them (util/inert-text.ts), and none may stretch a chart (a label of 100,000 characters made a PNG 1.6
 * million pixels wide): a longer text is cut at MAX_CHART_TEXT characters, ending with `…`.
 */
import { mapStrings, withoutBidiControls } from '../util/inert-text.ts';
import { estimateTextWidth } from './text-width.ts';

export const MAX_CHART_TEXT = 200;

export function chartText(text: string): string {
  const plain = withoutBidiControls(text);
  if (plain.length <= MAX_CHART_TEXT) return plain;
  // Not between the two halves of a character outside the BMP.
  const cut = /[\uD800-\uDBFF]/.test(plain.charAt(MAX_CHART_TEXT - 2)) ? MAX_CHART_TEXT - 2 : MAX_CHART_TEXT - 1;
  return `${plain.slice(0, cut)}…`;
}

/** How wide a subtitle line may run, in pixels: about the width of a chart with its labels. */
export const SUBTITLE_WIDTH = 560;

/**
 * A subtitle as the lines it is drawn in: its parts (between `; ` or `；`) packed into lines of at most
 * SUBTITLE_WIDTH pixels at the subtitle's 11 px, so a long weighting or source note wraps instead of being cut
 * or stretching the chart. One line stays a string.
 */
export function subtitleLines(subtitle: string): string | string[] {
  if (estimateTextWidth(subtitle, 11) <= SUBTITLE_WIDTH) return subtitle;
  // Parts between separators; a part too wide on its own breaks after its commas or spaces.
  const parts = subtitle.split(/(?<=[;；])\s*/u).flatMap((part) => (estimateTextWidth(part, 11) <= SUBTITLE_WIDTH ? [part] : part.split(/(?<=[,，、] ?|\s)/u)));
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines[lines.length - 1];
    const joined = last === undefined ? part : `${last}${/[；，、\s]$/u.test(last) ? '' : ' '}${part}`;
    if (last !== undefined && estimateTextWidth(joined.trim(), 11) <= SUBTITLE_WIDTH) lines[lines.length - 1] = joined;
    else lines.push(part);
  }
  // A line break stands for the separator that ended the line.
  return lines.map((line) => line.trim().replace(/[;；]$/u, ''));
}

/** A chart spec with every text in it as `chartText` draws it. */
export function chartTexts<T>(spec: T): T {
  return mapStrings(spec, chartText);
}
