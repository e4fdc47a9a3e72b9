import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { withCells } from '../../src/ingest/quarantine-cells.ts';
import type { Response } from '../../src/model/response.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

function codebook(format: string, extra = ''): Codebook {
  const parsed = parseCodebook(`id: t
title: T
source: { file: r.csv, format: ${format} }
questions:
  - { id: q1, column: Q1, type: single, options: [Yes, No] }
  - { id: q2, column: Q2, type: text }
${extra}`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

function ingest(cb: Codebook, text: string) {
  const responses: Response[] = [];
  const ingestion = ingestText(cb, text, surveyFold(cb), { file: 'r.csv', onAccepted: (r) => responses.push(r) });
  return { ...ingestion, responses };
}

describe('ingestText', () => {
  it('numbers rows as the file does (header is row 1), passing over blank lines and lines of only commas', () => {
    const result = ingest(codebook('wjx'), 'Q1,Q2\nYes,a\n\n,\nNo,b\n');
    expect(result.rowsRead).toBe(2);
    expect(result.blankRows).toBe(1);
    expect(result.responses.map((r) => [r.row, r.answers])).toEqual([
      [2, [0, 'a']],
      [5, [1, 'b']],
    ]);
  });

  it.each([[';'], ['\t'], ['|']])('sniffs the %j delimiter of a generic export', (d) => {
    const result = ingest(codebook('generic'), `Q1${d}Q2\nYes${d}x, y\nNo${d}z\n`);
    expect(result.responses.map((r) => r.answers)).toEqual([
      [0, 'x, y'],
      [1, 'z'],
    ]);
  });

  it('keeps quoted commas and line breaks inside a cell', () => {
    expect(ingest(codebook('wjx'), 'Q1,Q2\nYes,"line1\nline2, still"\n').responses[0]?.answers).toEqual([0, 'line1\nline2, still']);
  });

  it('takes the question-text row of a Qualtrics export as a second header and skips the ImportId row', () => {
    const text = 'QID1,QID2,Finished\nQ1,Q2,Finished\n"{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""finished""}"\nYes,x,True\nNo,y,False\n';
    const result = ingest(codebook('qualtrics'), text);
    expect(result.rowsRead).toBe(2);
    expect(result.responses.map((r) => r.row)).toEqual([4]);
    expect(result.quarantined.map((q) => [q.row, q.reasons.map((r) => r.rule)])).toEqual([[5, ['incomplete']]]);
  });

  it('reads a Qualtrics export without its extra header rows like any other', () => {
    const result = ingest(codebook('qualtrics'), 'Q1,Q2\nYes,x\n');
    expect(result.responses.map((r) => r.row)).toEqual([2]);
  });

  it('reports an unclosed quote with its row, as one line', () => {
    expect(() => ingest(codebook('wjx'), 'Q1,Q2\nYes,a\nNo,"open\nYes,b\n')).toThrow(
      'r.csv:3: a quoted cell is never closed, so the cells from here on cannot be trusted; fix the quoting (the file may be truncated or hand-edited)',
    );
  });

  it('reports an empty file', () => {
    expect(() => ingest(codebook('wjx'), '')).toThrow('r.csv: is empty: no header row and no responses');
  });

  it('accepts a file with a header and no responses, reading 0 rows', () => {
    const result = ingest(codebook('wjx'), 'Q1,Q2\n');
    expect(result.rowsRead).toBe(0);
    expect(result.accepted).toBe(0);
  });

  it('names the missing column and the nearest header names', () => {
    expect(() => ingest(codebook('wjx'), 'Q 1,Q2\nYes,a\n')).toThrow("r.csv: questions[0].column: no column `Q1` in the export's header; nearest: `Q 1`, `Q2`");
  });
});

describe('PII detection', () => {
  it('treats an undeclared column of IP addresses as PII: out of quarantine.csv and out of every reason', async () => {
    const { quarantineCsv } = await import('../../src/report/quarantine-csv.ts');
    const cb = codebook('wjx', 'quality: { duplicateKeys: [来自IP] }\n');
    const result = ingest(cb, 'Q1,Q2,来自IP\nYes,a,1.2.3.4(北京-北京)\nNo,b,1.2.3.4(北京-北京)\n');
    expect(result.quarantined.map((q) => q.reasons)).toEqual([
      [{ rule: 'duplicate', column: '来自IP', message: 'same 来自IP as row 2; the later response is kept out' }],
    ]);
    const csv = quarantineCsv(result.header, [...withCells(result.quarantined, result.quarantinedCells)], result.columns.pii);
    expect(csv).not.toContain('1.2.3.4');
    expect(csv).not.toContain('来自IP,');
  });

  it('finds e-mail addresses in a respondent column that appears only late in the file', () => {
    const rows = Array.from({ length: 5 }, (_, i) => `Yes,x,r${i}`);
    const result = ingest(codebook('wjx', 'respondent: { id: ID }\n'), ['Q1,Q2,ID', ...rows, 'Maybe,x,someone@example.com'].join('\n'));
    expect([...result.columns.pii]).toEqual([2]);
    expect(JSON.stringify(result.quarantined)).toContain('Maybe');
  });
});

describe('platform layouts', () => {
  it('Qualtrics without a Finished column: Progress under 100 is incomplete', () => {
    const result = ingest(codebook('qualtrics'), 'Q1,Q2,Progress\nYes,a,100\nNo,b,45\n');
    expect(result.quarantined.map((q) => q.reasons)).toEqual([[{ rule: 'incomplete', column: 'Progress', value: '45', message: 'the respondent got 45% of the way through the survey' }]]);
  });

  it('Tencent: ┋-joined multi-selects, and per-option columns through columnPrefix', () => {
    const cb = parseCodebook(`id: t
title: T
source: { file: r.csv, format: tencent }
respondent: { id: 编号, duration: 答题时长 }
questions:
  - { id: use, column: "1.您主要在哪些场景使用？", type: multi, options: [工作, 学习, 娱乐] }
  - { id: pay, columnPrefix: "2.您愿意为哪些功能付费？:", type: multi, options: [长文本, 联网搜索] }
`);
    if (!cb.ok) throw new Error(JSON.stringify(cb.issues));
    const text = '编号,答题时长,1.您主要在哪些场景使用？,2.您愿意为哪些功能付费？:长文本,2.您愿意为哪些功能付费？:联网搜索\n1,120,工作┋学习,1,0\n2,98,(跳过),0,0\n3,60,娱乐,长文本,联网搜索\n';
    const result = ingest(cb.value, text);
    expect(result.quarantined).toEqual([]);
    expect(result.responses.map((r) => r.answers)).toEqual([
      [[0, 1], [0]],
      [null, null],
      [[2], [0, 1]],
    ]);
  });
});
