/**
 * Ordinal words: families of answer labels with a known order (frequency: never … always; intensity: not
 * … very; agreement; education levels; …), each word with its rank, in English and Chinese. `ordinalOrder`
 * orders a question's labels when every one of them is a word of one family (abbreviations such as
 * `Occas` or `Freq` included); labels such as "Don't know" or 其他 go last. Pure.
 */
import { normalizeLabel } from '../util/normalize-label.ts';

export interface OrdinalFamily {
  /** How the family is named in the draft's comments: "ordered as <name>". */
  name: string;
  /** Whether a question answered in these words is a rating scale (drafted as likert) or ordered categories. */
  likert: boolean;
  /** Rank of each word, as `wordKey` spells it; equal ranks are synonyms, never both in one question. */
  ranks: ReadonlyMap<string, number>;
}

function family(name: string, likert: boolean, words: Record<number, string>): OrdinalFamily {
  const ranks = new Map<string, number>();
  for (const [rank, list] of Object.entries(words)) for (const word of list.split(' ')) ranks.set(word, Number(rank));
  return { name, likert, ranks };
}

/** Families in the order they are tried; within a line of words, spaces separate the synonyms. */
export const ORDINAL_FAMILIES: readonly OrdinalFamily[] = [
  family('frequency words (never … always)', true, {
    0: 'never none 从不 从来不 从未 从没 从来没有',
    1: 'almostnever hardlyever 几乎不 几乎从不',
    2: 'rarely seldom 很少 极少',
    3: 'occasionally onceinawhile 偶尔',
    4: 'sometimes some 有时 有时候',
    5: 'often frequently regularly usually mostofthetime fairlyoften 经常 常常 通常',
    6: 'veryoften almostalways nearlyalways 几乎总是',
    // `heavy` closes smoking and drinking scales (never, occasionally, regularly, heavy).
    7: 'always heavy 总是 一直 每次',
  }),
  family('how often (never … daily)', true, {
    0: 'never 从不 从未 从来没有',
    1: 'lessoften less 更少 更少使用',
    2: 'yearly onceayear lessthanonceamonth 每年',
    3: 'everyfewmonths afewtimesayear severaltimesayear 每年几次 每年数次',
    4: 'monthly onceamonth 每月 每月一次',
    5: 'severaltimesamonth afewtimesamonth 每月数次 每月几次 每月多次',
    6: 'weekly onceaweek 每周 每周一次',
    7: 'severaltimesaweek afewtimesaweek 每周数次 每周几次 每周多次',
    8: 'daily everyday onceaday 每天 每日 每天一次',
    9: 'severaltimesaday multipletimesaday 每天多次 每天数次 每天几次',
  }),
  family('intensity words (not … very)', true, {
    0: 'notatall none 完全不 一点也不 根本不 非常不 很不',
    // `not` alone sits between `not at all` and `not very`.
    0.5: 'not',
    1: 'notvery notverymuch notmuch notthat alittle slightly abit 不太 不怎么',
    2: 'somewhat moderately fairly some 有点 有些 一般',
    3: 'very quite alot verymuch 比较',
    4: 'extremely completely totally 非常 十分 特别 极其',
  }),
  family('agreement', true, {
    0: 'stronglydisagree completelydisagree totallydisagree 非常不同意 完全不同意',
    1: 'disagree 不同意',
    2: 'somewhatdisagree tendtodisagree mildlydisagree slightlydisagree 比较不同意 有点不同意',
    3: 'neitheragreenordisagree neutral undecided neither 中立 一般 不确定',
    4: 'somewhatagree tendtoagree mildlyagree slightlyagree 比较同意 有点同意',
    5: 'agree 同意',
    6: 'stronglyagree completelyagree totallyagree 非常同意 完全同意',
  }),
  family('satisfaction', true, {
    0: 'verydissatisfied extremelydissatisfied completelydissatisfied notatallsatisfied 非常不满意 很不满意',
    1: 'dissatisfied unsatisfied 不满意',
    2: 'somewhatdissatisfied slightlydissatisfied 比较不满意 不太满意',
    3: 'neutral neithersatisfiednordissatisfied 一般',
    4: 'somewhatsatisfied slightlysatisfied 比较满意',
    5: 'satisfied 满意',
    6: 'verysatisfied extremelysatisfied completelysatisfied 非常满意 很满意',
  }),
  family('likelihood', true, {
    0: 'extremelyunlikely veryunlikely definitelynot definitelywouldnot 肯定不会 非常不可能',
    1: 'unlikely somewhatunlikely probablynot probablywouldnot 可能不会 不太可能',
    2: 'neitherlikelynorunlikely notsure unsure maybe neutral 不确定 不一定',
    3: 'likely somewhatlikely probably probablywould 可能会 比较可能',
    4: 'verylikely extremelylikely definitely definitelywould 肯定会 非常可能',
  }),
  family('quality (poor … excellent)', true, {
    0: 'verypoor terrible verybad 很差 非常差',
    1: 'poor bad 差 较差',
    2: 'fair average ok okay 一般',
    3: 'good 好 较好 良好',
    4: 'verygood 很好 非常好',
    5: 'excellent outstanding 优秀',
  }),
  family('education levels', false, {
    0: 'noschooling noformaleducation 未上学 没上过学 文盲',
    1: 'primary primaryschool elementary elementaryschool gradeschool 小学',
    2: 'middleschool juniorhigh juniorhighschool 初中',
    3: 'lessthanhighschool lesshs lessthanhs nohighschool somehighschool belowhighschool',
    4: 'highschool hs highschoolgraduate hsgrad ged secondary secondaryschool 高中',
    5: '中专 职高 技校 中职',
    6: 'someps somepostsecondary somecollege somecollegenodegree someuniversity',
    7: 'college associate associates associatedegree vocational technical tradeschool communitycollege 大专 专科 高职',
    8: 'bachelors bachelor bachelorsdegree undergraduate university universitydegree collegegraduate 本科 大学本科 大学',
    9: 'graduate graduatedegree postgraduate higher masters master mastersdegree professional professionaldegree 硕士 研究生',
    10: 'doctorate phd doctoral doctoraldegree 博士',
  }),
  family('levels (low … high)', false, {
    0: 'verylow 很低 非常低',
    1: 'low 低 较低',
    2: 'medium moderate 中 中等',
    3: 'high 高 较高',
    4: 'veryhigh 很高 非常高',
  }),
  family('amounts (too little … too much)', false, {
    0: 'toolittle toofew',
    1: 'aboutright justright',
    2: 'toomuch toomany',
  }),
];

