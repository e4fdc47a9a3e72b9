import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { withCells } from '../../src/ingest/quarantine-cells.ts';
import { resolveColumns } from '../../src/ingest/resolve-columns.ts';
import type { Response } from '../../src/model/response.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const CODEBOOK = `id: t
title: T
source: { file: r.csv, format: wjx }
respondent: { id: 序号, duration: 所用时间, channel: 来源 }
pii: [来自IP]
questions:
  - { id: freq, column: "1、频率", type: single, options: [每天, 每周, 更少] }
  - { id: sat, column: "2、满意度", type: likert, options: [不满意, 一般, 满意] }
  - { id: nps, column: "3、推荐", type: nps }
  - { id: scen, column: "4、场景", type: multi, options: [金融投研, 办公写作, 其他] }
  - { id: attn, column: "5、请选同意", type: single, options: [不同意, 同意] }
  - { id: g1, column: "6、A", type: likert, options: [低, 中, 高], missing: [不适用] }
  - { id: g2, column: "7、B", type: likert, options: [低, 中, 高] }
quality:
  unknownValues: quarantine
  minDurationSeconds: 30
  duplicateKeys: [来自IP]
  attentionCheck: { question: attn, expect: [同意] }
  straightlining: { questions: [g1, g2], action: flag }
`;

const HEADER = '序号,所用时间,来源,来自IP,1、频率,2、满意度,3、推荐,4、场景,5、请选同意,6、A,7、B';

function codebook(text = CODEBOOK): Codebook {
  const result = parseCodebook(text);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

/** Runs rows through ingestion, keeping the accepted responses the ingestor itself would drop. */
function validate(rows: string[], text = CODEBOOK) {
  const accepted: Response[] = [];
  const ingestion = ingestText(codebook(text), [HEADER, ...rows].join('\n'), surveyFold(codebook(text)), { file: 'r.csv', onAccepted: (r) => accepted.push(r) });
  return { ...ingestion, accepted };
}

describe('createRowValidator (through ingestion)', () => {
  it('accepts labels, 1-based codes, the wjx "other, specify" form, listed missing values and wjx (跳过)/(空)', () => {
    const result = validate([
      '1,95秒,微信,1.1.1.1(北京-北京),每天,3,10,金融投研┋其他〖写研报〗,同意,不适用,高',
      '2,1分5秒,微信,1.1.1.2(北京-北京),2,一般,,,2,中,低',
      '3,95,微信,1.1.1.3(北京-北京),（跳过）,(空),(跳过),(跳过),同意,(空),高',
    ]);
    expect(result.quarantined).toEqual([]);
    expect(result.accepted.map((r) => r.answers)).toEqual([
      [0, 2, 10, [0, 2], 1, null, 2],
      [1, 1, null, null, 1, 1, 0],
      [null, null, null, null, 1, null, 2],
    ]);
    expect(result.accepted[0]?.channel).toBe('微信');
    expect(result.accepted[0]?.specified).toEqual({ scen: '写研报' });
  });

  it('quarantines a row with every one of its reasons, and keeps the PII value out of them', () => {
    const result = validate([
      '1,95秒,微信,9.9.9.9(上海-上海),每天,满意,9,金融投研,同意,高,中',
      '2,12秒,微信,9.9.9.9(上海-上海),每年,满意,11,金融投研┋炒股,不同意,高,中',
    ]);
    expect(result.rowsRead).toBe(2);
    expect(result.accepted.map((r) => r.row)).toEqual([2]);
    expect(result.quarantined).toHaveLength(1);
    const [row] = result.quarantined;
    expect(row?.row).toBe(3);
    expect(row?.reasons.map((r) => r.rule)).toEqual(['invalid-option', 'invalid-nps', 'invalid-option', 'speeder', 'duplicate', 'attention-check']);
    expect(row?.reasons.find((r) => r.rule === 'invalid-nps')).toEqual({
      rule: 'invalid-nps',
      column: '3、推荐',
      value: '11',
      message: 'an NPS answer must be a whole number from 0 to 10',
    });
    const duplicate = row?.reasons.find((r) => r.rule === 'duplicate');
    expect(duplicate).toEqual({ rule: 'duplicate', column: '来自IP', message: 'same 来自IP as row 2; the later response is kept out' });
    expect(JSON.stringify(row?.reasons)).not.toContain('9.9.9.9');
  });

  it('treats an empty cell as no answer, not a failure, and a blank attention check as a failure', () => {
    const result = validate(['1,95秒,微信,1.1.1.3,,,,,,,']);
    expect(result.accepted).toEqual([]);
    expect(result.quarantined[0]?.reasons.map((r) => r.rule)).toEqual(['attention-check']);
  });

  it('quarantines a row with more or fewer cells than the header', () => {
    const result = validate(['1,95秒,微信,1.1.1.4,每天,满意,9,金融投研,同意,高', '2,95秒,微信,1.1.1.5,每天,满意,9,金融投研,同意,高,中,extra']);
    expect(result.quarantined.map((q) => [q.row, q.reasons[0]?.rule])).toEqual([
      [2, 'ragged-row'],
      [3, 'ragged-row'],
    ]);
  });

  it('flags a straight-liner under action: flag and quarantines one under action: quarantine', () => {
    const rows = ['1,95秒,微信,1.1.1.6,每天,满意,9,金融投研,同意,高,高'];
    const flagged = validate(rows);
    expect(flagged.accepted).toHaveLength(1);
    expect(flagged.flagged).toEqual([{ row: 2, rule: 'straightlining' }]);
    const quarantined = validate(rows, CODEBOOK.replace('action: flag', 'action: quarantine'));
    expect(quarantined.quarantined[0]?.reasons.map((r) => r.rule)).toEqual(['straightlining']);
  });

  it('accounts for every row: rowsRead == accepted + quarantined', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i + 1},${i % 3 === 0 ? '10秒' : '60秒'},微信,1.1.${i % 7}.1,${['每天', '每周', 'x'][i % 3]},满意,${i % 12},办公写作,同意,低,中`);
    const result = validate(rows);
    expect(result.rowsRead).toBe(50);
    expect(result.accepted.length + result.quarantined.length).toBe(50);
    expect(new Set([...result.accepted.map((r) => r.row), ...result.quarantined.map((r) => r.row)]).size).toBe(50);
  });
});

