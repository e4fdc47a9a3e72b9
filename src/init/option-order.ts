/**
 * The order of a choice question's options in the draft, and what the draft says about it: the order of
 * the ordinal words the labels are (Never, Occas, Regul, Heavy; lessHS … higher; 从不 … 总是); else the
 * order of the numbers they hold (18岁以下, 18-24岁, …; 0, 1, 2); else most chosen first, with a comment
 * saying the order is a guess when the labels look ordered. Pure.
 */
import { labelNumber } from './label-number.ts';
import { hasOrdinalWords, isAside, ordinalOrder, wordKey } from './ordinal-words.ts';

export interface OptionOrder {
  options: string[];
  by: 'words' | 'numbers' | 'most-chosen';
  /** Whether the options are the points of a rating scale, so the question is best drafted as likert. */
  likert: boolean;
  /** Labels that are no point of the likert scale ("Don't know"): the question's `missing` values. */
  missing?: string[];
  /** What the analyst should know about the order: a comment beside the options in the draft. */
  note?: string;
}

/** A label that starts with its code: `(0) Not a problem`, `5 - Very satisfied`, `1. Never`, `1=从不`. */
const CODED = /^\s*(?:\((\d{1,2})\)|(\d{1,2})\s*[-=:.)、）])\s*(?=\p{L})/u;

/**
 * Labels that each start with a code, the codes running k, k+1, … (at least three): the points of a rating
 * scale, in the order of their codes; other labels ("N/A - skip, don't know") are its missing values.
 */
function codedScale(labels: readonly string[]): OptionOrder | undefined {
  const points = labels.filter((label) => !isAside(label));
  const codes = points.map((label) => {
    const match = CODED.exec(label);
    return match === null ? undefined : Number(match[1] ?? match[2]);
  });
  if (points.length < 3 || codes.some((code) => code === undefined)) return undefined;
  const sorted = [...(codes as number[])].sort((a, b) => a - b);
  if (sorted.some((code, i) => code !== (sorted[0] as number) + i)) return undefined;
  const options = points.map((label, i) => ({ label, code: codes[i] as number })).sort((a, b) => a.code - b.code).map((o) => o.label);
  const aside = labels.filter(isAside);
  return { options, by: 'numbers', likert: true, ...(aside.length === 0 ? {} : { missing: aside }), note: `coded ${sorted[0]}–${sorted[sorted.length - 1]} in the labels: check` };
}

/** Labels that mean "none at all" and so come before `1-2 times` in a numbered list. */
const NONE = /^(?:never|none|no|nothing|zero|0|从不|从未|从来没有|没有|无|不用|未使用)/u;
const collator = new Intl.Collator('zh', { numeric: true });

/** `counts`: each label and how many chose it. */
export function orderOptions(counts: ReadonlyMap<string, number>): OptionOrder {
  const labels = [...counts.keys()];
  const mostChosen = [...labels].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || collator.compare(a, b));

  const words = ordinalOrder(labels);
  if (words !== undefined) {
    const points = words.options.filter((label) => !isAside(label));
    const aside = words.options.filter(isAside);
    const likert = words.family.likert && points.length >= 3;
    if (likert) {
      return { options: points, by: 'words', likert, ...(aside.length === 0 ? {} : { missing: aside }), note: `ordered as ${words.family.name}: check` };
    }
    return { options: words.options, by: 'words', likert, note: `ordered as ${words.family.name}${aside.length > 0 ? `, ${aside.join(', ')} last` : ''}: check` };
  }

  const coded = codedScale(labels);
  if (coded !== undefined) return coded;

  const numbers = new Map(labels.map((label) => [label, labelNumber(label)] as const));
  const numbered = labels.filter((label) => numbers.get(label) !== undefined);
  if (numbered.length >= 2 && numbered.length * 2 >= labels.length) {
    numbered.sort((a, b) => (numbers.get(a) as number) - (numbers.get(b) as number) || collator.compare(a, b));
    const rest = mostChosen.filter((label) => numbers.get(label) === undefined);
    const none = rest.filter((label) => NONE.test(wordKey(label)) && !isAside(label));
    const after = rest.filter((label) => !none.includes(label));
    const guessed = after.filter((label) => !isAside(label));
    return {
      options: [...none, ...numbered, ...after],
      by: 'numbers',
      likert: false,
      ...(guessed.length === 0 ? {} : { note: `ordered by the numbers in the labels; where ${guessed.join(', ')} goes is a guess` }),
    };
  }

  const looksOrdered = labels.length >= 3 && (hasOrdinalWords(labels) || numbered.length >= 2);
  return {
    options: mostChosen,
    by: 'most-chosen',
    likert: false,
    ...(looksOrdered ? { note: 'most chosen first: the order is a guess; if the options are ordered, put them in order' } : {}),
  };
}
