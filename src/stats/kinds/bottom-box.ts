/** `bottom-box`: the share of answers in the lowest `box` levels (likert options, a rating's lowest values; success set by the plan). */
import { shareKind } from './share-kind.ts';

export const bottomBox = shareKind('bottom-box');
