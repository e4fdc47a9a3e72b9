/**
 * A row's place in the sampling design (`design`): its stratum, PSU, second-stage unit and the population
 * sizes of the stages, read from columns or answers. A row that cannot be placed (an empty design cell, an
 * unanswered design question, an fpc that is not a positive number) is quarantined as `invalid-design`:
 * R's `svydesign` refuses missing design variables outright.
 */
import type { Codebook, Question } from '../codebook/schema.ts';
import type { DesignColumns, DesignSource } from '../ingest/resolve-columns.ts';
import type { Answer } from '../model/response.ts';
import type { Reason } from '../model/validation.ts';
import { designKey } from '../stats/design/design-key.ts';
import { normalizeLabel } from '../util/normalize-label.ts';

export type DesignCells = (cells: readonly string[], answers: readonly Answer[]) => { ok: true; key: string } | { ok: false; reason: Reason };

/** The longest design identifier kept: longer ones are refused (they would only bloat every weighting cell). */
export const MAX_DESIGN_ID = 200;
/** The fpc's bounds: a population count up to 1e15, a sampling fraction down to 1e-15 (weights from them stay far from overflow). */
export const MIN_FPC = 1e-15;
export const MAX_FPC = 1e15;

export function designCells(codebook: Codebook, design: DesignColumns, headerName: (column: number) => string, shown: (column: number, value: string) => Pick<Reason, 'value'>): DesignCells {
  const { questions } = codebook;
  const invalid = (source: DesignSource, what: string, value: string, cells: readonly string[]): { ok: false; reason: Reason } => {
    const where = 'column' in source ? { column: headerName(source.column), ...(value === '' ? {} : shown(source.column, cells[source.column] ?? '')) } : { column: (questions[source.question] as Question).column ?? (questions[source.question] as Question).id };
    return { ok: false, reason: { rule: 'invalid-design', ...where, message: what } };
  };
  /** The text of a design variable in this row ('' when empty or unanswered). */
  const textOf = (source: DesignSource, cells: readonly string[], answers: readonly Answer[]): string => {
    if ('column' in source) return normalizeLabel(cells[source.column] ?? '');
    const answer = answers[source.question];
    const question = questions[source.question];
    if (typeof answer === 'number' && question !== undefined && 'options' in question) return question.options[answer] ?? '';
    return typeof answer === 'number' || typeof answer === 'string' ? String(answer) : '';
  };
  const label = (name: string): string => `the design's ${name}`;
  return (cells, answers) => {
    const ids: string[] = [];
    const named: [DesignSource | undefined, string][] = [[design.strata, 'stratum'], ...design.ids.map((s, i): [DesignSource, string] => [s, i === 0 ? 'PSU' : 'second-stage unit'])];
    for (const [source, name] of named) {
      if (source === undefined) {
        ids.push('');
        continue;
      }
      const text = textOf(source, cells, answers);
      if (text === '') return invalid(source, `${label(name)} is empty; every respondent needs one (fill it in, or filter the row out)`, text, cells);
      if (text.length > MAX_DESIGN_ID) return invalid(source, `${label(name)} is longer than ${MAX_DESIGN_ID} characters; use short codes`, text, cells);
      ids.push(text);
    }
    const fpc: [number | null, number | null] = [null, null];
    for (let stage = 0; stage < design.fpc.length; stage++) {
      const source = design.fpc[stage] as DesignSource | number;
      if (typeof source === 'number') {
        fpc[stage] = source;
        continue;
      }
      const text = textOf(source, cells, answers);
      const value = /^[+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) && text.length <= 64 ? Number(text) : Number.NaN;
      if (!(value >= MIN_FPC && value <= MAX_FPC)) return invalid(source, `${label(`fpc of stage ${stage + 1}`)} must be a positive number from 1e-15 to 1e15 (a population count, or a sampling fraction up to 1)`, text, cells);
      fpc[stage] = value;
    }
    return { ok: true, key: designKey({ stratum: ids[0] ?? '', psu: ids[1] ?? '', ssu: ids[2] ?? '', fpc }) };
  };
}
