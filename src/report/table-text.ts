/** Wording of the banner tables (report, spreadsheet, CSV, terminal) in both languages, in one place. */
import type { Language } from '../audit/messages.ts';
import type { TableResult, TableRowType } from '../model/table-result.ts';

const TEXT = {
  zh: {
    heading: '交叉表',
    total: '总计',
    base: '样本量（未加权）',
    weightedBase: '加权样本量',
    effectiveBase: '有效样本量',
    rows: { promoters: '推荐者（9-10）', passives: '中立者（7-8）', detractors: '贬损者（0-6）', mean: '均值', sd: '标准差', nps: 'NPS' } as Record<Exclude<TableRowType, 'option' | 'net' | 'metric'>, string>,
    rowPercent: '行百分比',
    count: '人数',
    columnsOf: (group: string, letters: string) => `${group}：${letters}`,
    notes(table: TableResult, overlapping: readonly string[]): string[] {
      const level = Math.round(table.level * 100);
      const adjust = { holm: '按 Holm 法校正', bonferroni: '按 Bonferroni 法校正', none: '未作多重比较校正' }[table.adjust];
      const tests = table.weighted ? '加权、按抽样设计的 t 检验（svyglm 两个子总体之差）' : '百分比用合并方差的两比例 z 检验，均值用合并方差的 t 检验，NPS 用 z 检验';
      return [
        `字母：该格显著高于同组中标有该字母的列（${tests}；置信水平 ${level}%，每行在组内${adjust}）。`,
        ...(overlapping.length === 0 ? [] : [`${overlapping.join('、')}为多选题，各列互有重叠，组内不作两两比较。`]),
        ...(table.vsTotal ? ['▲▼：显著高于／低于其余样本。'] : []),
        `*：样本量不足 ${table.smallBase}，请谨慎解读；—：样本量不足 ${table.suppressBelow}，不显示。${weightingZh(table)}`,
      ];
    },
  },
  en: {
    heading: 'Banner tables',
    total: 'Total',
    base: 'Base (unweighted)',
    weightedBase: 'Weighted base',
    effectiveBase: 'Effective base',
    rows: { promoters: 'Promoters (9–10)', passives: 'Passives (7–8)', detractors: 'Detractors (0–6)', mean: 'Mean', sd: 'Standard deviation', nps: 'NPS' } as Record<Exclude<TableRowType, 'option' | 'net' | 'metric'>, string>,
    rowPercent: 'row %',
    count: 'count',
    columnsOf: (group: string, letters: string) => `${group}: ${letters}`,
    notes(table: TableResult, overlapping: readonly string[]): string[] {
      const level = Math.round(table.level * 100);
      const adjust = { holm: 'Holm-adjusted', bonferroni: 'Bonferroni-adjusted', none: 'not adjusted' }[table.adjust];
      const tests = table.weighted ? 'weighted, design-based t-tests of the difference of two domains, as svyglm' : 'percentages by the pooled two-proportion z-test, means by the pooled t-test, NPS by a z-test';
      return [
        `Letters: the cell is significantly higher than the column of its group with that letter (${tests}; ${level}% level, ${adjust} within each row of a group).`,
        ...(overlapping.length === 0 ? [] : [`${overlapping.join(', ')}: multiple choice, so its columns overlap and are not compared with each other.`]),
        ...(table.vsTotal ? ['▲▼: significantly higher / lower than the rest of the sample.'] : []),
        `*: base under ${table.smallBase}, read with care; —: base under ${table.suppressBelow}, not shown. ${weightingEn(table)}`,
      ];
    },
  },
};

function weightingZh(table: TableResult): string {
  const w = table.weighting;
  if (!table.weighted || w === undefined) return table.weighted ? '已加权。' : '未加权。';
  const how = w.method === 'none' ? '' : `${w.method}${w.by.length > 0 ? `：${w.by.join('、')}` : ''}`;
  return `已加权（${[how, w.design ? '按抽样设计' : ''].filter((x) => x !== '').join('，')}）。`;
}

function weightingEn(table: TableResult): string {
  const w = table.weighting;
  if (!table.weighted || w === undefined) return table.weighted ? 'Weighted.' : 'Unweighted.';
  const how = w.method === 'none' ? '' : `${w.method}${w.by.length > 0 ? ` on ${w.by.join(', ')}` : ''}`;
  return `Weighted (${[how, w.design ? 'with the sampling design' : ''].filter((x) => x !== '').join('; ')}).`;
}

export function tableText(language: Language) {
  return TEXT[language];
}
