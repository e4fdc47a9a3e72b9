/**
 * `init` round trips: the draft of an export validates, `analyze` runs on it unchanged, and it holds what an
 * analyst would write. Real exports: the sample Wenjuanxing survey, the 2020 Jupyter survey, and public
 * surveys from R packages as R's write.csv and pandas' to_csv write them (tests/fixtures/init/README.md,
 * tests/fixtures/mass-survey/README.md).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeSurvey } from '../../src/analyze-survey.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { draftFromFile } from '../../src/init/draft-from-file.ts';
import { normalizeLabel } from '../../src/util/normalize-label.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures');
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
  return { dir, draft, codebook, result };
}

/** The question of a column, by its header as normalised (the Jupyter export has non-breaking spaces). */
function question(codebook: Codebook, column: string) {
  const name = normalizeLabel(column);
  return codebook.questions.find((q) => normalizeLabel(q.column ?? q.columnPrefix ?? '') === name);
}

/** The draft's line holding `text` (a question's options with the comment beside them). */
function lineWith(yaml: string, text: string): string {
  return yaml.split('\n').find((line) => line.includes(text)) ?? '';
}

describe('init', () => {
  it('drafts the sample Wenjuanxing export (GBK): platform, respondent columns, PII, types, scales and one metric per type', async () => {
    const { codebook, draft, result } = await roundTrip('wjx', (file) => copyFileSync(path.join(ROOT, 'surveys/kimi-2024/responses.csv'), file));
    expect(codebook.source.format).toBe('wjx');
    expect(codebook.language).toBe('zh');
    expect(codebook.respondent).toEqual({ id: '序号', submittedAt: '提交答卷时间', duration: '所用时间', channel: '来源' });
    expect(draft.pii).toEqual(['来自IP']);
    expect(question(codebook, '4、您对Kimi的整体满意度')).toMatchObject({ type: 'likert', options: ['非常不满意', '不满意', '一般', '满意', '非常满意'] });
    expect(question(codebook, '5、您向朋友或同事推荐Kimi的可能性有多大？（0-10分）')).toMatchObject({ type: 'nps' });
    expect(question(codebook, '7、您主要在哪些场景使用Kimi？（多选）')).toMatchObject({ type: 'multi', separator: '┋' });
    // 18岁以下 is under 18: before 18-24岁 (it used to come second, sorted as text).
    expect(question(codebook, '9、您的年龄')).toMatchObject({ type: 'single', options: ['18岁以下', '18-24岁', '25-30岁', '31-40岁', '41岁及以上'] });
    // 不到1个月 (under a month) before 1-3个月 before 3个月以上 (over three months).
    expect(question(codebook, '1、您使用Kimi多长时间了？')).toMatchObject({ type: 'single', options: ['不到1个月', '1-3个月', '3个月以上'] });
    // How often, low to high (更少 is "less than weekly"), as a likert scale, with a comment to check it.
    expect(question(codebook, '2、您使用Kimi的频率是？')).toMatchObject({ type: 'likert', options: ['更少', '每周一次', '每周数次', '每天一次', '每天多次'] });
    expect(lineWith(draft.yaml, '每天多次 ]')).toContain('# ordered as how often');
    // Answers 1-7, but "days in the past 7" can be 0: the range comes from the question text, and says so.
    expect(question(codebook, '2.1、过去7天中，您有几天使用了Kimi？')).toMatchObject({ type: 'rating', min: 0, max: 7 });
    expect(lineWith(draft.yaml, 'max: 7')).toContain('# days in the past 7, 0–7; answers seen 1–7');
    expect(question(codebook, '6、如果今后无法再使用Kimi，您会有多失望？')).toMatchObject({ type: 'likert', options: ['不失望', '有点失望', '非常失望'] });
    expect(question(codebook, '12、您对Kimi还有什么建议？')).toMatchObject({ type: 'text' });
    // One metric of each kind that fits a question type present, on the first question of that type.
    expect(codebook.metrics.map((m) => [m.id, m.kind])).toEqual([
      ['q1_share', 'proportion'],
      ['q2_top2', 'top-box'],
      ['q2_2_mean', 'mean'],
      ['q5_nps', 'nps'],
      ['q7_mix', 'distribution'],
    ]);
    expect(result.stats.metrics.map((m) => m.id)).toEqual(['q1_share', 'q2_top2', 'q2_2_mean', 'q5_nps', 'q7_mix']);
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
    // Daily, Weekly, Monthly are how often: low to high.
    expect(question(codebook, 'How often do you use it?')).toMatchObject({ type: 'likert', options: ['Monthly', 'Weekly', 'Daily'] });
    // A 1-5 scale is 1-5: a minimum of 0 is never invented for answers that start at 1.
    expect(question(codebook, 'Rate it from 1 to 5')).toMatchObject({ type: 'rating', min: 1, max: 5 });
    expect(result.stats.input).toMatchObject({ rowsRead: 30, accepted: 30 });
  });

  it('drafts the real 2020 Jupyter survey: option groups, frequency scales, and coded 0-4 scales with their skip answer as missing', async () => {
    const dataset = path.join(FIXTURES, 'jupyter-2020/all_responses.csv');
    const { codebook, draft, result } = await roundTrip('jupyter', (file) => copyFileSync(dataset, file));
    expect(codebook.respondent).toEqual({ id: 'Respondent ID' });
    expect(question(codebook, '3.')).toMatchObject({ type: 'multi', options: expect.arrayContaining(['Python.', 'R.', 'Julia.']) });
    // Two "Daily - …" answers leave the order unknown: most chosen first, and the draft says it is a guess.
    expect(question(codebook, '1. How frequently do you use Jupyter?')).toMatchObject({ type: 'single' });
    expect(lineWith(draft.yaml, 'I have never used Jupyter.')).toContain('# most chosen first: the order is a guess');
    expect(question(codebook, '2. How long have you been using Jupyter?')).toMatchObject({
      options: ['Less than 6 months.', '6-12 months.', '1-2 years.', '2+ years.', "I don't use Jupyter."],
    });
    expect(question(codebook, '7a1. Writing a software package. - How frequently do you perform this task?')).toMatchObject({
      type: 'likert',
      options: ['Never.', 'Every few months.', 'Monthly.', 'Weekly.', 'Daily.'],
    });
    // As the project's own codebook for this survey has it (tests/fixtures/jupyter-2020/survey.yaml).
    expect(question(codebook, '10a. Data is too big to fit into memory on my machine/ server.')).toMatchObject({
      type: 'likert',
      options: ['(0) Not a problem for me.', '(1) Trivial.', '(2) Minor.', '(3) Major.', '(4) Critical.'],
      missing: ["N/A - skip, don't know."],
    });
    expect(result.stats.input).toMatchObject({ rowsRead: 1135, accepted: 1135 });
    expect(readFileSync(path.join(work, 'jupyter', 'survey.yaml'), 'utf8')).toContain('# More metrics: uncomment and adapt.');
  });
});

