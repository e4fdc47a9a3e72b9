/** createColumnProfiles: what `init` learns about a column, with R's and pandas' ways of writing no answer. */
import { describe, expect, it } from 'vitest';
import { createColumnProfiles } from '../../src/init/column-profile.ts';

function profile(cells: readonly string[], name = 'q') {
  const profiler = createColumnProfiles([name]);
  for (const cell of cells) profiler.push([cell]);
  return profiler.profiles[0] as NonNullable<(typeof profiler.profiles)[0]>;
}

describe('createColumnProfiles', () => {
  it('does not count NA, NaN, N/A, #N/A, null or - as values', () => {
    const p = profile(['Female', 'NA', 'Male', 'NaN', 'N/A', '#N/A', 'null', '-', '', 'na']);
    expect(p.filled).toBe(2);
    expect([...p.values.keys()]).toEqual(['Female', 'Male']);
  });

  it('reads 2.0 (pandas\' whole number in a column with a missing value) as 2', () => {
    const p = profile(['1.0', '2.0', '', '2.0']);
    expect(Object.fromEntries(p.values)).toEqual({ 1: 1, 2: 2 });
    expect(p).toMatchObject({ numeric: 3, integer: 3, min: 1, max: 2 });
  });

  it("reads R's 1e+05 as a number", () => {
    expect(profile(['1e+05', '85000', '1.2e5'])).toMatchObject({ numeric: 3, integer: 3, min: 85_000, max: 120_000 });
  });

  it('keeps the words of a number column, and codes with leading zeros out of the numbers', () => {
    const p = profile(['5', "Don't know", '01612910137588', '7']);
    expect(p).toMatchObject({ numeric: 2, min: 5, max: 7 });
    expect([...p.nonNumbers.keys()]).toEqual(["Don't know", '01612910137588']);
  });

  it('tells row numbers (1..n as R writes them, 0..n-1 as pandas does) from other unique numbers', () => {
    expect(profile(['1', '2', '3']).rowNumbers).toBe(true);
    expect(profile(['0', '1', '2']).rowNumbers).toBe(true);
    expect(profile(['2000.726', '2012.605']).rowNumbers).toBe(false);
    expect(profile(['1', '', '3']).rowNumbers).toBe(false);
    expect(profile(['1', '2', '3']).unique).toBe(true);
    expect(profile(['1', '2', '2']).unique).toBe(false);
  });
});
