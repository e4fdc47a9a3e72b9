/**
 * One record → an accepted response, a quarantined row with all its reasons (docs/outputs.md): a cell
 * that fails its question, a speeder, a later duplicate, a failed attention check, a straight-liner under
 * `action: quarantine`, a row whose cell count differs from the header's; or a row the codebook's `filter`
 * leaves out. Every record gets exactly one verdict, so `rowsRead == accepted + quarantined + filtered`. The
 * validator remembers duplicate keys across rows (of rows the filter keeps).
 */
import { indexScorer, isIndexQuestion } from '../codebook/index-questions.ts';
import type { Codebook, Question } from '../codebook/schema.ts';
import { designColumnsOf, questionColumnsOf, type ColumnMap } from '../ingest/resolve-columns.ts';
import { parseDuration } from '../ingest/parse-duration.ts';
import { detachString } from '../util/detach-string.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import type { Answer, Response } from '../model/response.ts';
import { allowedLevels, isAllowed } from './allowed-levels.ts';
import { designCells } from './design-cells.ts';
import { createSeenKeys } from './seen-keys.ts';
import { quotedValue } from './quoted-value.ts';
import { DEFAULT_SEPARATOR, missingValues, optionMatcher, parseAnswer, parseOptionColumns, type CellResult, type OptionMatcher } from './parse-answer.ts';
import type { QuarantinedRow, Reason } from '../model/validation.ts';

/** The rule of a row whose cell count differs from the header's. */
export const RAGGED_ROW = 'ragged-row';

/** The verdict on one record: an accepted response (perhaps flagged), a quarantined row, or a row filtered out. */
export type RowVerdict =
  | { ok: true; response: Response; flag?: string }
  | { ok: false; quarantined: QuarantinedRow }
  | { ok: false; filtered: true };

/**
 * A rule on the cells of one row, as an engine compiles it (src/engine/): its columns, and whether given cells
 * in them (every other cell empty) quarantine the row, leave it out (the codebook's `filter`), or flag it.
 * A row fires no rule (and no duplicate key repeats) exactly when `check` accepts it unflagged.
 */
export interface CellRule {
  columns: readonly number[];
  effect: 'quarantine' | 'filter' | 'flag';
  fires(cells: readonly string[]): boolean;
}

export interface RowValidator {
  check(row: number, cells: string[]): RowVerdict;
  /** Every rule of a row but the duplicate key (see CellRule). */
  rules(): CellRule[];
  /** The response of a row that fires no rule: its answers, weights, design key and channel. */
  responseOf(row: number, cells: readonly string[]): Response;
  /** Remembers the duplicate key of a row checked elsewhere (by the thread reading the first part of the file). */
  remember(row: number, cells: string[]): void;
}

