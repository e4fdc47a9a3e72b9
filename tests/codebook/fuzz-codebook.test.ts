/**
 * Property-based fuzzing of the codebook path (fast-check). Any text at all, and the sample codebook with
 * random damage, parses to a codebook or to located one-line issues, never an exception. Random codebooks
 * within the schema (random question types, options, metrics and breakdowns) either parse, or say why; those
 * that parse take a random export through ingestion and the statistics without anything but a `UserError`.
 * On failure fast-check prints the seed and the shrunk counterexample; rerun with that seed to reproduce.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatCodebookIssue, parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { UserError } from '../../src/util/user-error.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const sample = readFileSync(new URL('../../surveys/kimi-2024/survey.yaml', import.meta.url), 'utf8');

/** Whatever the text, a codebook or issues that each print as one line naming the file. */
function parsesOrExplains(text: string): void {
  const result = parseCodebook(text);
  if (result.ok) return;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    const line = formatCodebookIssue('survey.yaml', issue);
    expect(line.startsWith('survey.yaml')).toBe(true);
    expect(line).not.toMatch(/[\r\n]/);
  }
}

/** The sample codebook with random damage: characters deleted, inserted or replaced, lines swapped. */
const damagedSample = fc
  .array(fc.tuple(fc.constantFrom('delete', 'insert', 'swap'), fc.nat(), fc.nat(), fc.constantFrom(':', '-', ' ', '\n', '[', ']', '{', '}', '&a', '*a', '!!str', '!!js/function', '"', "'", '#', '\t', '0', 'x', '、', '<<: *a')), {
    minLength: 1,
    maxLength: 6,
  })
  .map((edits) => {
    let text = sample;
    for (const [edit, at, other, piece] of edits) {
      const i = at % (text.length + 1);
      if (edit === 'delete') text = text.slice(0, i) + text.slice(i + 1 + (other % 20));
      else if (edit === 'insert') text = text.slice(0, i) + piece + text.slice(i);
      else {
        const lines = text.split('\n');
        const a = at % lines.length;
        const b = other % lines.length;
        [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
        text = lines.join('\n');
      }
    }
    return text;
  });

const choiceLabels = ['是', '否', 'yes', 'no', '每天', '每周', '10', '1-3个月', 'N/A', 'Other, please specify'];
const choices = fc.uniqueArray(fc.constantFrom(...choiceLabels), { minLength: 1, maxLength: 5 });

const question = fc.oneof(
  choices.map((options) => ({ type: 'single', options })),
  choices.map((options) => ({ type: 'likert', options })),
  choices.map((options) => ({ type: 'multi', options })),
  fc.constant({ type: 'nps' }),
  fc.tuple(fc.integer({ min: -2, max: 3 }), fc.integer({ min: 0, max: 10 })).map(([min, max]) => ({ type: 'rating', min, max })),
  fc.constant({ type: 'numeric' }),
  fc.nat({ max: 3 }).map((quotes) => ({ type: 'text', quotes })),
);

type DraftQuestion = { type: string; options?: string[]; min?: number; max?: number };

/** A metric on question `i`, of a kind that may or may not suit it (the codebook check decides). */
function metricFor(q: DraftQuestion, i: number, kind: string, pick: number): Record<string, unknown> {
  const options = q.options ?? ['是'];
  const success = [options[pick % options.length]];
  const base = { id: `m${i}_${kind}`, question: `q${i}`, kind };
  if (kind === 'proportion' || kind === 'pmf') return { ...base, success };
  if (kind === 'retention') return { ...base, success, by: 'q0' };
  if (kind === 'ratio') return { ...base, per: 7 };
  if (kind === 'top-box') return { ...base, box: 1 + (pick % 3) };
  return base;
}

const codebook = fc
  .tuple(
    fc.array(question, { minLength: 1, maxLength: 5 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('proportion', 'top-box', 'mean', 'nps', 'distribution', 'retention', 'pmf', 'ratio'), fc.nat()), { maxLength: 5 }),
    fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 10 }))),
    fc.constantFrom('wilson', 'agresti-coull', 'clopper-pearson', 'wald'),
  )
  .map(([questions, metricPicks, breakdown, ciMethod]) => {
    const qs = questions.map((q, i) => ({ id: `q${i}`, column: `Q${i}`, ...q }));
    const metrics = metricPicks.map(([at, kind, pick]) => {
      const i = at % qs.length;
      return metricFor(questions[i] as DraftQuestion, i, kind, pick);
    });
    const unique = [...new Map(metrics.map((m) => [m.id, m])).values()];
    const doc: Record<string, unknown> = { id: 'fuzz', title: 'Fuzz', ciMethod, source: { file: 'r.csv', format: 'generic' }, questions: qs, metrics: unique };
    if (breakdown !== null && unique.length > 0) {
      const [by, suppressBelow] = breakdown;
      doc.breakdowns = [{ by: `q${by % qs.length}`, metrics: [unique[0]?.id], suppressBelow }];
    }
    return { doc, questions: questions as DraftQuestion[] };
  });

/** An answer for a question: usually valid, sometimes empty or wrong. */
function answer(q: DraftQuestion, pick: number): string {
  if (pick % 7 === 0) return '';
  if (pick % 11 === 0) return 'nonsense';
  const options = q.options ?? [];
  if (q.type === 'multi') return options.filter((_, o) => (pick >> o) & 1).join('┋');
  if (options.length > 0) return options[pick % options.length] ?? '';
  if (q.type === 'nps') return String(pick % 11);
  if (q.type === 'rating') return String((q.min ?? 0) + (pick % Math.max(1, (q.max ?? 0) - (q.min ?? 0) + 1)));
  if (q.type === 'numeric') return String((pick % 100) / 4);
  return `text ${pick}`;
}

describe('fuzzed codebooks', () => {
  it('any text parses to a codebook or to one-line issues (2000 cases)', { timeout: 120_000 }, () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), parsesOrExplains), { numRuns: 2000 });
  });

  it('the sample codebook with random damage parses or explains itself (1500 cases)', { timeout: 120_000 }, () => {
    fc.assert(fc.property(damagedSample, parsesOrExplains), { numRuns: 1500 });
  });

  it('random codebooks within the schema carry random exports through to the statistics (500 cases)', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(codebook, fc.array(fc.array(fc.nat({ max: 1000 }), { minLength: 5, maxLength: 5 }), { maxLength: 40 }), ({ doc, questions }, rows) => {
        const text = stringify(doc);
        parsesOrExplains(text);
        const parsed = parseCodebook(text);
        if (!parsed.ok) return;
        const csv = [questions.map((_, i) => `Q${i}`), ...rows.map((picks) => questions.map((q, i) => answer(q, picks[i] ?? 0)))]
          .map((cells) => cells.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(','))
          .join('\n');
        try {
          const ingestion = ingestText(parsed.value, csv, surveyFold(parsed.value), { file: 'r.csv' });
          expect(ingestion.rowsRead).toBe(ingestion.accepted + ingestion.quarantined.length);
          if (ingestion.accepted > 0) finishStats(parsed.value, ingestion.folded, 'survey.yaml');
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          expect(error.message).not.toMatch(/\n\s+at /);
        }
      }),
      { numRuns: 500 },
    );
  });
});
