/**
 * `ratio`: a self-reported activity rate, the mean answer divided by `per` (e.g. active days in the last 7
 * divided by 7, a DAU/WAU-style stickiness), read as a share.
 */
import { valueKind } from './value-kind.ts';

export const ratio = valueKind('ratio', 'share');
