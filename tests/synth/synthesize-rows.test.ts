import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { encodeExport } from '../../src/synth/encode-export.ts';
import { loadProfile } from '../../src/synth/load-profile.ts';
import { profileSchema } from '../../src/synth/profile-schema.ts';
import { synthesizeRows } from '../../src/synth/synthesize-rows.ts';
import { ingestBytes } from '../../src/ingest/ingest-text.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const SAMPLE = new URL('../../surveys/kimi-2024/', import.meta.url);

function sampleCodebook(): Codebook {
  const parsed = parseCodebook(readFileSync(new URL('survey.yaml', SAMPLE), 'utf8'));
  if (!parsed.ok) throw new Error('sample codebook does not parse');
  return parsed.value;
}

describe('synthesizeRows', () => {
  it('rebuilds the committed sample export byte for byte from its README command (seed 2024, 160 rows, 6 faults)', async () => {
    const codebook = sampleCodebook();
    const profile = await loadProfile(SAMPLE.pathname);
    const bytes = encodeExport(codebook, synthesizeRows(codebook, profile, { rows: 160, faults: 6, seed: 2024 }));
    expect(Buffer.from(bytes).equals(readFileSync(new URL('responses.csv', SAMPLE)))).toBe(true);
  });

  it('writes faults that validation catches exactly: accepted == rows - faults', () => {
    const codebook = sampleCodebook();
    for (const [rows, faults, seed] of [[50, 5, 1], [300, 30, 7], [20, 0, 3]] as const) {
      const table = synthesizeRows(codebook, profileSchema.parse({}), { rows, faults, seed });
      const ingestion = ingestBytes(codebook, encodeExport(codebook, table), surveyFold(codebook), { file: 'synthetic.csv' });
      expect(ingestion.rowsRead).toBe(rows);
      expect(ingestion.accepted).toBe(rows - faults);
      expect(ingestion.quarantined).toHaveLength(faults);
    }
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const codebook = sampleCodebook();
    const profile = profileSchema.parse({});
    const a = synthesizeRows(codebook, profile, { rows: 30, faults: 3, seed: 5 });
    const b = synthesizeRows(codebook, profile, { rows: 30, faults: 3, seed: 5 });
    const c = synthesizeRows(codebook, profile, { rows: 30, faults: 3, seed: 6 });
    expect(a).toEqual(b);
    expect(a.rows).not.toEqual(c.rows);
  });

  it('writes the other encodings the codebook may ask for, and ingestion reads them back', () => {
    const base = sampleCodebook();
    for (const encoding of ['utf-8', 'gb18030', 'utf-16le'] as const) {
      const codebook = { ...base, source: { ...base.source, encoding } };
      const table = synthesizeRows(codebook, profileSchema.parse({}), { rows: 10, faults: 0, seed: 1 });
      const ingestion = ingestBytes(codebook, encodeExport(codebook, table), surveyFold(codebook), { file: `synthetic-${encoding}.csv` });
      expect(ingestion.accepted).toBe(10);
      expect(ingestion.header).toEqual(table.header);
    }
  });
});
