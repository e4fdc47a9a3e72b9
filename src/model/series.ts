/** A series of waves as `series.json` carries it: each headline's estimate per wave and the changes between them. */
import type { Metric } from '../codebook/schema.ts';

export interface WavePoint {
  survey: string;
  title: string;
  start: string | null;
  estimate: number | null;
  ci: [number, number] | null;
  n: number;
}

export interface WaveChange {
  from: string;
  to: string;
  difference: number;
  ci: [number, number];
  method: 'newcombe' | 'welch' | 'normal';
  significant: boolean;
}

export interface SeriesMetric {
  metric: string;
  label: string;
  kind: Metric['kind'];
  points: WavePoint[];
  changes: WaveChange[];
}
