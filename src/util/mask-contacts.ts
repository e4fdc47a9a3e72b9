/**
 * Free text made fit to quote: e-mail addresses become `[email]` and phone-like numbers (seven or more digits,
 * with the spaces, dashes, dots, brackets and leading `+` people write them with, and an identity number's
 * final X) become `[phone]`; dates stay. It masks more than it must (a long order number goes too) rather
 * than less. Every repetition is bounded, so a megabyte answer is masked in linear time. Pure.
 */
const EMAIL = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/gu;
/** A digit, then six or more digits each after at most two separators: `138 0013 8000`, `+86-10-1234-5678`, `(010) 1234567`. */
const PHONE = /(?:\+|\(\+?)?\d(?:[\s().-]{0,2}\d){6,}(?:[Xx](?![A-Za-z]))?/g;
/** A calendar date written with dashes or slashes, which PHONE would otherwise take. */
const DATE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/;

export function maskContacts(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, (digits) => (DATE.test(digits) ? digits : '[phone]'));
}

/** Longest quote shown, in UTF-16 units; longer answers are cut (after masking) and end with `…`. */
export const MAX_QUOTE_LENGTH = 500;

/** An answer as a report quotes it: masked, then cut to `MAX_QUOTE_LENGTH` without splitting a character. */
export function quoteAnswer(text: string): string {
  const masked = maskContacts(text);
  if (masked.length <= MAX_QUOTE_LENGTH) return masked;
  const cut = /[\uD800-\uDBFF]$/.test(masked.slice(0, MAX_QUOTE_LENGTH)) ? MAX_QUOTE_LENGTH - 1 : MAX_QUOTE_LENGTH;
  return `${masked.slice(0, cut)}…`;
}