export function createRowValidator(codebook: Codebook, header: readonly string[], columns: ColumnMap): RowValidator {
  const { questions, quality } = codebook;
  const matchers: (OptionMatcher | undefined)[] = questions.map((q) => ('options' in q ? optionMatcher(q.options) : undefined));
  const separators = questions.map((q) => separatorOf(codebook, q));
  const missing = questions.map((q) => missingValues(q, codebook));
  const questionIndex = new Map(questions.map((q, i) => [q.id, i]));
  // An index's answer is its score from the items before it, never a cell.
  const scorers = questions.map((q) => {
    const index = isIndexQuestion(codebook, q) ? codebook.indexes.find((i) => i.id === q.id) : undefined;
    return index === undefined ? undefined : indexScorer(codebook, index);
  });
  const filter = (codebook.filter ?? []).map((condition) => ({ at: questionIndex.get(condition.question) ?? -1, ...allowedLevels(codebook, condition) }));
  const attention = quality.attentionCheck;
  const attentionIndex = attention === undefined ? undefined : questionIndex.get(attention.question);
  const attentionExpected = new Set(attention?.expect.map((label) => matchers[attentionIndex ?? -1]?.match(label)));
  const gridIndices = (quality.straightlining?.questions ?? []).map((id) => questionIndex.get(id) ?? -1);
  const seenKeys = createSeenKeys();
  /** The row's duplicate key, undefined when every key cell is empty. */
  const duplicateKey = (cells: readonly string[]): string | undefined => {
    if (columns.duplicateKeys.length === 1) {
      const value = normalizeLabel(cells[columns.duplicateKeys[0] ?? -1] ?? '');
      return value === '' ? undefined : value;
    }
    const values = columns.duplicateKeys.map((c) => normalizeLabel(cells[c] ?? ''));
    return values.every((value) => value === '') ? undefined : JSON.stringify(values);
  };
  const headerName = (column: number): string => header[column] ?? `column ${column + 1}`;
  const shown = (column: number, value: string): Pick<Reason, 'value'> => (columns.pii.has(column) ? {} : { value: quotedValue(value) });
  const placeOf = columns.design === undefined ? undefined : designCells(codebook, columns.design, headerName, shown);

  // Exports repeat the same few cells millions of times: each question remembers its verdict on short cells.
  const verdicts = questions.map(() => new Map<string, CellResult>());
  const parseCell = (q: number, cell: string): CellResult => {
    const known = verdicts[q]?.get(cell);
    if (known !== undefined) return known;
    const question = questions[q] as Question;
    const result = parseAnswer(question, matchers[q], cell, separators[q] ?? ',', missing[q]);
    const memo = verdicts[q];
    if (memo !== undefined && question.type !== 'text' && cell.length <= MEMO_CELL_LENGTH && memo.size < MEMO_CELLS) memo.set(detachString(cell), result);
    return result;
  };
  const durations = new Map<string, number | undefined>();
  const durationOf = (text: string): number | undefined => {
    if (durations.has(text)) return durations.get(text);
    const seconds = parseDuration(text);
    if (durations.size < MEMO_CELLS && text.length <= MEMO_CELL_LENGTH) durations.set(detachString(text), seconds);
    return seconds;
  };

  const answerOf = (q: number, cells: readonly string[]): CellResult => {
    const where = columns.questions[q];
    const optionColumns = where?.optionColumns;
    return optionColumns !== undefined
      ? parseOptionColumns(questions[q] as Question, optionColumns.map((c) => (c < 0 ? undefined : cells[c])), missing[q])
      : parseCell(q, cells[where?.column ?? -1] ?? '');
  };
  /** Whether the filter leaves the row out: an answer (or no answer) outside a condition's levels. A bad cell is left to validation. */
  const filteredOut = (cells: readonly string[]): boolean =>
    filter.some(({ at, allowed, level }) => {
      const result = answerOf(at, cells);
      return result.ok && !isAllowed(result.answer, allowed, level);
    });

  /** The weights of `weightings` (NaN for a bad cell: unweightable there, not quarantined). */
  const alternativesOf = (cells: readonly string[], weight: number | undefined): (number | undefined)[] | undefined =>
    columns.alternativeWeights?.map((column) => (column === undefined ? undefined : column === columns.weight ? weight : weightCell(cells[column] ?? '').value));
  /** An accepted row's response: its answers, and the weights, design key, channel and written-in text it has. */
  const respond = (row: number, cells: readonly string[], answers: Answer[], weight: number | undefined, alternativeWeights: (number | undefined)[] | undefined, design: string | undefined, specified: Record<string, string> | undefined): Response => {
    const response: Response = { row, answers };
    if (weight !== undefined) response.weight = weight;
    if (alternativeWeights !== undefined) response.alternativeWeights = alternativeWeights;
    if (design !== undefined) response.design = design;
    const channelColumn = columns.respondent.channel;
    if (channelColumn !== undefined) response.channel = normalizeLabel(cells[channelColumn] ?? '');
    if (specified !== undefined) response.specified = specified;
    return response;
  };
  const check = (row: number, cells: string[]): RowVerdict => {
    const reasons: Reason[] = [];
    if (cells.length !== header.length) {
      // Its cells are shifted against the header: judging them (or quoting them, PII included) makes no sense.
      const message = `has ${cells.length} cells where the header has ${header.length}; a delimiter or quote in the row is off`;
      return { ok: false, quarantined: { row, reasons: [{ rule: RAGGED_ROW, message }] } };
    }
    if (filter.length > 0 && filteredOut(cells)) return { ok: false, filtered: true };
    // Plain loops and few objects from here on: this runs for every row of the export.
    let specified: Record<string, string> | undefined;
    let unknown: QuarantinedRow['unknown'];
    const answers: Answer[] = [];
    for (let q = 0; q < questions.length; q++) {
      const scorer = scorers[q];
      if (scorer !== undefined) {
        answers.push(scorer(answers));
        continue;
      }
      const column = columns.questions[q]?.column;
      const result = answerOf(q, cells);
      if (result.ok) {
        answers.push(result.answer);
        if (result.specified !== undefined) (specified ??= {})[(questions[q] as Question).id] = result.specified;
        continue;
      }
      answers.push(null);
      const at = column === undefined ? {} : { column: headerName(column), ...shown(column, cells[column] ?? '') };
      reasons.push({ rule: result.rule, ...at, message: result.message });
      if (result.value !== undefined) (unknown ??= []).push({ question: q, value: result.value, rule: result.rule });
    }

    if (columns.finished !== undefined && /^(false|0)$/i.test((cells[columns.finished] ?? '').trim())) {
      reasons.push({ rule: 'incomplete', column: headerName(columns.finished), value: cells[columns.finished] ?? '', message: 'the respondent did not finish the survey' });
    }
    const progress = columns.progress === undefined ? undefined : Number((cells[columns.progress] ?? '').trim() || '100');
    if (columns.progress !== undefined && progress !== undefined && progress < 100) {
      reasons.push({ rule: 'incomplete', column: headerName(columns.progress), value: cells[columns.progress] ?? '', message: `the respondent got ${progress}% of the way through the survey` });
    }

    let weight: number | undefined;
    if (columns.weight !== undefined) {
      const { text, number, value } = weightCell(cells[columns.weight] ?? '');
      weight = value;
      if (Number.isNaN(value)) {
        const message = number > 0 && Number.isFinite(number) ? `a design weight must be between ${MIN_WEIGHT} and ${MAX_WEIGHT}; rescale the weight column (every estimate is the same for weights multiplied by one number)` : 'a design weight must be a positive number';
        reasons.push({ rule: 'invalid-weight', column: headerName(columns.weight), ...shown(columns.weight, text), message });
      }
    }
    // The weightings side by side only compare: a bad weight there leaves the respondent out of that
    // weighting (NaN: unweightable in it), not out of the analysis.
    const alternativeWeights = alternativesOf(cells, weight);

    let design: string | undefined;
    if (placeOf !== undefined) {
      const place = placeOf(cells, answers);
      if (place.ok) design = place.key;
      else reasons.push(place.reason);
    }

    const durationColumn = columns.respondent.duration;
    if (durationColumn !== undefined && quality.minDurationSeconds !== undefined) {
      const text = (cells[durationColumn] ?? '').trim();
      const seconds = durationOf(text);
      if (text !== '' && seconds === undefined) {
        reasons.push({ rule: 'invalid-duration', column: headerName(durationColumn), ...shown(durationColumn, text), message: 'not a duration (expected e.g. 95, 95秒 or 1分35秒)' });
      } else if (seconds !== undefined && seconds < quality.minDurationSeconds) {
        reasons.push({ rule: 'speeder', column: headerName(durationColumn), ...shown(durationColumn, text), message: `answered in ${seconds}s, under the ${quality.minDurationSeconds}s minimum` });
      }
    }

    if (columns.duplicateKeys.length > 0) {
      const key = duplicateKey(cells);
      if (key !== undefined) {
        const first = seenKeys.firstRow(key, row);
        if (first !== undefined) {
          const names = columns.duplicateKeys.map(headerName).join(', ');
          const single = columns.duplicateKeys.length === 1 ? columns.duplicateKeys[0] : undefined;
          reasons.push({
            rule: 'duplicate',
            column: names,
            ...(single === undefined ? {} : shown(single, cells[single] ?? '')),
            message: `same ${names} as row ${first}; the later response is kept out`,
          });
        }
      }
    }

    if (attention !== undefined && attentionIndex !== undefined) {
      const answer = answers[attentionIndex];
      if (typeof answer !== 'number' || !attentionExpected.has(answer)) {
        const column = columns.questions[attentionIndex]?.column;
        reasons.push({
          rule: 'attention-check',
          ...(column === undefined ? {} : { column: headerName(column), ...shown(column, cells[column] ?? '') }),
          message: `the attention check expects ${attention.expect.map((label) => `\`${label}\``).join(' or ')}`,
        });
      }
    }

    let flag: string | undefined;
    if (gridIndices.length > 1) {
      const grid = gridIndices.map((i) => answers[i]);
      const straight = grid.every((answer) => typeof answer === 'number' && answer === grid[0]);
      if (straight && quality.straightlining?.action === 'quarantine') {
        reasons.push({ rule: 'straightlining', message: `the same answer to all ${grid.length} grid questions` });
      } else if (straight) {
        flag = 'straightlining';
      }
    }

    if (reasons.length > 0) return { ok: false, quarantined: unknown === undefined ? { row, reasons } : { row, reasons, unknown } };
    const response = respond(row, cells, answers, weight, alternativeWeights, design, specified);
    return flag === undefined ? { ok: true, response } : { ok: true, response, flag };
  };
  const answersOf = (cells: readonly string[]): { answers: Answer[]; specified?: Record<string, string> } => {
    const answers: Answer[] = [];
    let specified: Record<string, string> | undefined;
    for (let q = 0; q < questions.length; q++) {
      const scorer = scorers[q];
      if (scorer !== undefined) {
        answers.push(scorer(answers));
        continue;
      }
      const result = answerOf(q, cells);
      answers.push(result.ok ? result.answer : null);
      if (result.ok && result.specified !== undefined) (specified ??= {})[(questions[q] as Question).id] = result.specified;
    }
    return specified === undefined ? { answers } : { answers, specified };
  };
  const questionColumns = (q: number): number[] => questionColumnsOf(columns, q);
  const rules = (): CellRule[] => {
    const list: CellRule[] = [];
    for (const { at, allowed, level } of filter) {
      list.push({ columns: questionColumns(at), effect: 'filter', fires: (cells) => {
        const result = answerOf(at, cells);
        return result.ok && !isAllowed(result.answer, allowed, level);
      } });
    }
    questions.forEach((_, q) => {
      if (scorers[q] !== undefined) return;
      const attended = q === attentionIndex;
      list.push({ columns: questionColumns(q), effect: 'quarantine', fires: (cells) => {
        const result = answerOf(q, cells);
        if (!result.ok) return true;
        return attended && (typeof result.answer !== 'number' || !attentionExpected.has(result.answer));
      } });
    });
    const single = (column: number | undefined, fires: (text: string) => boolean): void => {
      if (column !== undefined) list.push({ columns: [column], effect: 'quarantine', fires: (cells) => fires(cells[column] ?? '') });
    };
    single(columns.finished, (text) => /^(false|0)$/i.test(text.trim()));
    single(columns.progress, (text) => Number(text.trim() || '100') < 100);
    single(columns.weight, (text) => Number.isNaN(weightCell(text).value));
    const durationColumn = columns.respondent.duration;
    const minimum = quality.minDurationSeconds;
    if (minimum !== undefined) {
      single(durationColumn, (text) => {
        const trimmed = text.trim();
        const seconds = durationOf(trimmed);
        return (trimmed !== '' && seconds === undefined) || (seconds !== undefined && seconds < minimum);
      });
    }
    if (placeOf !== undefined) list.push({ columns: designColumnsOf(columns), effect: 'quarantine', fires: (cells) => !placeOf(cells, answersOf(cells).answers).ok });
    if (gridIndices.length > 1) {
      list.push({
        columns: [...new Set(gridIndices.flatMap(questionColumns))],
        effect: quality.straightlining?.action === 'quarantine' ? 'quarantine' : 'flag',
        fires: (cells) => {
          const { answers } = answersOf(cells);
          const grid = gridIndices.map((i) => answers[i]);
          return grid.every((answer) => typeof answer === 'number' && answer === grid[0]);
        },
      });
    }
    return list;
  };
  const responseOf = (row: number, cells: readonly string[]): Response => {
    const { answers, specified } = answersOf(cells);
    const weight = columns.weight === undefined ? undefined : weightCell(cells[columns.weight] ?? '').value;
    const place = placeOf?.(cells, answers);
    return respond(row, cells, answers, weight, alternativesOf(cells, weight), place?.ok === true ? place.key : undefined, specified);
  };
  return {
    check,
    rules,
    responseOf,
    remember(row, cells) {
      // As `check` does: a ragged row is judged on its cell count alone, and a filtered one not at all, so neither key is remembered.
      const key = cells.length === header.length && columns.duplicateKeys.length > 0 && !(filter.length > 0 && filteredOut(cells)) ? duplicateKey(cells) : undefined;
      if (key !== undefined) seenKeys.firstRow(key, row);
    },
  };
}

/**
 * Design weights are kept within these bounds, so the sums of their squares (and of squares times values)
 * over millions of rows stay finite and normal doubles: a weight of 1e308 would overflow them, one of 1e-320
 * vanish into them.
 */
export const MIN_WEIGHT = 1e-30;
export const MAX_WEIGHT = 1e30;

interface WeightCell {
  text: string;
  /** The number it holds (NaN for none). */
  number: number;
  /** The weight: NaN outside the bounds. */
  value: number;
}

/** A weight cell, trimmed: the number it holds and the weight it gives. */
function weightCell(cell: string): WeightCell {
  const text = cell.trim();
  const number = text.length <= 64 && /^[+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
  return { text, number, value: number >= MIN_WEIGHT && number <= MAX_WEIGHT ? number : Number.NaN };
}

/** Cells up to this long, and this many distinct ones per column, have their verdicts remembered. */
const MEMO_CELL_LENGTH = 64;
const MEMO_CELLS = 4096;


function separatorOf(codebook: Codebook, question: Codebook['questions'][number]): string {
  return question.type === 'multi' && question.separator !== undefined ? question.separator : DEFAULT_SEPARATOR[codebook.source.format];
}
