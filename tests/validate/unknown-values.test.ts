/** What the unknown-values stop says for number questions: out of range, not a number, not a score (messages by hand). */
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { createFold } from '../../src/ingest/design-fold.ts';

const CODEBOOK = `id: t
title: T
source: { file: t.csv }
questions:
  - { id: rate, column: rate, type: rating, min: 1, max: 5 }
  - { id: days, column: days, type: numeric }
  - { id: nps, column: nps, type: nps }
`;

function stop(rows: string[]): string {
  const parsed = parseCodebook(CODEBOOK);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  try {
    ingestText(parsed.value, ['rate,days,nps', ...rows].join('\n'), createFold(parsed.value), { file: 't.csv' });
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('unknown values of number questions', () => {
  it('names a frequent value out of range, not a number, or not a score, each with its way out', () => {
    // Ten rows: rate 0 in four (out of 1..5), days "a week" in three, nps 11 in three.
    const rows = [...Array.from({ length: 4 }, () => '0,1,5'), ...Array.from({ length: 3 }, () => '3,a week,5'), ...Array.from({ length: 3 }, () => '3,1,11')];
    const keep = 'add it to `missing:` if it means no answer, or set `quality.unknownValues: quarantine` to quarantine these rows';
    expect(stop(rows).split('\n')).toEqual([
      `t.csv: question \`rate\` (column "rate"): "0" in 4 of 10 rows (40.0%) is out of its range; widen questions[0].min/max (or its bins), ${keep}`,
      `t.csv: question \`days\` (column "days"): "a week" in 3 of 10 rows (30.0%) is not a number; ${keep}`,
      `t.csv: question \`nps\` (column "nps"): "11" in 3 of 10 rows (30.0%) is not a score from 0 to 10; ${keep}`,
    ]);
  });

  it('lets two rows of a value pass to quarantine', () => {
    expect(stop(['0,1,5', '0,1,5', '3,1,5'])).toBe('');
  });
});
