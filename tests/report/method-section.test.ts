/**
 * The report's Method section (and the deck's methods slide): how the numbers were made, one line each. The
 * row counts and rules are those pandas found (tests/reference/kimi_2024_reference.py: 160 rows read, 154
 * accepted, rows 75, 129 and 150 too fast, 123 and 129 failing the attention check, 94 a duplicate, 121 an
 * invalid NPS answer).
 */
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import reference from '../reference/kimi-2024-reference.json' with { type: 'json' };
import { analyzeSurvey } from '../../src/analyze-survey.ts';
import { packageVersion } from '../../src/package-info.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const out = mkdtempSync(path.join(tmpdir(), 'stickiness-method-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the Method section', async () => {
  const result = await analyzeSurvey(path.join(ROOT, 'surveys/kimi-2024'), { outDir: out });
  const markdown = result.files.get('report.md') as string;
  const section = markdown.slice(markdown.lastIndexOf('## 方法'));

  it('ends the report, one line for each part of the method', () => {
    expect(markdown.lastIndexOf('## ')).toBe(markdown.lastIndexOf('## 方法'));
    const rules = Object.values(reference.quarantinedRows).flat();
    const count = (rule: string): number => rules.filter((r) => r === rule).length;
    expect(section).toContain(
      `- 样本：读取 ${reference.rowsRead} 行，接受 ${reference.accepted} 行，隔离 ${reference.quarantined} 行（注意力检测未通过 ${count('attention-check')}，重复作答 ${count('duplicate')}，NPS 无效 ${count('invalid-nps')}，作答过快 ${count('speeder')}）。`,
    );
    expect(section).toContain('- 区间：95% 置信区间；比例用 Wilson 区间；均值用 t 区间；NPS 用三项分布方差的正态区间。');
    expect(section).toContain('- 加权：未加权，每位受访者权重相同。');
    expect(section).toContain('p 值按组数校正（Holm），校正后 p &lt; 0.05 记为显著。');
    expect(section).toContain('- 小样本：少于 5 人的组不显示估计值；少于 30 人的组标记为样本偏少。');
    expect(section).toContain('- 驱动因素：线性回归 R² 的 LMG 分解与 Johnson 相对权重，区间为 200 次自助法重抽样（种子 1）的百分位区间。');
    expect(section).toContain(`- 工具：stickiness ${packageVersion()}；`);
  });
});
