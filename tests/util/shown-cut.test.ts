import { describe, expect, it } from 'vitest';

import { shownCut } from '../../src/util/shown-cut.ts';

const same = (text: string): string => text;
const withhold = (text: string): string => text.replace(/\d{6,}/g, '[withheld]');

describe('shownCut', () => {
  it('keeps text at or under the limit as shown', () => {
    expect(shownCut('abcde', 5, same)).toBe('abcde');
    expect(shownCut('id 1234567', 20, withhold)).toBe('id [withheld]');
  });

  it('cuts longer text at the limit and ends it with …', () => {
    expect(shownCut('abcdefgh', 5, same)).toBe('abcde…');
  });

  it('never splits a surrogate pair', () => {
    // 'abcd' then U+1F600 (two UTF-16 units): a cut at 5 would keep only its first half.
    expect(shownCut('abcd😀xyz', 5, same)).toBe('abcd…');
  });

  it('never cuts inside a mask: the mask is dropped whole', () => {
    // shown: 'ab [withheld] cd'; a cut at 8 falls inside '[withheld]' (from 3 to 13).
    expect(shownCut('ab 12345678 cd', 8, withhold)).toBe('ab …');
  });

  it('masks a number that straddles the cut before cutting', () => {
    const text = `${'x'.repeat(4)}12345678`;
    expect(shownCut(text, 6, withhold)).toBe('xxxx…');
  });

  it('shows only the first limit + 1,000 characters of a huge text, and still marks the cut', () => {
    const huge = 'a'.repeat(5000);
    expect(shownCut(huge, 10, same)).toBe(`${'a'.repeat(10)}…`);
  });
});
