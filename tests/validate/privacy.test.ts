/**
 * Personal data typed where it does not belong never reaches `validation.json` or `quarantine.csv`: text
 * written into Wenjuanxing's `其他〖…〗` is withheld, e-mail addresses and phone numbers in a rejected value
 * or a quarantined row are masked, a value that still looks personal (an IP address) is withheld. Expected
 * text written by hand.
 */
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { withCells } from '../../src/ingest/quarantine-cells.ts';
import { quarantineCsv } from '../../src/report/quarantine-csv.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';
import { shownValue } from '../../src/util/shown-value.ts';
import { validationSummary } from '../../src/validate/validation-summary.ts';

const CODEBOOK = `id: t
title: T
source: { file: r.csv, format: wjx }
respondent: { id: 序号, duration: 所用时间 }
questions:
  - { id: plan, column: 套餐, type: single, options: [A, 其他] }
  - { id: tags, column: 标签, type: multi, options: [x, y] }
  - { id: nps, column: 推荐, type: nps }
quality: { minDurationSeconds: 30 }
`;

const PERSONAL = ['张三', '13800138000', 'zs@example.com', '139 1234 5678', 'bob@example.org', '10.0.0.7'];

describe('values shown from the data', () => {
  it('withhold written-in text and mask contacts in validation.json and quarantine.csv', () => {
    const parsed = parseCodebook(CODEBOOK);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const rows = [
      '序号,所用时间,套餐,标签,推荐',
      '1,10秒,其他〖张三 13800138000 zs@example.com〗,x,9', // a speeder: quarantined with its written-in text
      '2,60秒,139 1234 5678,x,9', // a phone number typed into a choice column
      '3,60秒,A,x┋bob@example.org,9', // an address among the choices of a multi
      '4,60秒,10.0.0.7,x,9', // an IP address typed into a choice column
      '5,60秒,A,x,8',
    ];
    const ingestion = { ...ingestText(parsed.value, rows.join('\n'), surveyFold(parsed.value), { file: 'r.csv' }), encoding: 'utf-8', sha256: '' };
    const validation = validationSummary('t', 'r.csv', ingestion);
    const csv = quarantineCsv(ingestion.header, [...withCells(ingestion.quarantined, ingestion.quarantinedCells)], new Set());
    expect(validation.quarantined).toBe(4);
    for (const text of PERSONAL) {
      expect(JSON.stringify(validation), text).not.toContain(text);
      expect(csv, text).not.toContain(text);
    }
    expect(csv).toContain('其他〖[withheld]〗');
    const values = validation.rejections.flatMap((r) => r.reasons.map((reason) => reason.value));
    expect(values).toEqual(['10秒', '[phone]', 'x┋[email]', '[withheld]']);
    expect(validation.rejections[2]?.reasons[0]?.message).toBe('`[email]` is not an option of `tags` (choices are split on `┋`)');
  });

  it('leave ordinary values as they are', () => {
    for (const value of ['非常满意', '2024-03-15 10:23:11', '95秒', 'Yes, daily', '12345']) expect(shownValue(value)).toBe(value);
    expect(shownValue('其他〖never closed')).toBe('其他〖[withheld]〗');
  });
});