describe('init on public surveys exported from R and pandas', () => {
  it("MASS::survey as R's write.csv writes it: row numbers left out, NA is no answer, Smoke and Exer in frequency order", async () => {
    const { codebook, draft, result } = await roundTrip('mass-survey-r', (file) => copyFileSync(path.join(FIXTURES, 'mass-survey/survey-r.csv'), file));
    // The unnamed first column holds R's row names 1..237: not a question, and it has no name to be the id by.
    expect(codebook.respondent).toEqual({});
    expect(draft.yaml).toContain("# Left out: the unnamed first column (row numbers, as R's write.csv and pandas write them)");
    // `NA` cells are no answer, never an option, and do not make Pulse or Height text.
    expect(question(codebook, 'Sex')).toMatchObject({ type: 'single', options: ['Female', 'Male'] });
    expect(question(codebook, 'Pulse')).toMatchObject({ type: 'numeric' });
    expect(question(codebook, 'Height')).toMatchObject({ type: 'numeric' });
    // Never/Occas/Regul/Heavy are a frequency scale (abbreviated): drafted in that order, as a likert to check.
    expect(question(codebook, 'Smoke')).toMatchObject({ type: 'likert', options: ['Never', 'Occas', 'Regul', 'Heavy'] });
    expect(lineWith(draft.yaml, 'Regul, Heavy ]')).toContain('# ordered as frequency words');
    expect(question(codebook, 'Exer')).toMatchObject({ type: 'likert', options: ['None', 'Some', 'Freq'] });
    // Left/Right is not an ordered scale: most chosen first, and no comment calling it a guess.
    expect(lineWith(draft.yaml, '[ Right, Left ]')).not.toContain('#');
    expect(codebook.metrics.map((m) => m.kind)).toEqual(['proportion', 'mean', 'top-box']);
    expect(result.stats.input).toMatchObject({ rowsRead: 237, accepted: 237, quarantined: 0 });
    expect(result.stats.metrics.find((m) => m.id === 'sex_share')).toMatchObject({ n: 236 });
  });

  it('MASS::survey as pandas writes it: the unnamed index left out, 0.0/1.0 codes read as 0 and 1', async () => {
    const { codebook, result } = await roundTrip('mass-survey-pandas', (file) => copyFileSync(path.join(FIXTURES, 'mass-survey/survey-pandas.csv'), file));
    expect(codebook.respondent).toEqual({});
    // `sex` is 0/1 written as 0.0/1.0 with empty cells: a choice of two codes, not a number to average.
    expect(question(codebook, 'sex')).toMatchObject({ type: 'single', options: ['0', '1'] });
    // `exer` codes None/Some/Freq as 1.0/2.0/3.0: a 1-3 rating.
    expect(question(codebook, 'exer')).toMatchObject({ type: 'rating', min: 1, max: 3 });
    expect(question(codebook, 'pulse')).toMatchObject({ type: 'numeric' });
    expect(result.stats.input).toMatchObject({ rowsRead: 237, accepted: 237, quarantined: 0 });
  });

  it('carData::CES11: the id, a commented weighting on `weight`, `population` left out as a design column, ordinal options in order', async () => {
    const { dir, codebook, draft, result } = await roundTrip('ces11', (file) => copyFileSync(path.join(FIXTURES, 'init/ces11.csv'), file));
    // `id` is named like an id and its values are all different.
    expect(codebook.respondent).toEqual({ id: 'id' });
    expect(draft.weights).toEqual(['weight']);
    expect(draft.design).toEqual(['population']);
    for (const column of ['id', 'weight', 'population']) expect(question(codebook, column)).toBeUndefined();
    // Weighting is the analyst's decision: suggested in a comment, not applied.
    expect(codebook.weighting).toEqual({ method: 'none' });
    expect(draft.yaml).toContain('\n# weighting: { method: column, column: weight }\n');
    expect(draft.yaml).toContain('# Design columns left out: population');
    // not / notvery / somewhat / very are intensity words: in that order (they were most chosen first).
    expect(question(codebook, 'importance')).toMatchObject({ type: 'likert', options: ['not', 'notvery', 'somewhat', 'very'] });
    // Education levels, lowest first; ordered categories, so a single question, with a comment to check.
    expect(question(codebook, 'education')).toMatchObject({ type: 'single', options: ['lessHS', 'HS', 'somePS', 'college', 'bachelors', 'higher'] });
    expect(lineWith(draft.yaml, 'bachelors, higher ]')).toContain('# ordered as education levels: check');
    expect(codebook.metrics).toEqual([
      expect.objectContaining({ id: 'province_share', kind: 'proportion', question: 'province', success: ['QC'] }),
      expect.objectContaining({ id: 'importance_top2', kind: 'top-box', question: 'importance', box: 2 }),
    ]);
    expect(result.stats.input).toMatchObject({ rowsRead: 100, accepted: 100, quarantined: 0 });

    // Uncommented as it stands, the suggestion weights the analysis.
    writeFileSync(path.join(dir, 'survey.yaml'), draft.yaml.replace('\n# weighting:', '\nweighting:'));
    const weighted = await analyzeSurvey(dir, { outDir: path.join(work, 'ces11-weighted') });
    expect(weighted.stats.weighting).toMatchObject({ method: 'column' });
    expect(weighted.stats.metrics[0]).toMatchObject({ weighted: true });
  });

  it('carData::BEPS: ratings take their range from the answers (1-5, 0-3, 1-11), never 0-5', async () => {
    const { codebook, result } = await roundTrip('beps', (file) => copyFileSync(path.join(FIXTURES, 'init/beps.csv'), file));
    for (const column of ['economic.cond.national', 'economic.cond.household', 'Blair', 'Hague', 'Kennedy']) {
      expect(question(codebook, column)).toMatchObject({ type: 'rating', min: 1, max: 5 });
    }
    expect(question(codebook, 'political.knowledge')).toMatchObject({ type: 'rating', min: 0, max: 3 });
    expect(question(codebook, 'Europe')).toMatchObject({ type: 'rating', min: 1, max: 11 });
    expect(question(codebook, 'age')).toMatchObject({ type: 'numeric' });
    expect(result.stats.input).toMatchObject({ rowsRead: 110, accepted: 110, quarantined: 0 });
  });

  it('survey::apiclus1 as pandas writes it: snum as the id, `pw` as the weight, `fpc` as a design column, `2.0` as 2', async () => {
    const { codebook, draft, result } = await roundTrip('apiclus1', (file) => copyFileSync(path.join(FIXTURES, 'init/apiclus1-pandas.csv'), file));
    // snum (the school number) is unique; the unnamed pandas index is left out.
    expect(codebook.respondent).toEqual({ id: 'snum' });
    expect(draft.weights).toEqual(['pw']);
    expect(draft.design).toEqual(['fpc']);
    expect(draft.yaml).toContain('\n# weighting: { method: column, column: pw }\n');
    // acs.k3 (average class size) is written 21.0 with empty cells: still a number question.
    expect(question(codebook, 'acs.k3')).toMatchObject({ type: 'numeric' });
    // dnum is a district code: a choice, not a number to average.
    expect(question(codebook, 'dnum')).toMatchObject({ type: 'single' });
    // cds is a code with leading zeros (01612916002455): not a number.
    expect(question(codebook, 'cds')).toMatchObject({ type: 'text' });
    expect(result.stats.input).toMatchObject({ rowsRead: 60, accepted: 60, quarantined: 0 });
  });
});
