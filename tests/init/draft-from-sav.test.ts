/**
 * `init` on an SPSS file drafts from what the file says beyond its cells: variable labels as the questions'
 * labels, value labels as options in the file's code order (user-missing codes left out), `format: spss`.
 * electric.sav is a real SPSS 6.1 file (tests/fixtures/spss); its labels, as R haven reads them, are in
 * electric.sav.haven.json: FIRSTCHD 1 NO CHD, 2 SUDDEN  DEATH, 3 NONFATALMI, 5 FATAL   MI, 6 OTHER   CHD.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeSurvey } from '../../src/analyze-survey.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { draftFromFile } from '../../src/init/draft-from-file.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-init-sav-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('init on an SPSS file', { timeout: 60_000 }, () => {
  it('drafts options in the code order, labels from the variable labels, and a codebook that analyses as it is', async () => {
    const file = path.join(work, 'electric.sav');
    copyFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'spss', 'electric.sav'), file);
    const draft = await draftFromFile(file, work);
    const parsed = parseCodebook(draft.yaml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const codebook = parsed.value;
    expect(codebook.source.format).toBe('spss');
    const firstchd = codebook.questions.find((q) => q.column === 'FIRSTCHD');
    // Code order 1, 2, 3, 5, 6, the labels' inner runs of spaces folded as cells are.
    expect(firstchd).toMatchObject({ label: 'FIRST CHD EVENT', type: 'single', options: ['NO CHD', 'SUDDEN DEATH', 'NONFATALMI', 'FATAL MI', 'OTHER CHD'] });
    // DAYOFWK: 1 SUNDAY … 7 SATURDAY, not most chosen first.
    expect(codebook.questions.find((q) => q.column === 'DAYOFWK')).toMatchObject({ options: ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNSDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] });
    writeFileSync(path.join(work, 'survey.yaml'), draft.yaml);
    const result = await analyzeSurvey(work, { outDir: path.join(work, 'out') });
    // 240 cases, none lost; haven: sum(as_factor(FIRSTCHD) == "NO CHD") = 120 of 240.
    expect([result.validation.rowsRead, result.validation.accepted]).toEqual([240, 240]);
    const share = result.stats.metrics.find((m) => m.question === 'firstchd' && m.kind === 'proportion');
    expect(share).toMatchObject({ count: 120, n: 240 });
  });
});
