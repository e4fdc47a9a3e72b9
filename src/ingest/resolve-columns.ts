/**
 * Finds, in an export's header, the column of every question, respondent field and PII or key column the
 * codebook names. A name that is not there is an error listing the nearest header names.
 */
import { isIndexQuestion } from '../codebook/index-questions.ts';
import type { Codebook } from '../codebook/schema.ts';
import { nearest } from '../util/nearest.ts';
import { normalizeLabel } from '../util/normalize-label.ts';

export interface QuestionColumns {
  /** The single column holding the answers, or, for `columnPrefix`, one column per option (-1 where absent). */
  column?: number;
  optionColumns?: number[];
}

/** An export's header: the column names, and for Qualtrics also its question-text row. */
export interface HeaderRows {
  header: string[];
  altHeader?: string[];
  /** Where the names are, as messages say it: "the export's header" unless told ("the table's columns"). */
  names?: string;
}

export interface ColumnMap {
  questions: QuestionColumns[];
  respondent: { id?: number; submittedAt?: number; duration?: number; channel?: number };
  duplicateKeys: number[];
  /** Columns never written to any output: `pii`, and (added during ingestion) non-question columns whose cells look personal. */
  pii: Set<number>;
  /** The design-weight column (`weighting.column`). */
  weight?: number;
  /** Per entry of `weightings`: its design-weight column, when it names one. */
  alternativeWeights?: (number | undefined)[];
  /** Where the design's strata, ids and fpc are read (`design`): a column of the export, a question's answer, or (fpc) a number. */
  design?: DesignColumns;
  /** Qualtrics' `Finished` column (False: incomplete), else its `Progress` column (under 100: incomplete). */
  finished?: number;
  progress?: number;
}

/** The columns a question's answer is read from: its column, or (`columnPrefix`) the option columns there are. */
export function questionColumnsOf(columns: ColumnMap, q: number): number[] {
  const where = columns.questions[q];
  return where?.optionColumns?.filter((c) => c >= 0) ?? (where?.column === undefined ? [] : [where.column]);
}

/** The columns the design's strata, ids and fpc are read from (a question's columns for one read from answers), each once. */
export function designColumnsOf(columns: ColumnMap): number[] {
  const design = columns.design;
  const sources = design === undefined ? [] : [design.strata, ...design.ids, ...design.fpc];
  return [...new Set(sources.flatMap((source) => (source === undefined || typeof source === 'number' ? [] : 'column' in source ? [source.column] : questionColumnsOf(columns, source.question))))];
}

/** A design variable: the cells of a column, or the answers to a question (by its index). */
export type DesignSource = { column: number } | { question: number };

export interface DesignColumns {
  strata?: DesignSource;
  ids: DesignSource[];
  fpc: (DesignSource | number)[];
}

export type ResolveResult = { ok: true; columns: ColumnMap } | { ok: false; messages: string[] };

