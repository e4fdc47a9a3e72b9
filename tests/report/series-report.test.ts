/** Trend charts place each wave by its fieldwork start; waves sharing a start keep their own places. */
import { describe, expect, it } from 'vitest';
import { waveLabels } from '../../src/report/series-report.ts';
import type { WavePoint } from '../../src/model/series.ts';

const point = (survey: string, start: string | null): WavePoint => ({ survey, title: survey, start, estimate: 0.5, ci: [0.4, 0.6], n: 100 });

describe('waveLabels', () => {
  it('uses the start dates when they tell the waves apart, and the id where a wave has none', () => {
    expect(waveLabels([point('march', '2024-03-15'), point('june', '2024-06-15'), point('later', null)])).toEqual(['2024-03-15', '2024-06-15', 'later']);
  });

  it('adds the survey id to every wave when two share a start date', () => {
    expect(waveLabels([point('panel-a', '2024-03-15'), point('panel-b', '2024-03-15'), point('june', '2024-06-15')])).toEqual([
      '2024-03-15 panel-a',
      '2024-03-15 panel-b',
      '2024-06-15 june',
    ]);
  });
});
