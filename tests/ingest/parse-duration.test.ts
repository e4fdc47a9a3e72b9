import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/ingest/parse-duration.ts';

describe('parseDuration', () => {
  it.each([
    ['95', 95],
    ['95秒', 95],
    ['1分35秒', 95],
    ['2分', 120],
    ['1小时2分3秒', 3723],
    ['95 s', 95],
    ['1m35s', 95],
    ['00:01:35', 95],
    ['01:35', 95],
    [' 12.5 ', 12.5],
  ])('reads %j as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '秒', 'fast', '-3', '1:2:3:4', '00:99:99', '00:10:60', '5:75'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
