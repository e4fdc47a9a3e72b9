/** The font-subset cache stays bounded: past KEEP_SUBSETS, subsets unused for a day go, oldest first; fresh ones stay. */
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEEP_SUBSETS, pruneSubsets } from '../../src/render/font-subset.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-fonts-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('pruneSubsets', () => {
  it('keeps the newest subsets and every one used within the day, and removes old temporaries', () => {
    const now = Date.now();
    const DAY = 24 * 3_600_000;
    const make = (name: string, age: number): void => {
      writeFileSync(path.join(work, name), 'x');
      const at = new Date(now - age);
      utimesSync(path.join(work, name), at, at);
    };
    for (let i = 0; i < KEEP_SUBSETS + 20; i++) make(`old${String(i).padStart(3, '0')}-0.ttf`, 2 * DAY + i * 1000);
    for (let i = 0; i < 10; i++) make(`fresh${i}-0.ttf`, 1000);
    make('old-0.ttf.123.abc', 2 * DAY);
    make('fresh-0.ttf.456.def', 1000);
    pruneSubsets(work, now);
    const left = readdirSync(work);
    expect(left.filter((n) => n.endsWith('.ttf'))).toHaveLength(KEEP_SUBSETS);
    for (let i = 0; i < 10; i++) expect(left).toContain(`fresh${i}-0.ttf`);
    // The oldest went first: the 30 oldest of the old ones (the largest i) are gone.
    expect(left).toContain('old000-0.ttf');
    expect(left).not.toContain(`old${String(KEEP_SUBSETS + 19).padStart(3, '0')}-0.ttf`);
    expect(left).not.toContain('old-0.ttf.123.abc');
    expect(left).toContain('fresh-0.ttf.456.def');
  });
});
