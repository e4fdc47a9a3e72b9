/** `top-box`: the share of answers in the top `box` levels (likert options, a rating's highest values; success set by the plan). */
import { shareKind } from './share-kind.ts';

export const topBox = shareKind('top-box');
