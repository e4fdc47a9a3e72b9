/** The ingestor's bounds: an export wider than an Excel sheet is refused in one line naming the file. */
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

describe('wide exports', () => {
  it('are refused past 16,384 columns, in one line naming the file', () => {
    const parsed = parseCodebook('id: t\ntitle: T\nsource: { file: r.csv }\nquestions:\n  - { id: q, column: c0, type: text }\n');
    if (!parsed.ok) throw new Error('no codebook');
    const header = Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',');
    expect(() => ingestText(parsed.value, `${header}\n${'x,'.repeat(19_999)}x\n`, surveyFold(parsed.value), { file: 'r.csv' })).toThrow(
      "r.csv: has 20000 columns, more than the 16384 an export may have (Excel's limit); check the delimiter, or split the export",
    );
  });
});
