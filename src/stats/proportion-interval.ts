import type { CiMethod } from '../codebook/schema.ts';
import { agrestiCoullInterval } from './agresti-coull-interval.ts';
import { clopperPearsonInterval } from './clopper-pearson-interval.ts';
import type { Interval } from './interval.ts';
import { wilsonInterval } from './wilson-interval.ts';

const METHODS: Record<CiMethod, (x: number, n: number, level: number) => Interval | null> = {
  wilson: wilsonInterval,
  'clopper-pearson': clopperPearsonInterval,
  'agresti-coull': agrestiCoullInterval,
};

/** The interval for x/n by the codebook's `ciMethod`; null when n = 0. */
export function proportionInterval(x: number, n: number, level: number, method: CiMethod): Interval | null {
  return METHODS[method](x, n, level);
}