describe('resolveColumns', () => {
  it('names a missing question column and the nearest header names', () => {
    expect(resolveColumns(codebook(), { header: HEADER.replace('2、满意度', '2、满意程度').split(',') })).toEqual({
      ok: false,
      messages: ['questions[1].column: no column `2、满意度` in the export\'s header; nearest: `2、满意程度`, `1、频率`, `3、推荐`'],
    });
  });
});

describe('ragged rows and PII', () => {
  it('quarantine a ragged row on its cell count alone and withhold its cells from quarantine.csv when PII columns exist', async () => {
    const { quarantineCsv } = await import('../../src/report/quarantine-csv.ts');
    // An unquoted comma shifts the IP address under another column.
    const result = validate(['1,95秒,微信,extra,10.0.0.1(北京-北京),每天,满意,9,金融投研,同意,高,中']);
    expect(result.quarantined[0]?.reasons).toEqual([{ rule: 'ragged-row', message: 'has 12 cells where the header has 11; a delimiter or quote in the row is off' }]);
    const csv = quarantineCsv(result.header, [...withCells(result.quarantined, result.quarantinedCells)], result.columns.pii);
    expect(csv).not.toContain('10.0.0.1');
    expect(csv).toContain('cells withheld');
  });
});

describe('resolveColumns with columnPrefix', () => {
  it('names every option whose column is missing, with the nearest header names', () => {
    const parsed = parseCodebook(`id: t
title: T
source: { file: r.csv }
questions:
  - { id: lang, columnPrefix: "Q3", type: multi, options: [Python, R] }
`);
    if (!parsed.ok) throw new Error('codebook');
    expect(resolveColumns(parsed.value, { header: ['Q3 Python', 'Q3 R-lang'] })).toEqual({
      ok: false,
      messages: ["questions[0].options[1]: no column `Q3 R` (columnPrefix + option) in the export's header; nearest: `Q3 R-lang`, `Q3 Python`"],
    });
  });
});
