/** Chart and report wording in both languages, in one place. */
import type { Language } from '../audit/messages.ts';

const TEXT = {
  zh: {
    sections: { retention: '留存与粘性', satisfaction: '满意度', usage: '使用场景', other: '其他结果' },
    share: '占比',
    median: (value: string) => `中位数 ${value}`,
    respondents: '受访者',
    interval: (level: number) => `${Math.round(level * 100)}% 置信区间`,
    caption: (n: string, level: number, weighting: string) => `n = ${n}；误差线为 ${Math.round(level * 100)}% 置信区间；${weighting}`,
    histogramCaption: (n: string, weighting: string) => `n = ${n}；柱高为各区间的占比；${weighting}`,
    unweighted: '未加权',
    designBased: (fromFpc: boolean) => (fromFpc ? '按抽样设计估计（权重由 fpc 推出）' : '按抽样设计估计（等权）'),
    source: (title: string, fielded: string) => `；数据：${shorten(title)}${fielded === '' ? '' : `，${fielded}`}`,
    auditTitle: (question: string) => `样本与总体：${question}`,
    auditCaption: (n: number, source: string) => `n = ${n}；基准来源：${source.length > 60 ? `${source.slice(0, 57)}…` : source}`,
    sampleLabel: '样本',
    likertTitle: '量表题作答分布',
    npsParts: { detractors: '贬损者（0-6）', passives: '中立者（7-8）', promoters: '推荐者（9-10）' },
    forestTitle: (metric: string, by: string) => `${metric} · 按${by}`,
    differs: '与其余受访者差异显著',
    same: '无显著差异',
    accountingTitle: '数据质量：行数核算',
    accountingCaption: '读取的每一行要么被接受，要么因一条或多条规则被隔离',
    accountingCaptionFiltered: '读取的每一行要么被接受，要么因一条或多条规则被隔离，要么按筛选条件排除',
    rowsRead: '读取行数',
    acceptedRows: '接受',
    filteredRows: '按筛选条件排除',
    rows: '行数',
    populationLabel: '总体（基准）',
    weighted: (method: string, by: string, nEffective: number) => `已加权（${method}${by === '' ? '' : `：${by}`}，有效样本量 ${nEffective.toFixed(0)}）`,
    driversTitle: (analysis: string) => `驱动因素：${analysis}`,
    driversAxis: '占 R² 的比例（LMG）',
    driversCaption: (r2: string, n: number, level: number, replicates: number | null, weighting: string) =>
      `R² = ${r2}，n = ${n}；${replicates === null ? '无区间（未做自助法）' : `误差线为 ${Math.round(level * 100)}% 自助法区间（${replicates} 次重抽样）`}；${weighting}`,
    driversWeighted: (neff: number) => `已加权（有效样本量 ${neff.toFixed(0)}）`,
    quadrantTitle: (analysis: string) => `重要性与表现：${analysis}`,
    quadrantCaption: (n: number, weighting: string) => `n = ${n}；表现为均值在量表上的位置；虚线为两者的中位数；${weighting}`,
    importance: '重要性（占 R² 的比例）',
    performance: '表现（均值占量表的位置）',
    quadrants: { fixFirst: '重点改进', keepUp: '继续保持', lowPriority: '次要', overkill: '可能过度投入' },
  },
  en: {
    sections: { retention: 'Retention and stickiness', satisfaction: 'Satisfaction', usage: 'Usage scenarios', other: 'Further results' },
    share: 'Share',
    median: (value: string) => `median ${value}`,
    respondents: 'respondents',
    interval: (level: number) => `${Math.round(level * 100)}% confidence interval`,
    caption: (n: string, level: number, weighting: string) => `n = ${n}; error bars are ${Math.round(level * 100)}% confidence intervals; ${weighting}`,
    histogramCaption: (n: string, weighting: string) => `n = ${n}; bar heights are each bin's share; ${weighting}`,
    unweighted: 'unweighted',
    designBased: (fromFpc: boolean) => (fromFpc ? 'design-based (weights from fpc)' : 'design-based (equal weights)'),
    source: (title: string, fielded: string) => `; data: ${shorten(title)}${fielded === '' ? '' : `, ${fielded}`}`,
    auditTitle: (question: string) => `Sample vs population: ${question}`,
    auditCaption: (n: number, source: string) => `n = ${n}; benchmark: ${source.length > 60 ? `${source.slice(0, 57)}…` : source}`,
    sampleLabel: 'Sample',
    likertTitle: 'Answers to scale questions',
    npsParts: { detractors: 'Detractors (0-6)', passives: 'Passives (7-8)', promoters: 'Promoters (9-10)' },
    forestTitle: (metric: string, by: string) => `${metric} by ${by}`,
    differs: 'differs from the rest',
    same: 'no clear difference',
    accountingTitle: 'Data quality: row accounting',
    accountingCaption: 'Every row read is accepted or quarantined by one or more rules',
    accountingCaptionFiltered: 'Every row read is accepted, quarantined by one or more rules, or left out by the filter',
    rowsRead: 'Rows read',
    acceptedRows: 'Accepted',
    filteredRows: 'Left out by the filter',
    rows: 'Rows',
    populationLabel: 'Population (benchmark)',
    weighted: (method: string, by: string, nEffective: number) => `weighted (${method}${by === '' ? '' : `: ${by}`}; effective n ${nEffective.toFixed(0)})`,
    driversTitle: (analysis: string) => `Key drivers: ${analysis}`,
    driversAxis: 'Share of R² (LMG)',
    driversCaption: (r2: string, n: number, level: number, replicates: number | null, weighting: string) =>
      `R² = ${r2}, n = ${n}; ${replicates === null ? 'no intervals (no bootstrap)' : `error bars are ${Math.round(level * 100)}% bootstrap intervals (${replicates} resamples)`}; ${weighting}`,
    driversWeighted: (neff: number) => `weighted (effective n ${neff.toFixed(0)})`,
    quadrantTitle: (analysis: string) => `Importance and performance: ${analysis}`,
    quadrantCaption: (n: number, weighting: string) => `n = ${n}; performance is the mean's place on its scale; dashed lines are the medians; ${weighting}`,
    importance: 'Importance (share of R²)',
    performance: "Performance (mean's place on the scale)",
    quadrants: { fixFirst: 'Fix first', keepUp: 'Keep up', lowPriority: 'Lower priority', overkill: 'Possible overkill' },
  },
} as const;

/** Long survey titles are cut in captions (charts have one line for them). */
function shorten(title: string): string {
  return title.length > 40 ? `${title.slice(0, 39)}…` : title;
}

export function text(language: Language) {
  return TEXT[language];
}