/**
 * Labels that are not a point of any scale ("Don't know", "N/A - skip", "Does not apply", 其他): they do
 * not stop a question from being ordered, and go after the scale's points.
 */
const ASIDE = new Set('dk na other others 其他 不适用 不知道 不清楚 说不清 说不清楚 不好说 拒绝回答 不愿透露 不愿回答'.split(' '));
const ASIDE_WORDS = /^(?:n\/a|na)\b|don[’']?t know|do not know|not applicable|does not apply|prefer not to|refused|declined to|^skip/iu;

/** A label as ordinal words are compared: normalised, lower case, letters and digits only. */
export function wordKey(label: string): string {
  return normalizeLabel(label).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function isAside(label: string): boolean {
  return ASIDE.has(wordKey(label)) || ASIDE_WORDS.test(normalizeLabel(label));
}

const HAN = /\p{Script=Han}/u;

/**
 * The rank of one label in a family: the word it is; or, for Chinese, the longest word it starts with
 * (高中/中专 is 高中); for English, the longest word of five letters or more it starts with (high school
 * graduate is high school), or the one word it abbreviates (`Occas` is occasionally).
 */
export function wordRank(key: string, ranks: ReadonlyMap<string, number>): number | undefined {
  const exact = ranks.get(key);
  if (exact !== undefined) return exact;
  let best: { word: string; rank: number } | undefined;
  for (const [word, rank] of ranks) {
    const starts = HAN.test(word) ? HAN.test(key) && key.startsWith(word) : word.length >= 5 && key.startsWith(word);
    if (starts && (best === undefined || word.length > best.word.length)) best = { word, rank };
  }
  if (best !== undefined) return best.rank;
  if (key.length < 4 || HAN.test(key)) return undefined;
  const abbreviated = new Set([...ranks].filter(([word]) => word.length > key.length && word.startsWith(key)).map(([, rank]) => rank));
  return abbreviated.size === 1 ? [...abbreviated][0] : undefined;
}

export interface OrdinalOrder {
  options: string[];
  family: OrdinalFamily;
}

/**
 * The labels in the order of the first family that ranks all of them (but the aside ones, which go last),
 * at least two, each at a different rank; undefined when no family does. Labels that share a last word
 * (`not important`, `very important`) are also tried without it, as intensity words.
 */
export function ordinalOrder(labels: readonly string[]): OrdinalOrder | undefined {
  const aside = labels.filter(isAside);
  const ranked = labels.filter((label) => !isAside(label));
  if (ranked.length < 2) return undefined;
  const keys = ranked.map(wordKey);
  const attempts: { keys: string[]; families: readonly OrdinalFamily[] }[] = [{ keys, families: ORDINAL_FAMILIES }];
  const stripped = withoutSharedEnding(ranked);
  const intensity = ORDINAL_FAMILIES.filter((f) => f.name.startsWith('intensity'));
  // Two labels sharing a word (`Not remote`, `Remote`) are no scale.
  if (stripped !== undefined && ranked.length >= 3) attempts.push({ keys: stripped, families: intensity });
  for (const attempt of attempts) {
    for (const candidate of attempt.families) {
      // A bare adjective (`important` among `very important`, `not important`) sits between somewhat and very.
      const ranks = attempt.keys.map((key) => (key === '' && attempt.keys !== keys ? 2.5 : wordRank(key, candidate.ranks)));
      if (ranks.some((rank) => rank === undefined) || new Set(ranks).size < ranks.length) continue;
      const order = ranked.map((label, i) => ({ label, rank: ranks[i] as number })).sort((a, b) => a.rank - b.rank);
      return { options: [...order.map((o) => o.label), ...aside], family: candidate };
    }
  }
  return undefined;
}

/** Whether some labels are ordinal words of some family: their order may matter even when it is not known. */
export function hasOrdinalWords(labels: readonly string[]): boolean {
  const keys = labels.map(wordKey);
  return ORDINAL_FAMILIES.some((f) => keys.filter((key) => wordRank(key, f.ranks) !== undefined).length >= 2);
}

/**
 * The keys of labels that share their last word (English) or last two or more characters (Chinese), with
 * it removed; undefined when they share none.
 */
function withoutSharedEnding(labels: readonly string[]): string[] | undefined {
  const han = labels.every((label) => HAN.test(label));
  const parts = labels.map((label) => (han ? [...wordKey(label)] : normalizeLabel(label).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '')));
  let shared = 0;
  while (parts.every((p) => p.length > shared) && new Set(parts.map((p) => p[p.length - 1 - shared])).size === 1) shared++;
  if (han ? shared < 2 : shared < 1) return undefined;
  return parts.map((p) => p.slice(0, p.length - shared).join(''));
}
