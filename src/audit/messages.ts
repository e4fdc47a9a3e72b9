/** Wording of every audit flag, in both report languages, in one place. */
export type Language = 'zh' | 'en';

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

export const auditMessages = {
  notRepresentative(language: Language, args: { question: string; category: string; sample: number; population: number; tvd: number }): string {
    const { question, category, sample, population, tvd } = args;
    return language === 'zh'
      ? `样本中「${category}」占 ${percent(sample)}，而基准为 ${percent(population)}：${question}的构成与总体明显不同（总变差距离 ${tvd.toFixed(2)}），结论更多代表「${category}」这部分人。`
      : `“${category}” is ${percent(sample)} of the sample against ${percent(population)} in the population: the ${question} mix differs clearly from the benchmark (total variation distance ${tvd.toFixed(2)}), so the results speak mostly for “${category}”.`;
  },
};
