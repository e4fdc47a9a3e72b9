import { describe, expect, it } from 'vitest';
import { createSeenKeys } from '../../src/validate/seen-keys.ts';

describe('createSeenKeys', () => {
  it('returns the row a key was first seen on, and undefined for a new key', () => {
    const keys = createSeenKeys();
    expect(keys.firstRow('154.222.73.248(湖北-武汉)', 2)).toBeUndefined();
    expect(keys.firstRow('154.222.73.248(湖北-武汉)', 9)).toBe(2);
    expect(keys.firstRow('154.222.73.248(湖北-武汉)', 12)).toBe(2);
    expect(keys.firstRow('154.222.73.249(湖北-武汉)', 13)).toBeUndefined();
    expect(keys.firstRow('', 14)).toBeUndefined();
    expect(keys.firstRow('', 15)).toBe(14);
    expect(keys.size).toBe(3);
  });

  it('tells 300,000 distinct keys apart while growing, and finds each again with its first row', () => {
    const keys = createSeenKeys();
    const key = (i: number): string => `${(i * 2654435761) % 4294967296}.${i % 256}(${['北京', '上海'][i % 2]})`;
    let clashes = 0;
    for (let i = 0; i < 300_000; i++) if (keys.firstRow(key(i), i + 2) !== undefined) clashes++;
    expect(clashes).toBe(0);
    // Keys differing in one character, or only in order, are different keys.
    expect(keys.firstRow('ab', 1)).toBeUndefined();
    expect(keys.firstRow('ba', 1)).toBeUndefined();
    let found = 0;
    for (let i = 0; i < 300_000; i += 7) if (keys.firstRow(key(i), 999_999_999) === i + 2) found++;
    expect(found).toBe(Math.ceil(300_000 / 7));
    expect(keys.size).toBe(300_002);
  });
});
