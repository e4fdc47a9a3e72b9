/**
 * Free text made fit to quote: e-mail addresses become `[email]` and phone-like numbers (seven or more digits,
 * with the spaces, dashes, dots, slashes, brackets and leading `+` people write them with, and an identity
 * number's final X) become `[phone]`, and so do seven or more digits written as Chinese numerals
 * (〇一二三四五六七八九, 零 and 幺). Full-width digits, `＠`, `－` and `．` count as their ASCII forms (and are
 * shown so); invisible characters that could split an address or a number (zero-width spaces, word joiners,
 * soft hyphens) are removed; other text is kept as typed; dates and times stay. It masks more than it must (a long order number, an IP address, a version) rather than less.
 * Every repetition is bounded, so masking is linear in the text. Pure.
 */
import { shownCut } from './shown-cut.ts';

const EMAIL = /[\p{L}\p{N}._%+'-]{1,64}\s?(?:@|[[(]at[\])])\s?[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/giu;
/**
 * A date (`2024-03-15`, `2024/3/15`, `2024.1.1`) with an optional time, or a time alone: kept. Otherwise a
 * digit, then six or more digits each after at most three separators: `138 0013 8000`, `+86-10-1234-5678`,
 * `(010) 1234567` (the opening bracket stays), `138 - 0013 - 8000`: masked.
 */
const DATE_OR_PHONE = /(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?)|\+?\d(?:[\s().\-–—_/、]{0,3}\d){6,}(?:[Xx](?![A-Za-z]))?/g;

/** Seven or more digits, at least one a Chinese numeral, with up to three separators between them. */
const CHINESE_PHONE = /(?=[^]{0,40}?[〇零一二三四五六七八九幺])[〇零一二三四五六七八九幺\d](?:[\s().\-–—_/、]{0,3}[〇零一二三四五六七八九幺\d]){6,}/g;
const INVISIBLE = /[\u200b\u2060\ufeff\u00ad\u180e]/g;

export function maskContacts(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(/[\uFF10-\uFF19\uFF20\uFF0D\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(EMAIL, '[email]')
    .replace(DATE_OR_PHONE, (match, date: string | undefined) => date ?? '[phone]')
    .replace(CHINESE_PHONE, '[phone]');
}

/** Longest quote shown, in UTF-16 units; longer answers are cut (after masking) and end with `…`. */
export const MAX_QUOTE_LENGTH = 500;

/** An answer as a report quotes it: masked, then cut to `MAX_QUOTE_LENGTH` without splitting a character or a mask. */
export function quoteAnswer(text: string): string {
  return shownCut(text, MAX_QUOTE_LENGTH, maskContacts);
}
