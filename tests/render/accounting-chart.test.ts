/** The row accounting chart: a bar for rows left out by the codebook's filter, and a caption that says so, only when there are some. */
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { chartSpecs } from '../../src/render/chart-specs.ts';

const parsed = parseCodebook('id: t\ntitle: T\nsource: { file: t.csv }\nquestions:\n  - { id: q, column: q, type: single, options: [a, b] }\n');
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const codebook = parsed.value;

function accounting(filtered: number): { subtitle: unknown; bars: unknown } {
  const chart = chartSpecs(codebook, [], undefined, [], { accounting: { rowsRead: 10, accepted: 6, filtered, byRule: { speeder: 10 - 6 - filtered } } }).find((c) => c.name === 'accounting');
  const spec = chart?.spec as { title: { subtitle: unknown }; data: { values: { label: string; count: number }[] } };
  return { subtitle: spec.title.subtitle, bars: spec.data.values.map((v) => [v.label, v.count]) };
}

describe('the accounting chart', () => {
  it('shows rows left out by the filter, and says every row is accepted, quarantined or left out', () => {
    expect(accounting(3)).toEqual({
      subtitle: 'Every row read is accepted, quarantined by one or more rules, or left out by the filter',
      bars: [['Rows read', 10], ['Accepted', 6], ['Left out by the filter', 3], ['Quarantined (all rules)', 1], ['Too fast (speeder)', 1]],
    });
  });

  it('is as before without a filter', () => {
    expect(accounting(0)).toEqual({ subtitle: 'Every row read is accepted or quarantined by one or more rules', bars: [['Rows read', 10], ['Accepted', 6], ['Quarantined (all rules)', 4], ['Too fast (speeder)', 4]] });
  });

  it('names the rules in words, the total of quarantined rows first (a row may break several rules), and a rule it does not know by its code', () => {
    const chart = chartSpecs({ ...codebook, language: 'zh' }, [], undefined, [], { accounting: { rowsRead: 10, accepted: 7, filtered: 0, byRule: { speeder: 2, 'attention-check': 2, 'new-rule': 1 } } }).find((c) => c.name === 'accounting');
    const bars = (chart?.spec as { data: { values: { label: string; count: number }[] } }).data.values.map((v) => [v.label, v.count]);
    expect(bars).toEqual([['读取行数', 10], ['接受', 7], ['隔离（合计）', 3], ['作答过快', 2], ['注意力检测未通过', 2], ['new-rule', 1]]);
    expect(chart?.headline).toBe('读取 10 行，接受 7 行（70.0%），隔离 3 行');
  });
});