export function resolveColumns(codebook: Codebook, table: HeaderRows): ResolveResult {
  const messages: string[] = [];
  const index = new Map<string, number[]>();
  const names = [table.header, table.altHeader ?? []];
  for (const row of names) {
    row.forEach((name, i) => {
      const key = normalizeLabel(name);
      if (key === '') return;
      const at = index.get(key) ?? [];
      if (!at.includes(i)) at.push(i);
      index.set(key, at);
    });
  }
  const headerNames = table.header.map(normalizeLabel).filter((name) => name !== '');
  const place = table.names ?? "the export's header";

  const find = (name: string, where: string): number | undefined => {
    const at = index.get(normalizeLabel(name));
    if (at === undefined) {
      const near = nearest(normalizeLabel(name), headerNames, { limit: 3, always: true });
      messages.push(`${where}: no column \`${name}\` in ${place}; nearest: ${near.map((n) => `\`${n}\``).join(', ')}`);
      return undefined;
    }
    if (at.length > 1) {
      messages.push(`${where}: the header has ${at.length} columns named \`${name}\` (columns ${at.map((i) => i + 1).join(', ')}); rename one in the export`);
      return undefined;
    }
    return at[0];
  };

  const questions = codebook.questions.map((question, i): QuestionColumns => {
    // An index's answer is computed from its items: it has no column.
    if (isIndexQuestion(codebook, question)) return {};
    if (question.column !== undefined) {
      const column = find(question.column, `questions[${i}].column`);
      return column === undefined ? {} : { column };
    }
    const prefix = normalizeLabel(question.columnPrefix ?? '');
    const options = 'options' in question ? question.options : [];
    const optionColumns = options.map((option) => index.get(normalizeLabel(`${prefix} ${option}`))?.[0] ?? index.get(normalizeLabel(`${prefix}${option}`))?.[0] ?? -1);
    options.forEach((option, o) => {
      if ((optionColumns[o] ?? -1) >= 0) return;
      const wanted = normalizeLabel(`${prefix} ${option}`);
      const near = nearest(wanted, headerNames, { limit: 3, always: true });
      messages.push(`questions[${i}].options[${o}]: no column \`${wanted}\` (columnPrefix + option) in ${place}; nearest: ${near.map((n) => `\`${n}\``).join(', ')}`);
    });
    return { optionColumns };
  });

  const respondent: ColumnMap['respondent'] = {};
  for (const field of ['id', 'submittedAt', 'duration', 'channel'] as const) {
    const name = codebook.respondent[field];
    if (name === undefined) continue;
    const column = find(name, `respondent.${field}`);
    if (column !== undefined) respondent[field] = column;
  }
  const pii = new Set<number>();
  codebook.pii.forEach((name, i) => {
    const column = find(name, `pii[${i}]`);
    if (column !== undefined) pii.add(column);
  });
  const duplicateKeys: number[] = [];
  (codebook.quality.duplicateKeys ?? []).forEach((name, i) => {
    const column = find(name, `quality.duplicateKeys[${i}]`);
    if (column !== undefined) duplicateKeys.push(column);
  });

  const weight = codebook.weighting.column === undefined ? undefined : find(codebook.weighting.column, 'weighting.column');
  const alternativeWeights = codebook.weightings.map(({ column }, i) => (column === undefined ? undefined : find(column, `weightings[${i}].column`)));
  // A design variable names a question by its id, else a column by its header.
  const source = (name: string, where: string): DesignSource | undefined => {
    const question = codebook.questions.findIndex((q) => q.id === name);
    if (question >= 0) return { question };
    const column = find(name, where);
    return column === undefined ? undefined : { column };
  };
  const { design: spec } = codebook;
  const design: DesignColumns | undefined =
    spec === undefined
      ? undefined
      : {
          ...(spec.strata === undefined ? {} : { strata: source(spec.strata, 'design.strata') ?? { column: -1 } }),
          ids: (spec.ids ?? []).map((name, i) => source(name, `design.ids[${i}]`) ?? { column: -1 }),
          fpc: (spec.fpc ?? []).map((value, i) => (typeof value === 'number' ? value : (source(value, `design.fpc[${i}]`) ?? { column: -1 }))),
        };
  if (messages.length > 0) return { ok: false, messages };
  const qualtrics = codebook.source.format === 'qualtrics';
  const finished = qualtrics ? index.get('Finished')?.[0] : undefined;
  const progress = qualtrics && finished === undefined ? index.get('Progress')?.[0] : undefined;
  return {
    ok: true,
    columns: {
      questions,
      respondent,
      duplicateKeys,
      pii,
      ...(weight === undefined ? {} : { weight }),
      ...(design === undefined ? {} : { design }),
      ...(alternativeWeights.some((c) => c !== undefined) ? { alternativeWeights } : {}),
      ...(finished === undefined ? {} : { finished }),
      ...(progress === undefined ? {} : { progress }),
    },
  };
}
