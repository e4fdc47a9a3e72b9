/**
 * The form in which labels and header names are compared: Unicode NFKC, runs of white space (the
 * non-breaking space included) folded to one space, ends trimmed. CONTRACT section 2: "Labels match the
 * export after Unicode normalisation".
 */
export function normalizeLabel(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}
