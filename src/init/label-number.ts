/**
 * The number a choice label stands for, to order labels such as `18-24`, `35+`, `<12 yrs`, `不到1个月`,
 * `3个月以上` or `(19,39]`: the first number in the label, in days when a unit of time follows it (so
 * `6-12 months` comes before `1-2 years`), nudged down for "under" and up for "or more". Undefined for a
 * label without a number. Pure.
 */

const NUMBER = /(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k(?!\p{L})|千|万)?/iu;
/** An interval such as `(100,200]` has no thousands separators. */
const INTERVAL_NUMBER = /(\d+(?:\.\d+)?)\s*(k(?!\p{L})|千|万)?/iu;
const MULTIPLIER: Record<string, number> = { k: 1_000, 千: 1_000, 万: 10_000 };

/** Units of time, in days; the first one after the number counts. */
const UNITS: readonly (readonly [RegExp, number])[] = [
  [/^(?:秒|seconds?\b|secs?\b)/iu, 1 / 86_400],
  [/^(?:分钟|minutes?\b|mins?\b)/iu, 1 / 1_440],
  [/^(?:小时|hours?\b|hrs?\b)/iu, 1 / 24],
  [/^(?:天|日|days?\b)/iu, 1],
  [/^(?:周|星期|weeks?\b|wks?\b)/iu, 7],
  [/^(?:个月|月|months?\b|mos?\b)/iu, 30],
  [/^(?:年|years?\b|yrs?\b)/iu, 365],
];

const BELOW_BEFORE = /^\W*(?:<|≤|<=|under\b|less than\b|below\b|fewer than\b|up to\b|younger than\b|不到|不足|少于|低于|小于|未满)/iu;
const BELOW_AFTER = /以下|以内|or less\b|or fewer\b|or under\b|and under\b|or younger\b|and younger\b|or below\b|and below\b/iu;
const ABOVE_BEFORE = /^\W*(?:>|≥|>=|over\b|more than\b|above\b|at least\b|older than\b|超过|多于|大于|高于)/iu;
const ABOVE_AFTER = /^\s*\+|以上|or more\b|and over\b|and above\b|or older\b|and older\b|or over\b|plus\b/iu;

export function labelNumber(label: string): number | undefined {
  const match = (/^\s*[([]/u.test(label) ? INTERVAL_NUMBER : NUMBER).exec(label);
  if (match === null) return undefined;
  let value = Number((match[1] as string).replace(/,/g, '')) * (MULTIPLIER[(match[2] ?? '').toLowerCase()] ?? 1);
  const after = label.slice(match.index + match[0].length);
  const unitAt = after.search(/\p{L}/u);
  const unit = unitAt < 0 ? undefined : UNITS.find(([pattern]) => pattern.test(after.slice(unitAt)));
  if (unit !== undefined) value *= unit[1];
  // A nudge smaller than any step between two labels' numbers, whatever their unit.
  const nudge = Math.max(Math.abs(value), 1) * 1e-6;
  const before = label.slice(0, match.index);
  if (BELOW_BEFORE.test(before) || BELOW_AFTER.test(after)) return value - nudge;
  if (ABOVE_BEFORE.test(before) || ABOVE_AFTER.test(after)) return value + nudge;
  return value;
}
