/** Masking of e-mail addresses and phone numbers in quoted free text; expected strings written by hand. */
import { describe, expect, it } from 'vitest';
import { MAX_QUOTE_LENGTH, maskContacts, quoteAnswer } from '../../src/util/mask-contacts.ts';

describe('maskContacts', () => {
  it.each([
    ['联系我 zhang.san+kimi@example.com.cn 谢谢', '联系我 [email] 谢谢'],
    ['mail 王@例子.中国 ok', 'mail [email] ok'],
    ['手机13800138000', '手机[phone]'],
    ['call 138 0013 8000 or +86-10-1234-5678', 'call [phone] or [phone]'],
    ['(010) 6552-9988 office', '([phone] office'],
    ['ID 11010519491231002X', 'ID [phone]'],
    ['全角 li.lei＠example.com 与 １３８００１３８０００', '全角 [email] 与 [phone]'],
    ['138－0013－8000 or 138 - 0013 - 8000 or 138_0013_8000', '[phone] or [phone] or [phone]'],
    ['li.lei [at] example.com', '[email]'],
    ["o'brien@example.ie", '[email]'],
    // Zero-width spaces, word joiners and soft hyphens cannot split a number or an address from the mask.
    ['138\u200b0013\u200b8000', '[phone]'],
    ['bob\u200b@example.com', '[email]'],
    ['13\u00ad800\u2060138000', '[phone]'],
    // Phone numbers written in Chinese numerals (幺 is how 1 is read out in one).
    ['电话一三八〇〇一三八〇〇〇', '电话[phone]'],
    ['幺三八 〇〇一三 八〇〇〇 谢谢', '[phone] 谢谢'],
  ])('masks %s', (text, masked) => {
    expect(maskContacts(text)).toBe(masked);
  });

  it.each(['用了三个月，每周五天', '二〇二四年三月十五日', '用了3个月，每周5天', 'NPS 9/10, since 2024-03-15', 'version 1.2.3', '价格 199 元', '2024-03-15 10:30 起', '(2024-03-15)', '2024.1.1-2024.3.1', '10:30-11:45'])('leaves ordinary numbers alone: %s', (text) => {
    expect(maskContacts(text)).toBe(text);
  });
});

describe('maskContacts on huge answers', () => {
  it('masks a 2 MB answer with an address at its end, and leaves the letters before it', () => {
    const text = `${'a'.repeat(2_000_000)} x@y.example ${'9'.repeat(3)}`;
    expect(maskContacts(text)).toBe(`${'a'.repeat(2_000_000)} [email] 999`);
  });
});

describe('quoteAnswer', () => {
  it('cuts a long answer after masking, without splitting a character', () => {
    expect(quoteAnswer(`${'好'.repeat(600)}`)).toBe(`${'好'.repeat(MAX_QUOTE_LENGTH)}…`);
    expect(quoteAnswer(`${'x'.repeat(MAX_QUOTE_LENGTH - 1)}😀tail`)).toBe(`${'x'.repeat(MAX_QUOTE_LENGTH - 1)}…`);
    expect(quoteAnswer(`${'x'.repeat(MAX_QUOTE_LENGTH - 8)} a@b.cd`)).toBe(`${'x'.repeat(MAX_QUOTE_LENGTH - 8)} [email]`);
    // A mask straddling the cut goes whole, not as `[pho…`.
    expect(quoteAnswer(`${'x'.repeat(MAX_QUOTE_LENGTH - 3)} 13800138000 tail`)).toBe(`${'x'.repeat(MAX_QUOTE_LENGTH - 3)} …`);
  });

  it('masks only what it may show: a 2 MB answer of Chinese is quoted at once', () => {
    expect(quoteAnswer(`${'中'.repeat(2_000_000)}`)).toBe(`${'中'.repeat(MAX_QUOTE_LENGTH)}…`);
  });
});
