/** Wording of every audit flag, in both report languages, in one place, for a reader who is no statistician. */
import { fixed } from '../util/fixed.ts';
export type Language = 'zh' | 'en';

const percent = (share: number): string => `${fixed(share * 100, 1)}%`;
const points = (share: number): string => fixed(share * 100, 1);
const list = (language: Language, items: readonly string[]): string => items.join(language === 'zh' ? '、' : ', ');

export const auditMessages = {
  notRepresentative(language: Language, args: { question: string; category: string; sample: number; population: number; tvd: number }): string {
    const { question, category, sample, population, tvd } = args;
    return language === 'zh'
      ? `样本中「${category}」占 ${percent(sample)}，而基准为 ${percent(population)}：${question}的构成与总体明显不同（总变差距离 ${fixed(tvd, 2)}），结论更多代表「${category}」这部分人。`
      : `“${category}” is ${percent(sample)} of the sample against ${percent(population)} in the population: the ${question} mix differs clearly from the benchmark (total variation distance ${fixed(tvd, 2)}), so the results speak mostly for “${category}”.`;
  },
  /** The unweighted mix is off, but the survey's weights bring it within the audit's distance of the benchmark. */
  correctedByWeights(language: Language, args: { question: string; category: string; sample: number; population: number; tvd: number; weighted: number; weightedTvd: number }): string {
    const { question, category, sample, population, tvd, weighted, weightedTvd } = args;
    return language === 'zh'
      ? `样本中「${category}」占 ${percent(sample)}，而基准为 ${percent(population)}（${question}，总变差距离 ${fixed(tvd, 2)}）；加权后为 ${percent(weighted)}（总变差距离 ${fixed(weightedTvd, 2)}）：加权结果在${question}上不偏向「${category}」，代价是有效样本量变小。`
      : `“${category}” is ${percent(sample)} of the sample against ${percent(population)} in the population (${question}, total variation distance ${fixed(tvd, 2)}); weighted, it is ${percent(weighted)} (distance ${fixed(weightedTvd, 2)}): the weighted results do not lean toward “${category}” on ${question}, at the cost of a smaller effective sample.`;
  },
  smallSample(language: Language, args: { n: number; margin: number; bound: number }): string {
    const { n, margin, bound } = args;
    return language === 'zh'
      ? `仅有 ${n} 份有效样本：一个比例的估计误差可达 ±${points(margin)} 个百分点（目标为 ±${points(bound)}），相差几个百分点的结论不可靠。`
      : `Only ${n} accepted responses: a share can be off by up to ±${points(margin)} percentage points (the target is ±${points(bound)}), so differences of a few points are not reliable.`;
  },
  designEffect(language: Language, args: { deff: number; n: number; psus: number | null; strata: number; degf: number }): string {
    const { deff, n, psus, strata, degf } = args;
    const units = psus === null ? `${strata} 层` : `${strata} 层中的 ${psus} 个初级抽样单元`;
    const unitsEn = psus === null ? `${strata} strata` : `${psus} PSUs in ${strata} ${strata === 1 ? 'stratum' : 'strata'}`;
    return language === 'zh'
      ? `抽样设计（${units}，自由度 ${degf}）使区间变宽：主要指标的设计效应中位数为 ${fixed(deff, 1)}，${n} 份样本只相当于约 ${Math.round(n / deff)} 份简单随机样本。`
      : `The sampling design (${unitsEn}, ${degf} degrees of freedom) widens the intervals: the headlines' median design effect is ${fixed(deff, 1)}, so ${n} responses are worth about ${Math.round(n / deff)} from a simple random sample.`;
  },
  lonelyPsu(language: Language, args: { count: number; strata: string[]; rule: string }): string {
    const named = list(language, args.strata.slice(0, 5)) + (args.count > 5 ? (language === 'zh' ? ` 等 ${args.count} 个` : ` and ${args.count - 5} more`) : '');
    const rule: Record<string, [string, string]> = {
      adjust: ['其方差按总均值中心化估计（偏保守）', 'its variance is taken around the grand mean (conservative)'],
      average: ['其方差取其他层的平均', 'it is given the average variance of the other strata'],
      certainty: ['视为必然入样，不计方差', 'it is taken as sampled with certainty and adds no variance'],
      remove: ['不计方差', 'it adds no variance'],
    };
    const [zh, en] = rule[args.rule] ?? ['', ''];
    return language === 'zh'
      ? `有 ${args.count} 个层只有一个初级抽样单元（${named}），无法估计其方差：${zh}（lonelyPsu: ${args.rule}）。`
      : `${args.count} ${args.count === 1 ? 'stratum has' : 'strata have'} a single PSU (${named}), whose variance cannot be estimated: ${en} (lonelyPsu: ${args.rule}).`;
  },
  lowPrecision(language: Language, args: { metrics: string[]; bound: number }): string {
    return language === 'zh'
      ? `以下指标的误差范围超过 ±${points(args.bound)} 个百分点：${list(language, args.metrics)}。`
      : `These metrics have a margin of error above ±${points(args.bound)} percentage points: ${list(language, args.metrics)}.`;
  },
  /**
   * `basis`: what the unweighted figures were compared with (re-weighted to the benchmarks for the audit, or the
   * survey's own weighting); `fixed`: headlines on a question the weighting calibrates to, left out of the list.
   */
  dependsOnSample(language: Language, args: { metrics: string[]; basis: 'benchmarks' | 'weighting'; fixed: string[] }): string {
    const fixed =
      args.fixed.length === 0
        ? ''
        : language === 'zh'
          ? `（未列出${list(language, args.fixed)}：加权使其等于基准，其变化不说明样本构成。）`
          : ` (${list(language, args.fixed)} left out: the weighting sets ${args.fixed.length === 1 ? 'it' : 'them'} to the benchmarks, so ${args.fixed.length === 1 ? 'its' : 'their'} move says nothing about who answered.)`;
    if (language === 'zh') {
      const how = args.basis === 'benchmarks' ? '按基准加权后' : '按问卷的权重加权后';
      return `${how}，这些指标与未加权时相比的变化超过了其误差范围：${list(language, args.metrics)}。这些结论取决于是谁回答了问卷。${fixed}`;
    }
    const how = args.basis === 'benchmarks' ? 'Weighted to the benchmarks' : "With the survey's weights";
    return `${how}, these metrics move by more than their margin of error from their unweighted values: ${list(language, args.metrics)}. These headlines depend on who answered.${fixed}`;
  },
  reweightImpossible(language: Language, args: { question: string; option: string }): string {
    if (args.option === '') {
      return language === 'zh'
        ? '无法按基准加权检验结论的稳健性：没有受访者回答了全部基准问题。'
        : 'The headlines cannot be checked by weighting to the benchmarks: no respondent answered every benchmarked question.';
    }
    return language === 'zh'
      ? `无法按基准加权检验结论的稳健性：没有受访者选择「${args.option}」（${args.question}），而总体中有这部分人。`
      : `The headlines cannot be checked by weighting to the benchmarks: no respondent chose “${args.option}” (${args.question}), which the population has.`;
  },
  extremeWeights(language: Language, args: { ratio: number; nEffective: number; n: number }): string {
    return language === 'zh'
      ? `权重差异很大（最大/最小 ${fixed(args.ratio, 1)} 倍）：${args.n} 份样本加权后只相当于约 ${fixed(args.nEffective, 0)} 份，区间随之变宽。`
      : `The weights are extreme (largest/smallest ${fixed(args.ratio, 1)}×): weighted, ${args.n} responses count as only about ${fixed(args.nEffective, 0)}, and intervals widen accordingly.`;
  },
  notConverged(language: Language, args: { iterations: number }): string {
    return language === 'zh'
      ? `加权在 ${args.iterations} 轮迭代后仍未收敛：加权结果不能完全匹配基准，请检查基准或减少加权变量。`
      : `Raking did not converge after ${args.iterations} sweeps: the weighted sample does not fully match the benchmarks; check them or weight on fewer questions.`;
  },
  unweightable(language: Language, args: { n: number; accepted: number }): string {
    return language === 'zh'
      ? `${args.n} 名受访者（共 ${args.accepted} 名）未回答加权所用的问题，不计入加权估计：加权结果只代表其余的人。`
      : `${args.n} of ${args.accepted} respondents did not answer a weighting question and carry no weight: the weighted results speak for the others only.`;
  },
  channelConcentration(language: Language, args: { channel: string; share: number }): string {
    return language === 'zh'
      ? `${percent(args.share)} 的答卷来自同一渠道「${args.channel}」：结论主要反映这一渠道触达的人群。`
      : `${percent(args.share)} of the responses came through one channel, “${args.channel}”: the results mostly reflect the people it reaches.`;
  },
  highQuarantine(language: Language, args: { share: number; rules: string }): string {
    return language === 'zh'
      ? `${percent(args.share)} 的答卷因质量问题被隔离（${args.rules}）：请检查问卷投放与质量规则。`
      : `${percent(args.share)} of the responses were quarantined for quality (${args.rules}): check how the survey was fielded and the quality rules.`;
  },
  itemNonResponse(language: Language, args: { questions: string[]; bound: number }): string {
    return language === 'zh'
      ? `以下问题超过 ${percent(args.bound)} 的受访者未作答：${list(language, args.questions)}。`
      : `More than ${percent(args.bound)} of respondents left these questions unanswered: ${list(language, args.questions)}.`;
  },
};
