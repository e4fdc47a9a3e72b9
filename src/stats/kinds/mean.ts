/** `mean`: the mean answer on the question's own scale (a likert on its codes 1..k), with a t interval. */
import { valueKind } from './value-kind.ts';

export const mean = valueKind('mean', 'mean');
