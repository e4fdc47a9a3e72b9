/**
 * Real exports as R and pandas write them (tests/fixtures/mass-survey: MASS::survey, 237 students): `NA`
 * cells and empty cells are no answer, codes written as floats (`1.0`) match, a number question's bins are
 * levels for a distribution and a breakdown, a survey-wide `filter` leaves rows out with its own count, and a
 * codebook label that misses a frequent value stops the analysis with a did-you-mean. Every expected count
 * comes from R 4.2.2 on the same data (the call is beside each).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'mass-survey');
const R_EXPORT = readFileSync(path.join(FIXTURES, 'survey-r.csv'), 'utf8');
const PANDAS_EXPORT = readFileSync(path.join(FIXTURES, 'survey-pandas.csv'), 'utf8');

const R_CODEBOOK = `id: mass
title: Students
source: { file: survey-r.csv }
questions:
  - { id: sex, column: Sex, type: single, options: [Female, Male] }
  - { id: exer, column: Exer, type: single, options: [None, Some, Freq] }
  - { id: smoke, column: Smoke, type: single, options: [Never, Occas, Regul, Heavy] }
  - { id: pulse, column: Pulse, type: numeric }
  - { id: age, column: Age, type: numeric, bins: [16, 20, 25, .inf] }
metrics:
  - { id: never, kind: proportion, question: smoke, success: [Never] }
  - { id: pulse_mean, kind: mean, question: pulse }
  - { id: ages, kind: distribution, question: age }
breakdowns:
  - { by: age, metrics: [never] }
`;

function codebookOf(text: string): Codebook {
  const parsed = parseCodebook(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

function analyse(codebookText: string, exportText: string): { ingestion: ReturnType<typeof ingestText<ReturnType<ReturnType<typeof surveyFold>['create']>>>; stats: ReturnType<typeof finishStats> } {
  const codebook = codebookOf(codebookText);
  const ingestion = ingestText(codebook, exportText, surveyFold(codebook), { file: 'survey.csv' });
  return { ingestion, stats: finishStats(codebook, ingestion.folded, 'survey.yaml') };
}

const metric = (stats: ReturnType<typeof finishStats>, id: string) => stats.metrics.find((m) => m.id === id);

describe("R's write.csv export", () => {
  const { ingestion, stats } = analyse(R_CODEBOOK, R_EXPORT);

  it('reads NA as no answer, never as an option, so no row is lost', () => {
    expect([ingestion.rowsRead, ingestion.accepted, ingestion.quarantined.length, ingestion.filtered]).toEqual([237, 237, 0, 0]);
    // sum(is.na(survey$Sex)) = 1; sum(is.na(survey$Pulse)) = 45
    expect(ingestion.folded.nonResponse.get('sex')).toBe(1);
    expect(ingestion.folded.nonResponse.get('pulse')).toBe(45);
  });

  it('counts shares and means over the answers given', () => {
    // sum(survey$Smoke == "Never", na.rm = TRUE) = 189; sum(!is.na(survey$Smoke)) = 236
    expect(metric(stats, 'never')).toMatchObject({ count: 189, n: 236 });
    expect(metric(stats, 'never')?.estimate).toBeCloseTo(189 / 236, 12);
    // mean(survey$Pulse, na.rm = TRUE) = 74.151041666667 over 192 answers
    expect(metric(stats, 'pulse_mean')?.estimate).toBeCloseTo(74.151041666667, 10);
    expect(metric(stats, 'pulse_mean')?.n).toBe(192);
  });

  it('bins a number question into levels for a distribution and a breakdown', () => {
    // table(cut(survey$Age, c(16, 20, 25, Inf), right = FALSE)): 171, 47, 19
    const groups = metric(stats, 'ages')?.groups ?? [];
    expect(groups.map((g) => [g.value, g.count])).toEqual([['16–19', 171], ['20–24', 47], ['25+', 19]]);
    // tapply(survey$Smoke == "Never", cut(...), function(x) c(sum(x, na.rm = TRUE), sum(!is.na(x)))): 138/170, 37/47, 14/19
    const breakdown = stats.breakdowns.find((b) => b.by === 'age' && b.metric === 'never');
    expect(breakdown?.groups.map((g) => [g.value, g.n])).toEqual([['16–19', 170], ['20–24', 47], ['25+', 19]]);
    expect(breakdown?.groups.map((g) => g.estimate)).toEqual([138 / 170, 37 / 47, 14 / 19].map((x) => expect.closeTo(x, 12)));
  });

  it('leaves out the rows a survey-wide filter does not keep, counted as filtered', () => {
    const one = analyse(R_CODEBOOK.replace('questions:', 'filter: { question: sex, in: [Female] }\nquestions:'), R_EXPORT);
    // sum(survey$Sex == "Female", na.rm = TRUE) = 118: the 118 men and the one unanswered are filtered
    expect([one.ingestion.rowsRead, one.ingestion.accepted, one.ingestion.quarantined.length, one.ingestion.filtered]).toEqual([237, 118, 0, 119]);
    // f <- subset(survey, Sex == "Female"); sum(f$Smoke == "Never", na.rm = TRUE) = 99 of sum(!is.na(f$Smoke)) = 118
    expect(metric(one.stats, 'never')).toMatchObject({ count: 99, n: 118 });
    const two = analyse(R_CODEBOOK.replace('questions:', 'filter:\n  - { question: sex, in: [Female] }\n  - { question: age, in: ["16–19"] }\nquestions:'), R_EXPORT);
    // sum(f$Smoke == "Never" & f$Age < 20, na.rm = TRUE) = 76 of sum(!is.na(f$Smoke) & f$Age < 20) = 88
    expect([two.ingestion.accepted, two.ingestion.filtered]).toEqual([88, 149]);
    expect(metric(two.stats, 'never')).toMatchObject({ count: 76, n: 88 });
  });

  it('stops on a codebook label that misses a frequent value, naming the value, its rows and the nearest option', () => {
    const typo = R_CODEBOOK.replace('[Never, Occas, Regul, Heavy]', '[Never, Occas, Regul, Heavvy]');
    // sum(survey$Smoke == "Heavy", na.rm = TRUE) = 11 rows, over 3 and over 1% of 237
    expect(() => analyse(typo, R_EXPORT)).toThrow(
      'survey.csv: question `smoke` (column "Smoke"): "Heavy" in 11 of 237 rows (4.6%) is not one of its options (did you mean `Heavvy`?); fix the label in questions[2].options, add it to `missing:` if it means no answer, or set `quality.unknownValues: quarantine` to quarantine these rows',
    );
    const quarantine = analyse(typo.replace('metrics:', 'quality: { unknownValues: quarantine }\nmetrics:'), R_EXPORT);
    expect([quarantine.ingestion.accepted, quarantine.ingestion.quarantined.length]).toEqual([226, 11]);
  });

  it('quarantines a rare unknown value as before', () => {
    // Two rows typed "Nevr": under the three rows that make a value frequent.
    const rows = R_EXPORT.split('\n');
    const edited = rows.map((row, i) => (i === 1 || i === 4 ? row.replace('"Never"', '"Nevr"') : row)).join('\n');
    const { ingestion } = analyse(R_CODEBOOK, edited);
    expect(ingestion.quarantined.map((q) => [q.row, q.reasons[0]?.rule, q.reasons[0]?.value])).toEqual([[2, 'invalid-option', 'Nevr'], [5, 'invalid-option', 'Nevr']]);
  });

  it('keeps an option that looks like a missing value as an answer', () => {
    const text = `id: t\ntitle: T\nsource: { file: t.csv }\nquestions:\n  - { id: q, column: q, type: single, options: ["Yes", "No", "N/A"] }\nmetrics:\n  - { id: na, kind: proportion, question: q, success: ["N/A"] }\n`;
    const { ingestion, stats } = analyse(text, 'q\nYes\nN/A\nNA\nn/a\nNo\n-\n');
    // `N/A` is the option (labels match as written); NA, n/a and - are missing values (matched in any case).
    expect(metric(stats, 'na')).toMatchObject({ count: 1, n: 3 });
    expect(ingestion.folded.nonResponse.get('q')).toBe(3);
  });
});

describe("pandas' to_csv export", () => {
  const codebook = `id: pandas
title: Students
source: { file: survey-pandas.csv }
questions:
  - { id: sex, column: sex, type: single, options: ["0", "1"] }
  - { id: exer, column: exer, type: single, options: [None, Some, Freq] }
  - { id: smoke, column: smoke, type: single, options: [Never, Occas, Regul, Heavy] }
  - { id: pulse, column: pulse, type: numeric, missing: [-99] }
metrics:
  - { id: male, kind: proportion, question: sex, success: ["1"] }
  - { id: freq, kind: proportion, question: exer, success: [Freq] }
  - { id: pulse_mean, kind: mean, question: pulse }
`;

  it('matches codes written as floats to integer labels and to 1-based codes', () => {
    const { ingestion, stats } = analyse(codebook, PANDAS_EXPORT);
    expect([ingestion.rowsRead, ingestion.accepted, ingestion.quarantined.length]).toEqual([237, 237, 0]);
    // sum(survey$Sex == "Male", na.rm = TRUE) = 118 of 236 answers; table(survey$Exer)["Freq"] = 115 of 237
    expect(metric(stats, 'male')).toMatchObject({ count: 118, n: 236 });
    expect(metric(stats, 'freq')).toMatchObject({ count: 115, n: 237 });
    expect(metric(stats, 'pulse_mean')?.estimate).toBeCloseTo(74.151041666667, 10);
  });

  it('reads a missing code written as a float (-99.0 for -99) as no answer', () => {
    const edited = PANDAS_EXPORT.replace('\n0,0.0,2.0,Never,92.0,', '\n0,0.0,2.0,Never,-99.0,');
    const { stats } = analyse(codebook, edited);
    // 191 pulses remain once the first (92) is missing: (74.151041666667 * 192 - 92) / 191
    expect(metric(stats, 'pulse_mean')?.n).toBe(191);
    expect(metric(stats, 'pulse_mean')?.estimate).toBeCloseTo((74.151041666667 * 192 - 92) / 191, 9);
  });
});
