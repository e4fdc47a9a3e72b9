/**
 * An SPSS file analysed as a survey export: value labels become the options a codebook names, user-missing
 * codes (99 = 不知道; -1 and the range 97–99) are no answer, number questions keep their numbers. The data
 * are those tests/fixtures/spss/make-survey.R writes into survey-utf8.sav; expected values by hand from them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestFile } from '../../src/ingest/ingest-file.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'spss');

const CODEBOOK = (file: string): string => `id: sav
title: SPSS
source: { file: ${file}, format: spss }
questions:
  - { id: sat, column: 满意度, type: likert, options: [非常不满意, 不满意, 一般, 满意, 非常满意] }
  - { id: nps, column: nps, type: nps }
  - { id: city, column: city, type: single, options: [北京, 上海, 广州, 深圳] }
metrics:
  - { id: csat, kind: top-box, question: sat }
  - { id: nps, kind: nps, question: nps }
  - { id: cities, kind: distribution, question: city }
`;

describe('an SPSS .sav export', () => {
  for (const file of ['survey-utf8.sav', 'survey-utf8-uncompressed.sav', 'survey-utf8.zsav']) {
    it(`reads labels as options and user-missing codes as no answer (${file})`, async () => {
      const parsed = parseCodebook(CODEBOOK(file));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      const codebook = parsed.value;
      const ingestion = await ingestFile(codebook, path.join(FIXTURES, file), surveyFold(codebook));
      expect([ingestion.rowsRead, ingestion.accepted, ingestion.quarantined.length]).toEqual([8, 8, 0]);
      const { metrics } = finishStats(codebook, ingestion.folded, 'survey.yaml');
      // 满意度 5, 4, 99 (missing), NA, 1, 3, 2, 5: six answers, three in the top two (4, 5).
      expect(metrics.find((m) => m.id === 'csat')).toMatchObject({ count: 3, n: 6 });
      // nps 10, 9, 97 (missing range), 0, -1 (missing), 98 (missing range), NA, 7: promoters 2, detractors 1 of 4.
      expect(metrics.find((m) => m.id === 'nps')).toMatchObject({ estimate: 25, n: 4 });
      // city bj, sh, gz, na (missing), "", bj, sh, 深圳 (no label: the value itself).
      expect(metrics.find((m) => m.id === 'cities')?.groups?.map((g) => [g.value, g.count])).toEqual([['北京', 2], ['上海', 2], ['广州', 1], ['深圳', 1]]);
    });
  }

  it('refuses format spss for a file that is not one', () => {
    const parsed = parseCodebook(CODEBOOK('responses.csv'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]?.message).toBe('`spss` is for SPSS system files: name a .sav or .zsav file in `source.file`, or use `generic` for a CSV');
  });
});
