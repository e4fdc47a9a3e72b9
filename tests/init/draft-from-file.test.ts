/** `init` round trips: the draft of an export validates, and `analyze` runs on it unchanged. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeSurvey } from '../../src/analyze-survey.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { draftFromFile } from '../../src/init/draft-from-file.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-init-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Drafts a codebook for `file` (copied into its own folder), writes it, parses it and analyses with it. */
async function roundTrip(name: string, write: (file: string) => void) {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name.endsWith('-xlsx') ? 'export.xlsx' : 'export.csv');
  write(file);
  const draft = await draftFromFile(file, dir);
  writeFileSync(path.join(dir, 'survey.yaml'), draft.yaml);
  const parsed = parseCodebook(draft.yaml);
  expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues)).toBe(true);
  const codebook = (parsed.ok ? parsed.value : undefined) as Codebook;
  const result = await analyzeSurvey(dir, { outDir: path.join(work, `${name}-out`) });
  return { draft, codebook, result };
}

function question(codebook: Codebook, column: string) {
  return codebook.questions.find((q) => q.column === column || q.columnPrefix === column);
}

describe('init', () => {
  it('drafts the sample Wenjuanxing export (GBK): platform, respondent columns, PII, types and scales', async () => {
    const { codebook, draft, result } = await roundTrip('wjx', (file) => copyFileSync(path.join(ROOT, 'surveys/kimi-2024/responses.csv'), file));
    expect(codebook.source.format).toBe('wjx');
    expect(codebook.language).toBe('zh');
    expect(codebook.respondent).toEqual({ id: '序号', submittedAt: '提交答卷时间', duration: '所用时间', channel: '来源' });
    expect(draft.pii).toEqual(['来自IP']);
    expect(question(codebook, '4、您对Kimi的整体满意度')).toMatchObject({ type: 'likert', options: ['非常不满意', '不满意', '一般', '满意', '非常满意'] });
    expect(question(codebook, '5、您向朋友或同事推荐Kimi的可能性有多大？（0-10分）')).toMatchObject({ type: 'nps' });
    expect(question(codebook, '7、您主要在哪些场景使用Kimi？（多选）')).toMatchObject({ type: 'multi', separator: '┋' });
    expect(question(codebook, '9、您的年龄')).toMatchObject({ type: 'single', options: ['18-24岁', '18岁以下', '25-30岁', '31-40岁', '41岁及以上'] });
    expect(question(codebook, '2.1、过去7天中，您有几天使用了Kimi？')).toMatchObject({ type: 'rating', min: 0, max: 7 });
    expect(question(codebook, '12、您对Kimi还有什么建议？')).toMatchObject({ type: 'text' });
    // No quality rules in a draft: only the NPS answer of 11 fails its question.
    expect(result.stats.input).toMatchObject({ rowsRead: 160, accepted: 159, quarantined: 1 });
  });

  it('drafts a Qualtrics export with its three header rows, Finished column and personal columns', async () => {
    const rows = [
      'StartDate,EndDate,Status,IPAddress,Progress,Duration (in seconds),Finished,RecordedDate,ResponseId,RecipientEmail,Q1,Q2,Q3,Q4',
      'Start Date,End Date,Response Type,IP Address,Progress,Duration (in seconds),Finished,Recorded Date,Response ID,Recipient Email,How satisfied are you?,How likely are you to recommend us?,Which features do you use?,Anything else?',
      '"{""ImportId"":""startDate""}","{""ImportId"":""endDate""}","{""ImportId"":""status""}","{""ImportId"":""ipAddress""}","{""ImportId"":""progress""}","{""ImportId"":""duration""}","{""ImportId"":""finished""}","{""ImportId"":""recordedDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""recipientEmail""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3""}","{""ImportId"":""QID4""}"',
    ];
    const sat = ['Very satisfied', 'Satisfied', 'Neutral', 'Dissatisfied', 'Satisfied'];
    const features = ['Search', 'Search,Export', 'Export', 'Search,Sharing', 'Sharing'];
    for (let i = 0; i < 40; i++) {
      rows.push(`2024-03-0${(i % 9) + 1} 10:00:00,2024-03-0${(i % 9) + 1} 10:05:00,IP Address,10.0.${i}.1,100,${60 + i},${i === 7 ? 'False' : 'True'},2024-03-0${(i % 9) + 1} 10:05:01,R_${1000 + i},user${i}@example.com,${sat[i % 5]},${i % 11},"${features[i % 5]}",${i % 4 === 0 ? 'more exports please' : ''}`);
    }
    const { codebook, draft, result } = await roundTrip('qualtrics', (file) => writeFileSync(file, `\ufeff${rows.join('\r\n')}\r\n`));
    expect(codebook.source.format).toBe('qualtrics');
    expect(codebook.respondent).toMatchObject({ id: 'ResponseId', submittedAt: 'EndDate', duration: 'Duration (in seconds)' });
    expect(draft.pii).toEqual(['IPAddress', 'RecipientEmail']);
    expect(question(codebook, 'Q1')).toMatchObject({ type: 'likert', label: 'How satisfied are you?' });
    expect(question(codebook, 'Q2')).toMatchObject({ type: 'nps' });
    expect(question(codebook, 'Q3')).toMatchObject({ type: 'multi', separator: ',', options: ['Search', 'Export', 'Sharing'] });
    expect(question(codebook, 'Q4')).toMatchObject({ type: 'text' });
    expect(result.stats.input).toMatchObject({ rowsRead: 40, accepted: 39, quarantined: 1 });
    expect(result.validation.rejections[0]).toMatchObject({ row: 11, reasons: [{ rule: 'incomplete' }] });
  });

  it('drafts a Google Forms export: timestamp first, checkbox answers joined by ", " even when a label holds a comma', async () => {
    const uses = ['Work, mostly', 'Study', 'Work, mostly, Study', 'Fun', 'Study, Fun'];
    const rows = ['Timestamp,How often do you use it?,What do you use it for?,Rate it from 1 to 5'];
    for (let i = 0; i < 30; i++) rows.push(`2024/03/15 10:${String(i).padStart(2, '0')}:00 AM GMT+8,${['Daily', 'Weekly', 'Monthly'][i % 3]},"${uses[i % 5]}",${(i % 5) + 1}`);
    const { codebook, result } = await roundTrip('google-forms', (file) => writeFileSync(file, `${rows.join('\n')}\n`));
    expect(codebook.source.format).toBe('google-forms');
    expect(codebook.respondent).toEqual({ submittedAt: 'Timestamp' });
    expect(question(codebook, 'What do you use it for?')).toMatchObject({ type: 'multi', separator: ', ' });
    expect(question(codebook, 'Rate it from 1 to 5')).toMatchObject({ type: 'rating', min: 0, max: 5 });
    expect(result.stats.input).toMatchObject({ rowsRead: 30, accepted: 30 });
  });

  it('drafts the real 2020 Jupyter survey, grouping one-column-per-option multi-selects', async () => {
    const dataset = path.join(ROOT, 'tests/fixtures/jupyter-2020/all_responses.csv');
    const { codebook, result } = await roundTrip('jupyter', (file) => copyFileSync(dataset, file));
    expect(question(codebook, '3.')).toMatchObject({ type: 'multi', options: expect.arrayContaining(['Python.', 'R.', 'Julia.']) });
    expect(question(codebook, '1. How frequently do you use Jupyter?')).toMatchObject({ type: 'single' });
    expect(result.stats.input).toMatchObject({ rowsRead: 1135, accepted: 1135 });
    expect(readFileSync(path.join(work, 'jupyter', 'survey.yaml'), 'utf8')).toContain('# metrics:');
  });
});
