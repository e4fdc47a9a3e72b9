/**
 * The range of a rating question drafted from a whole-number column: the anchors the question text
 * names (`1-5分`, `from 1 to 7`, `0~10`; `过去7天` / `in the past 7 days` for a count of days) when the
 * answers lie within them; else the answers' own lowest and highest, widened by one step to a common scale
 * when that is the obvious reading (answers 2–5 are the 1–5 scale nobody rated 1; 0–9 the 0–10 scale). A
 * minimum of 0 is never invented for answers that start at 1. Answers that fit no scale in common use
 * (0–8 children) are a count or a measure, not a rating: undefined. Pure.
 */

export interface RatingRange {
  min: number;
  max: number;
  /** Whether the range comes from the question text, the answers (a common scale), or the answers widened to one. */
  from: 'question' | 'answers' | 'widened';
  /** Where the range comes from, when not simply from the answers: a comment in the draft. */
  note?: string;
}

/** Scales common enough to widen to: [min, max]. */
const COMMON_SCALES: readonly (readonly [number, number])[] = [
  [1, 3], [1, 4], [1, 5], [1, 6], [1, 7], [1, 9], [1, 10], [1, 11],
  [0, 3], [0, 4], [0, 5], [0, 6], [0, 7], [0, 10],
];

const ANCHORS = /(\d{1,2})\s*(?:分)?\s*(?:-|–|—|~|～|到|至|to)\s*(\d{1,2})(?!\d)/u;
const PAST_DAYS = /(?:过去|最近|近)\s*(\d{1,2})\s*天|(?:past|last)\s+(\d{1,2})\s+days/iu;

/** `text`: the column's header and question text; `seen`: the lowest and highest answers. */
export function ratingRange(text: string, seen: { min: number; max: number }): RatingRange | undefined {
  const anchors = ANCHORS.exec(text);
  if (anchors !== null) {
    const [min, max] = [Number(anchors[1]), Number(anchors[2])];
    if (min < max && min <= seen.min && max >= seen.max) {
      return { min, max, from: 'question', ...(min === seen.min && max === seen.max ? {} : { note: `${min}–${max} from the question text; answers seen ${seen.min}–${seen.max}` }) };
    }
  }
  const days = PAST_DAYS.exec(text);
  const span = Number(days?.[1] ?? days?.[2]);
  if (Number.isInteger(span) && span >= seen.max && seen.min >= 0) {
    return { min: 0, max: span, from: 'question', ...(seen.min === 0 && seen.max === span ? {} : { note: `days in the past ${span}, 0–${span}; answers seen ${seen.min}–${seen.max}` }) };
  }
  if (COMMON_SCALES.some(([min, max]) => min === seen.min && max === seen.max)) return { min: seen.min, max: seen.max, from: 'answers' };
  const widened = COMMON_SCALES.find(([min, max]) => min <= seen.min && max >= seen.max && seen.min - min + (max - seen.max) === 1 && (min > 0 || seen.min === 0));
  if (widened !== undefined) {
    return { min: widened[0], max: widened[1], from: 'widened', note: `answers seen ${seen.min}–${seen.max}; drafted as the ${widened[0]}–${widened[1]} scale: check` };
  }
  return undefined;
}
