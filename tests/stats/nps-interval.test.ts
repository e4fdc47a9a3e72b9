/**
 * npsInterval (src/stats/nps-interval.ts).
 *
 * Expected values: tests/reference/reference-values.json, the "nps" entries, computed in Python with the
 * hand formula recorded in each entry's `call` (tests/reference/reference_values.py), z from scipy 1.10.1:
 *   p+ = promoters/n, p- = detractors/n; nps = 100*(p+ - p-); var = (p+ + p- - (p+ - p-)**2)/n;
 *   z = scipy.stats.norm.ppf(1 - (1-level)/2); low/high = nps -/+ z*100*sqrt(var), clipped to [-100, 100]
 * The property tests draw their counts from seededRandom (src/util/random.ts).
 */
import { describe, expect, it } from 'vitest';
import reference from '../reference/reference-values.json' with { type: 'json' };
import { npsInterval } from '../../src/stats/nps-interval.ts';
import { seededRandom } from '../../src/util/random.ts';

describe('npsInterval', () => {
  for (const { promoters, passives, detractors, n, level, nps, low, high } of reference.nps) {
    it(`npsInterval(${promoters}, ${passives}, ${detractors}, ${level}) matches the hand formula with scipy.stats.norm.ppf`, () => {
      const result = npsInterval(promoters, passives, detractors, level);
      expect(result?.estimate).toBeCloseTo(nps, 9);
      expect(result?.ci?.[0]).toBeCloseTo(low, 9);
      expect(result?.ci?.[1]).toBeCloseTo(high, 9);
      expect(result?.promoters).toBeCloseTo(promoters / n, 12);
      expect(result?.passives).toBeCloseTo(passives / n, 12);
      expect(result?.detractors).toBeCloseTo(detractors / n, 12);
    });
  }

  it('npsInterval(0, 0, 0, 0.95) is null: no responses, no score', () => {
    expect(npsInterval(0, 0, 0, 0.95)).toBeNull();
  });

  it.each([
    [154, 0, 0, 100],
    [0, 154, 0, 0],
    [0, 0, 154, -100],
    [1, 0, 0, 100],
  ])('npsInterval(%i, %i, %i, 0.95) with everyone in one class is the single point %i', (promoters, passives, detractors, point) => {
    const result = npsInterval(promoters, passives, detractors, 0.95);
    expect(result?.estimate).toBe(point);
    expect(result?.ci).toEqual([point, point]);
  });

  it('npsInterval(9, 0, 1, 0.99) clips the high end to 100', () => {
    // Hand: n = 10, p+ = 0.9, p- = 0.1, NPS = 80; var = (0.9 + 0.1 − 0.8²)/10 = 0.036;
    // z(0.99) = 2.5758293035489 (scipy.stats.norm.ppf(0.995)); half = 2.5758293 · 100 · √0.036 = 48.8735…
    // low = 80 − 48.8735… = 31.1265…, high = 128.87… → clipped to 100.
    const result = npsInterval(9, 0, 1, 0.99);
    expect(result?.estimate).toBeCloseTo(80, 12);
    expect(result?.ci?.[0]).toBeCloseTo(80 - 2.5758293035489 * 100 * Math.sqrt(0.036), 9);
    expect(result?.ci?.[1]).toBe(100);
  });

  it('stays within [-100, 100], contains the score and is never NaN (500 seeded draws)', () => {
    const random = seededRandom(1234);
    for (let draw = 0; draw < 500; draw++) {
      // Mix small samples (where clipping happens) with large ones.
      const max = random.next() < 0.5 ? 5 : 2000;
      const [promoters, passives, detractors] = [random.int(0, max), random.int(0, max), random.int(0, max)];
      const label = `npsInterval(${promoters}, ${passives}, ${detractors}, 0.95)`;
      const result = npsInterval(promoters, passives, detractors, [0.8, 0.9, 0.95, 0.99][draw % 4] ?? 0.95);
      if (promoters + passives + detractors === 0) {
        expect(result, label).toBeNull();
        continue;
      }
      const [low, high] = result?.ci ?? [Number.NaN, Number.NaN];
      const estimate = result?.estimate ?? Number.NaN;
      expect(Number.isNaN(low) || Number.isNaN(high) || Number.isNaN(estimate), label).toBe(false);
      expect(low, label).toBeGreaterThanOrEqual(-100);
      expect(low, label).toBeLessThanOrEqual(estimate);
      expect(high, label).toBeGreaterThanOrEqual(estimate);
      expect(high, label).toBeLessThanOrEqual(100);
      expect((result?.promoters ?? 0) + (result?.passives ?? 0) + (result?.detractors ?? 0), label).toBeCloseTo(1, 12);
    }
  });
});
