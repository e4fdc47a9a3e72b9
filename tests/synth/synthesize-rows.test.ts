import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { encodeExport } from '../../src/synth/encode-export.ts';
import { loadProfile } from '../../src/synth/load-profile.ts';
import { profileSchema } from '../../src/synth/profile-schema.ts';
import { synthesizeRows } from '../../src/synth/synthesize-rows.ts';
import { checkProfile } from '../../src/synth/check-profile.ts';
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

describe('linked answers (synth-profile `linked`)', () => {
  const codebook = sampleCodebook();
  const column = (table: ReturnType<typeof synthesizeRows>, id: string): string[] => {
    const question = codebook.questions.find((q) => q.id === id);
    const at = table.header.indexOf(question?.column ?? '');
    return table.rows.map((row) => row[at] ?? '');
  };
  const codes = (table: ReturnType<typeof synthesizeRows>, id: string): number[] => {
    const question = codebook.questions.find((q) => q.id === id);
    const options = question !== undefined && 'options' in question ? question.options : [];
    return column(table, id).map((cell) => options.indexOf(cell) + 1);
  };
  /** Pearson's r by hand. */
  const pearson = (x: readonly number[], y: readonly number[]): number => {
    const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    const [mx, my] = [mean(x), mean(y)];
    let [sxy, sxx, syy] = [0, 0, 0];
    x.forEach((xi, i) => {
      const dy = (y[i] as number) - my;
      sxy += (xi - mx) * dy;
      sxx += (xi - mx) ** 2;
      syy += dy ** 2;
    });
    return sxy / Math.sqrt(sxx * syy);
  };
  const profileWith = (linked: unknown[]) =>
    profileSchema.parse({
      questions: {
        intent: { shares: { 肯定不会: 0.1, 可能不会: 0.15, 不确定: 0.25, 可能会: 0.3, 肯定会: 0.2 } },
        quality: { shares: { 非常差: 0.05, 较差: 0.1, 一般: 0.2, 较好: 0.4, 非常好: 0.25 } },
      },
      linked,
    });

  it('correlates a linked answer with its source by about the strength, keeping its shares', () => {
    const strong = synthesizeRows(codebook, profileWith([{ question: 'quality', with: { intent: 0.8 } }]), { rows: 20_000, faults: 0, seed: 3 });
    const none = synthesizeRows(codebook, profileWith([{ question: 'quality', with: { intent: 0 } }]), { rows: 20_000, faults: 0, seed: 3 });
    // The latent correlation 0.8 shows through five-point codes somewhat weakened.
    expect(pearson(codes(strong, 'intent'), codes(strong, 'quality'))).toBeGreaterThan(0.65);
    expect(pearson(codes(strong, 'intent'), codes(strong, 'quality'))).toBeLessThan(0.8);
    expect(Math.abs(pearson(codes(none, 'intent'), codes(none, 'quality')))).toBeLessThan(0.03);
    const shares = [0.05, 0.1, 0.2, 0.4, 0.25];
    for (const table of [strong, none]) {
      const q = codes(table, 'quality');
      shares.forEach((share, k) => expect(Math.abs(q.filter((c) => c === k + 1).length / q.length - share)).toBeLessThan(0.025));
    }
  });

  it('leaves every other answer as it was: linked answers draw from a stream of their own', async () => {
    // Linked one way or another, or not there at all: the questions drawn on the main stream get the same answers.
    const toIntent = synthesizeRows(codebook, profileWith([{ question: 'quality', with: { intent: 0.7 } }]), { rows: 200, faults: 6, seed: 9 });
    const toSat = synthesizeRows(codebook, profileWith([{ question: 'quality', with: { sat: 0.7 } }]), { rows: 200, faults: 6, seed: 9 });
    const at = toIntent.header.indexOf(codebook.questions.find((q) => q.id === 'quality')?.column ?? '');
    const without = (rows: string[][]) => rows.map((row) => row.filter((_, i) => i !== at));
    expect(without(toIntent.rows)).toEqual(without(toSat.rows));
    expect(column(toIntent, 'quality')).not.toEqual(column(toSat, 'quality'));
    // The sample without its experience battery (question 13, all linked) gets the answers it has with it.
    const yaml = readFileSync(new URL('survey.yaml', SAMPLE), 'utf8')
      .split('\n')
      .filter((line) => !/13\(|experience|^indexes:/.test(line))
      .join('\n')
      .replace(/\ndrivers:\n(?: {2}.*\n)+/, '\n');
    const parsed = parseCodebook(yaml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const profile = await loadProfile(SAMPLE.pathname);
    const before = synthesizeRows(parsed.value, { ...profile, linked: [] }, { rows: 160, faults: 6, seed: 2024 });
    const after = synthesizeRows(codebook, profile, { rows: 160, faults: 6, seed: 2024 });
    expect(after.rows.map((row) => row.slice(0, before.header.length))).toEqual(before.rows);
  });

  it('refuses links it cannot draw, naming the profile path', () => {
    expect(profileSchema.safeParse({ linked: [{ question: 'quality', with: { intent: 0.8, sat: 0.7 } }] }).success).toBe(false);
    const problems = checkProfile(
      codebook,
      profileSchema.parse({
        linked: [
          { question: 'qualty', with: { intent: 0.5 } },
          { question: 'speed', with: { feedback: 0.5 } },
          { question: 'price', with: { speed: 0.3 } },
          { question: 'speed', with: { sat: 0.3 } },
        ],
      }),
    );
    expect(problems).toEqual([
      'linked[0].question: no question has id `qualty` (did you mean `quality`?)',
      'linked[1].with.feedback: `feedback` is a text question; links join single, likert, rating or nps questions',
      'linked[2].with.speed: `speed` is itself linked; link to questions drawn on their own',
      'linked[3].question: `speed` is linked twice; keep one link per question',
    ]);
  });
});
