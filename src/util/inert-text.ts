/**
 * Text from the data or a codebook made inert for display: the invisible controls that reorder text
 * (bidirectional overrides and isolates, U+202A-U+202E, U+2066-U+2069, and the marks U+200E, U+200F, U+061C)
 * are removed, so a label cannot reverse the figures after it; and web addresses and e-mail addresses are
 * defanged (`https[:]//`, `www[.]`, `name[@]host`), so no viewer turns them into links.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const SCHEME = /\b(https?|ftp|ftps|file|mailto|javascript|data|vbscript):/gi;
const WWW = /\bwww\./gi;
const EMAIL = /([\p{L}\p{N}._%+-])@([\p{L}\p{N}-]+\.)/gu;

export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

export function inertText(text: string): string {
  return withoutBidiControls(text).replace(SCHEME, '$1[:]').replace(WWW, 'www[.]').replace(EMAIL, '$1[@]$2');
}

/** A value (a chart spec, a parsed codebook) with every string in it passed through `change`. */
export function mapStrings<T>(value: T, change: (text: string) => string): T {
  if (typeof value === 'string') return change(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, change)) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, change)])) as T;
  return value;
}

/** A value with the bidirectional controls taken out of every string in it. */
export function withoutBidiControlsDeep<T>(value: T): T {
  return mapStrings(value, withoutBidiControls);
}
