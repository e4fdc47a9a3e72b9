/**
 * A row's place in the sampling design: read from columns or answers, quarantined as `invalid-design` when
 * it cannot be placed; and the design's checks across rows (nesting, one fpc per stratum, fpc at least the
 * sample, lonely PSUs under `fail`) as one-line messages naming the codebook path.
 */
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import type { Codebook } from '../../src/codebook/schema.ts';
import { checkDesignPlaces, createFold } from '../../src/ingest/design-fold.ts';
import { ingestText } from '../../src/ingest/ingest-text.ts';
import { designPlaceOf } from '../../src/stats/design/design-key.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';
import { UserError } from '../../src/util/user-error.ts';

const BASE = `id: d
title: D
source: { file: d.csv }
questions:
  - { id: region, column: region, type: single, options: [north, south] }
  - { id: y, column: y, type: numeric }
metrics:
  - { id: y_mean, kind: mean, question: y }
`;

function codebook(design: string): Codebook {
  const result = parseCodebook(`${BASE}${design}`);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

function run(design: string, rows: string[]) {
  const book = codebook(design);
  const ingestion = ingestText(book, ['region,school,fpc,y', ...rows].join('\n'), surveyFold(book), { file: 'd.csv' });
  return { book, ingestion };
}

describe('design in the codebook', () => {
  const issues = (extra: string): string[] => {
    const questions = '  - { id: tags, column: tags, type: multi, options: [a, b] }\n  - { id: sat, column: sat, type: likert, options: [bad, good] }\n';
    const result = parseCodebook(`${BASE.replace('metrics:\n', `${questions}metrics:\n`)}${extra}`);
    return result.ok ? [] : result.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };
  it('refuses a multi-choice PSU, an fpc that is not a number question, and a PII column as a design label', () => {
    expect(issues('pii: [email]\ndesign: { ids: tags, fpc: sat }\n')).toEqual([
      'design.ids.0: question `tags` is multi-choice; a PSU is one value per respondent: name a single-choice question or a column',
      'design.fpc.0: question `sat` is of type likert; an fpc is a number per respondent: name a numeric question or a column',
    ]);
    expect(issues('pii: [Email]\ndesign: { strata: email }\n')).toEqual(['design.strata: `email` is listed in `pii`, and design labels appear in the outputs; use a code column instead (e.g. a school number, not a name)']);
  });
});

describe('design cells', () => {
  it('places each row by its stratum (a question, as its option label) and PSU (a column), and carries the fpc', () => {
    const { ingestion } = run('design: { strata: region, ids: school, fpc: fpc }\n', ['north,a,10,1', 'south,b,20,2']);
    expect(ingestion.accepted).toBe(2);
    const cells = [...(ingestion.folded.weighting?.cells.keys() ?? [])].map(designPlaceOf);
    expect(cells).toEqual([
      { stratum: 'north', psu: 'a', ssu: '', fpc: [10, null] },
      { stratum: 'south', psu: 'b', ssu: '', fpc: [20, null] },
    ]);
  });

  it('quarantines a row with an empty PSU, an unanswered stratum question or an fpc that is not a positive number (or beyond 1e15, or below 1e-15), naming the column', () => {
    const { ingestion } = run('design: { strata: region, ids: school, fpc: fpc }\n', ['north,,10,1', ',b,10,2', 'south,c,0,3', 'south,d,many,4', 'north,e,10,5', 'south,f,1e200,6', 'south,g,1e-20,7']);
    expect(ingestion.accepted).toBe(1);
    expect(ingestion.quarantined.map((q) => q.reasons.map((r) => r.rule))).toEqual(Array.from({ length: 6 }, () => ['invalid-design']));
    const messages = ingestion.quarantined.map((q) => `${q.reasons[0]?.column}: ${q.reasons[0]?.message}`);
    expect(messages).toEqual([
      "school: the design's PSU is empty; every respondent needs one (fill it in, or filter the row out)",
      "region: the design's stratum is empty; every respondent needs one (fill it in, or filter the row out)",
      ...Array.from({ length: 4 }, () => "fpc: the design's fpc of stage 1 must be a positive number from 1e-15 to 1e15 (a population count, or a sampling fraction up to 1)"),
    ]);
  });

  it('names the missing design column with the nearest header names', () => {
    expect(() => run('design: { ids: shool }\n', ['north,a,10,1'])).toThrow(/design\.ids\[0\]: no column `shool` in the export's header; nearest: `school`/);
  });
});

describe('design checks across rows', () => {
  const stop = (design: string, rows: string[]): string => {
    const { book, ingestion } = run(design, rows);
    try {
      finishStats(book, ingestion.folded, 'survey.yaml');
    } catch (error) {
      if (error instanceof UserError) return error.message;
      throw error;
    }
    return 'no error';
  };

  it('refuses a PSU code in two strata without nest: true, and accepts it with', () => {
    const rows = ['north,1,,1', 'north,2,,2', 'south,1,,3', 'south,2,,4'];
    expect(stop('design: { strata: region, ids: school }\n', rows)).toMatch(/^survey\.yaml: design\.nest: PSU `1` is in strata `north` and `south`; when PSU codes restart in each stratum set `nest: true`/);
    expect(stop('design: { strata: region, ids: school, nest: true }\n', rows)).toBe('no error');
  });

  it('refuses two population sizes in one stratum, and a population smaller than the sample', () => {
    expect(stop('design: { strata: region, fpc: fpc }\n', ['north,a,10,1', 'north,b,12,2', 'south,c,10,3', 'south,d,10,4'])).toMatch(/design\.fpc: stratum `north` has two population sizes \(10 and 12\)/);
    // Without strata the sample is one stratum: say so rather than name a stratum of ''.
    expect(stop('design: { fpc: fpc }\n', ['north,a,10,1', 'north,b,12,2', 'south,c,10,3'])).toMatch(/design\.fpc: the design has no strata, so the whole sample is one stratum, but it has two population sizes \(10 and 12\).*name the strata in `strata`, or give one fpc/);
    expect(stop('design: { strata: region, fpc: fpc }\n', ['north,a,1.5,1', 'north,b,1.5,2', 'south,c,10,3', 'south,d,10,4'])).toMatch(/design\.fpc: stratum `north` has 2 sampled respondents but a population of 1\.5/);
  });

  it('stops on a stratum of one PSU under lonelyPsu: fail, naming it and the ways out', () => {
    const rows = ['north,a,,1', 'north,b,,2', 'south,c,,3'];
    expect(stop('design: { strata: region, ids: school, lonelyPsu: fail }\n', rows)).toBe(
      'survey.yaml: design.lonelyPsu: stratum `south` has only one PSU, so its variance cannot be estimated; set `lonelyPsu` to adjust, average, certainty or remove (R\'s options(survey.lonely.psu))',
    );
    expect(stop('design: { strata: region, ids: school }\n', rows)).toBe('no error');
  });

  it('checks the codebook: one fpc per stage of ids, a stratum that is one answer, a design that names something', () => {
    const issues = (design: string): string[] => {
      const result = parseCodebook(`${BASE}${design}`);
      return result.ok ? [] : result.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    expect(issues('design: { ids: [school, class], fpc: fpc }\n')).toEqual(['design.fpc: gives 1 stage of population sizes for 2 stages of `ids`; give one fpc per stage of ids (R\'s fpc = ~fpc1 + fpc2)']);
    expect(issues('design: { ids: [a, b, c] }\n')[0]).toMatch(/^design\.ids: /);
    expect(issues('design: { nest: true }\n')).toEqual(['design: names no `ids`, `strata` or `fpc`: that is the default design (ids = ~1); remove `design` or name its columns']);
    expect(issues('design: { ids: school, lonelyPsu: ajust }\n')[0]).toMatch(/^design\.lonelyPsu: /);
  });
});

describe('validate with a design', () => {
  it('makes the design checks analyze makes, from the places alone', () => {
    const book = codebook('design: { strata: region, ids: school }\n');
    const rows = ['north,1,,1', 'north,2,,2', 'south,1,,3', 'south,2,,4'];
    const ingestion = ingestText(book, ['region,school,fpc,y', ...rows].join('\n'), createFold(book), { file: 'd.csv' });
    expect(ingestion.folded?.size).toBe(4);
    expect(() => checkDesignPlaces(book, ingestion.folded, 'survey.yaml')).toThrow(/^survey\.yaml: design\.nest: PSU `1` is in strata `north` and `south`/);
    const nested = codebook('design: { strata: region, ids: school, nest: true }\n');
    expect(() => checkDesignPlaces(nested, ingestText(nested, ['region,school,fpc,y', ...rows].join('\n'), createFold(nested), { file: 'd.csv' }).folded, 'survey.yaml')).not.toThrow();
  });

  it('refuses a design of one PSU, every stratum lonely under average, and fpc fractions mixed with counts', () => {
    const stop = (design: string, rows: string[]): string => {
      const book = codebook(design);
      try {
        checkDesignPlaces(book, ingestText(book, ['region,school,fpc,y', ...rows].join('\n'), createFold(book), { file: 'd.csv' }).folded, 'survey.yaml');
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(stop('design: { ids: school }\n', ['north,a,,1', 'south,a,,2'])).toMatch(/^survey\.yaml: design\.ids: the design has only one PSU, so no variance can be estimated/);
    expect(stop('design: { strata: region, ids: school, lonelyPsu: average }\n', ['north,a,,1', 'south,b,,2'])).toMatch(/^survey\.yaml: design\.lonelyPsu: every stratum has a single PSU, so `average` has no stratum/);
    expect(stop('design: { strata: region, fpc: fpc }\n', ['north,a,0.1,1', 'north,b,0.1,2', 'south,c,100,3', 'south,d,100,4'])).toMatch(/^survey\.yaml: design\.fpc: holds both a sampling fraction \(0\.1\) and a population count \(100\)/);
  });
});
