import { describe, expect, it } from 'vitest';
import { looksPersonal } from '../../src/util/looks-personal.ts';

describe('looksPersonal', () => {
  it.each(['1.2.3.4', '163.126.194.150(湖北-武汉)', '2001:db8::1', 'user@example.com', '13812345678', '+86 138 1234 5678', '010-12345678'])(
    'finds %j personal',
    (cell) => expect(looksPersonal(cell)).toBe(true),
  );

  it.each(['', '微信', '95秒', '2024/3/15 10:23:11', '12', '1.5', 'v1.2.3', '1-3个月', '2024-03-15'])('finds %j not personal', (cell) => {
    expect(looksPersonal(cell)).toBe(false);
  });
});
