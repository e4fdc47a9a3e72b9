/** `proportion`: the share of respondents whose answer is in `success` (for a multi, who chose any of them). */
import { shareKind } from './share-kind.ts';

export const proportion = shareKind('proportion');
