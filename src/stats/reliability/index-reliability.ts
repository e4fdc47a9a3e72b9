/** The reliability of one index's items from their folded sums (reliability-fold.ts), with its flags. */
import type { Codebook, Index } from '../../codebook/schema.ts';
import type { ReliabilityResult } from '../../model/reliability-result.ts';
import { cronbachAlpha } from './cronbach-alpha.ts';
import { omegaTotal } from './omega.ts';
import { correlationOf, itemCovariance, type ItemSums } from './reliability-fold.ts';

/** Alpha under this reads as too low for an index to be trusted (the usual rule of thumb). */
export const LOW_ALPHA = 0.7;

export function indexReliability(codebook: Codebook, index: Index, sums: ItemSums | undefined): ReliabilityResult {
  const n = sums?.n ?? 0;
  const covariance = sums === undefined ? null : itemCovariance(sums);
  const result = covariance === null ? null : cronbachAlpha(covariance, n, codebook.confidence);
  const correlation = result === null || covariance === null ? null : correlationOf(covariance);
  const noAlpha = result !== null ? null : n < 2 ? 'too-few' : 'no-variance';
  const omega = correlation === null ? null : omegaTotal(correlation);
  const flags: string[] = [];
  if (result !== null && result.alpha < LOW_ALPHA) flags.push('low-alpha');
  if (result !== null && result.alphaIfDeleted.some((a) => a !== null && a > result.alpha)) flags.push('item-lowers-alpha');
  return {
    index: index.id,
    label: index.label ?? index.id,
    items: index.items,
    n,
    alpha: result?.alpha ?? null,
    noAlpha,
    ci: result?.ci ?? null,
    level: codebook.confidence,
    standardized: result?.standardized ?? null,
    averageR: result?.averageR ?? null,
    omega: omega?.omega ?? null,
    itemRest: result?.itemRest ?? index.items.map(() => null),
    alphaIfDeleted: result?.alphaIfDeleted ?? index.items.map(() => null),
    flags,
  };
}
