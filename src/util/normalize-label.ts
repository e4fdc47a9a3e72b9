/**
 * The form in which labels and header names are compared: Unicode NFKC, bidirectional controls removed
 * (util/inert-text.ts), runs of white space (the non-breaking space included) folded to one space, ends trimmed. docs/codebook.md: "Labels match the
 * export after Unicode normalisation".
 */
import { withoutBidiControls } from './inert-text.ts';

export function normalizeLabel(text: string): string {
  // Most cells are printable ASCII and common CJK ideographs, single-spaced: NFKC and the folding leave them as they are.
  if (PLAIN.test(text)) return text;
  return withoutBidiControls(text.normalize('NFKC')).replace(/\s+/gu, ' ').trim();
}

/** Text NFKC leaves alone (printable ASCII, CJK unified ideographs) with no white space but single inner spaces. */
const PLAIN = /^[\x21-\x7e\u4e00-\u9fff]+(?: [\x21-\x7e\u4e00-\u9fff]+)*$/;
