/**
 * Text as a masking rule `show` shows it, cut to `limit` UTF-16 units and ended with `…` when longer: never
 * between the two halves of a character, nor inside a mask (`[email]`, `[phone]`, `[withheld]`). Only the
 * first `limit` + 1,000 characters are shown, so a huge text costs what a short one does, and an address or a
 * number straddling the cut is still masked whole, not half shown.
 */
const MARGIN = 1000;
const MASK = /^\[(?:email|phone|withheld)\]/;

export function shownCut(text: string, limit: number, show: (text: string) => string): string {
  const shown = show(text.length > limit + MARGIN ? text.slice(0, limit + MARGIN) : text);
  if (shown.length <= limit && text.length <= limit + MARGIN) return shown;
  let cut = limit;
  if (/[\uD800-\uDBFF]$/.test(shown.slice(0, cut))) cut--;
  const open = shown.lastIndexOf('[', cut - 1);
  const mask = open < 0 ? null : MASK.exec(shown.slice(open));
  if (mask !== null && open + mask[0].length > cut) cut = open;
  return `${shown.slice(0, cut)}…`;
}
