/**
 * Text as a chart draws it. Labels and titles come from the codebook and the data: no control may reorder
 * them (util/inert-text.ts), and none may stretch a chart (a label of 100,000 characters made a PNG 1.6
 * million pixels wide): a longer text is cut at MAX_CHART_TEXT characters, ending with `…`.
 */
import { mapStrings, withoutBidiControls } from '../util/inert-text.ts';

export const MAX_CHART_TEXT = 200;

export function chartText(text: string): string {
  const plain = withoutBidiControls(text);
  if (plain.length <= MAX_CHART_TEXT) return plain;
  // Not between the two halves of a character outside the BMP.
  const cut = /[\uD800-\uDBFF]/.test(plain.charAt(MAX_CHART_TEXT - 2)) ? MAX_CHART_TEXT - 2 : MAX_CHART_TEXT - 1;
  return `${plain.slice(0, cut)}…`;
}

/** A chart spec with every text in it as `chartText` draws it. */
export function chartTexts<T>(spec: T): T {
  return mapStrings(spec, chartText);
}
