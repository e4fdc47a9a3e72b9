/**
 * Text as a chart draws it. Labels and titles come from the codebook and the data: no control may reorder
 * them (util/inert-text.ts), and none may stretch a chart (a label of 100,000 characters made a PNG 1.6
 * million pixels wide): a longer text is cut at MAX_CHART_TEXT characters, ending with `…`.
 */
import { mapStrings, withoutBidiControls } from '../util/inert-text.ts';
import { withoutXmlUnsafe } from '../util/xml-text.ts';
import { BOLD_WIDTH, estimateTextWidth } from './text-width.ts';

export const MAX_CHART_TEXT = 200;

export function chartText(text: string): string {
  // Characters no SVG may hold (XML 1.0) are dropped rather than fail the drawing.
  const plain = withoutXmlUnsafe(withoutBidiControls(text));
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
  // Parts between separators (not those inside brackets); a part too wide on its own breaks after its commas or spaces.
  const parts = topLevelParts(subtitle).flatMap((part) => (estimateTextWidth(part, 11) <= SUBTITLE_WIDTH ? [part] : part.split(/(?<=, |[，、]|\s)/u)));
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

/** How wide a title line may run at the title's 14 px bold, in pixels (the width of a chart with its labels). */
export const TITLE_WIDTH = 560;
const TITLE_SIZE = 14 * BOLD_WIDTH;

/**
 * A title as the lines it is drawn in: broken after spaces (and between CJK characters, which take no
 * spaces) into lines of at most TITLE_WIDTH pixels. One line stays a string.
 */
export function titleLines(title: string): string | string[] {
  if (estimateTextWidth(title, TITLE_SIZE) <= TITLE_WIDTH) return title;
  const pieces = title.match(/[\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef][）」』】》〉”’，。、；：！？]*|[^\s\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef]+\s*|\s+/gu) ?? [title];
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line !== '' && estimateTextWidth(`${line}${piece}`.trimEnd(), TITLE_SIZE) > TITLE_WIDTH) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else line += piece;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines.length === 1 ? (lines[0] ?? title) : lines;
}

/** A subtitle cut after each `;` or `；` outside brackets, the separator kept with the part before it. */
function topLevelParts(subtitle: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < subtitle.length; i++) {
    const ch = subtitle[i];
    if (ch === '(' || ch === '（') depth++;
    else if ((ch === ')' || ch === '）') && depth > 0) depth--;
    else if ((ch === ';' || ch === '；') && depth === 0) {
      parts.push(subtitle.slice(start, i + 1));
      start = i + 1;
      while (subtitle[start] === ' ') start++;
    }
  }
  if (start < subtitle.length) parts.push(subtitle.slice(start));
  return parts;
}

/** `text` cut to fit `width` pixels at `fontSize`, ending with `…` when cut. */
export function fitText(text: string, width: number, fontSize: number): string {
  if (estimateTextWidth(text, fontSize) <= width) return text;
  const chars = [...text];
  let kept = chars.length;
  while (kept > 0 && estimateTextWidth(`${chars.slice(0, kept).join('')}…`, fontSize) > width) kept--;
  return `${chars.slice(0, kept).join('').trimEnd()}…`;
}

/** A chart spec with every text in it as `chartText` draws it. */
export function chartTexts<T>(spec: T): T {
  return mapStrings(spec, chartText);
}

/**
 * Curly quotes as straight ones, for English charts: the charts' font (Noto Sans SC, for CJK) draws ‘ ’ “ ”
 * full-width, as Chinese sets them, which put a wide gap into "Can’ t".
 */
export function straightQuotes<T>(spec: T): T {
  return mapStrings(spec, (text) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"'));
}
