/** `top-box`: the share of a likert's answers in its top `box` options (success set by the plan). */
import { shareKind } from './share-kind.ts';

export const topBox = shareKind('top-box');
