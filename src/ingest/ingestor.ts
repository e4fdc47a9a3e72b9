/**
 * The streaming heart of ingestion: rows of cells go in one at a time (from a CSV stream, a sheet or a
 * string); the header is recognised, columns resolved, and every record handed to validation
 * (`createRowValidator`), which accepts it as a response or quarantines it with its reasons. Accepted
 * responses are folded into the caller's fold and dropped; only quarantined rows are kept, so memory is
 * bounded by the faulty rows and the distinct answers, not by the size of the export. Pure: no I/O.
 */
import type { Codebook } from '../codebook/schema.ts';
import type { Fold } from '../model/fold.ts';
import { UserError } from '../util/user-error.ts';
import type { Response } from '../model/response.ts';
import { createRowValidator, type RowValidator } from '../validate/row-validator.ts';
import { detachString } from '../util/detach-string.ts';
import { looksPersonal } from '../util/looks-personal.ts';
import { emptyCells, keepCells, type QuarantineCells } from './quarantine-cells.ts';
import { resolveColumns, type ColumnMap } from './resolve-columns.ts';
import type { QuarantinedRow, Reason } from '../model/validation.ts';

export interface Ingestion<S> {
  header: string[];
  columns: ColumnMap;
  rowsRead: number;
  /** Rows validation accepted (and folded). */
  accepted: number;
  /** Rows the codebook's `filter` left out: neither accepted nor quarantined. */
  filtered: number;
  /** Rows of only empty cells (`,,,,` lines spreadsheets leave): not responses, not counted as read. Empty lines are passed over uncounted. */
  blankRows: number;
  quarantined: QuarantinedRow[];
  /** The quarantined rows' cells, in the same order (quarantine.csv). */
  quarantinedCells: QuarantineCells;
  /** Accepted rows flagged but kept (straight-lining under `action: flag`). */
  flagged: { row: number; rule: string }[];
  /** The accepted responses, folded. */
  folded: S;
}

export interface Ingestor<S> {
  /** The next row of the file, header rows included; `row` is its number where the source knows it (a sheet). */
  push(cells: string[], row?: number): void;
  /**
   * The next row of the file when another ingestor owns it (the first part of a file read by two threads):
   * it counts for row numbers, settles the header and has its duplicate key remembered, and nothing else.
   */
  pass(cells: string[]): void;
  /**
   * Later accepted rows go into a fold state of their own, merged into the first at `finish`: one thread then
   * adds exactly as two threads splitting the file at this point do (weighted sums depend on the order of
   * addition in their last bits).
   */
  nextPart(): void;
  finish(): Ingestion<S>;
}

export interface IngestorOptions {
  /** Names the export in messages. */
  file: string;
  /** Where the column names are, in messages (resolve-columns.ts `HeaderRows.names`). */
  names?: string;
  /**
   * Sees every accepted response (tests and embedders); the ingestor itself keeps none. When a file guessed
   * to be UTF-8 is read again as GB18030, a fresh ingestor starts over and this sees the rows again.
   */
  onAccepted?: (response: Response) => void;
  /** Told the number of rows read so far, every `PROGRESS_EVERY` rows. */
  onProgress?: (rowsRead: number) => void;
}

const PROGRESS_EVERY = 10_000;

/** Columns an export may have: as many as an Excel sheet. */
export const MAX_COLUMNS = 16_384;

/** Qualtrics exports carry two more header rows: question texts, then `{"ImportId":...}` objects. */
const QUALTRICS_IMPORT_ROW = /^\{"ImportId"/;

export function createIngestor<S>(codebook: Codebook, fold: Fold<S>, options: IngestorOptions): Ingestor<S> {
  const pending: { cells: string[]; row: number; own: boolean }[] = [];
  let rowsSeen = 0;
  let state: { header: string[]; columns: ColumnMap; validator: RowValidator; watched: Set<number> } | undefined;
  const parts = [fold.create()];
  let folded = parts[0] as S;
  let accepted = 0;
  let filtered = 0;
  const quarantined: QuarantinedRow[] = [];
  const quarantinedCells = emptyCells();
  const flagged: Ingestion<S>['flagged'] = [];
  let rowsRead = 0;
  let blankRows = 0;

  const start = (header: string[], altHeader?: string[]): void => {
    if (header.length > MAX_COLUMNS) throw new UserError(options.file, `has ${header.length} columns, more than the ${MAX_COLUMNS} an export may have (Excel's limit); check the delimiter, or split the export`);
    const names = options.names === undefined ? {} : { names: options.names };
    const resolved = resolveColumns(codebook, altHeader === undefined ? { header, ...names } : { header, altHeader, ...names });
    // One line per problem, each naming the file, as codebook errors are printed.
    if (!resolved.ok) throw new UserError(options.file, resolved.messages.join(`\n${options.file}: `));
    const { columns } = resolved;
    // Columns outside the questions (respondent fields and the rest) become PII once a cell looks personal.
    const questionColumns = new Set(columns.questions.flatMap((q) => [q.column ?? -1, ...(q.optionColumns ?? [])]));
    const watched = new Set(header.map((_, i) => i).filter((i) => !questionColumns.has(i) && !columns.pii.has(i)));
    state = { header, columns, validator: createRowValidator(codebook, header, columns), watched };
  };

  const watchPii = (cells: readonly string[]): void => {
    if (state === undefined) return;
    for (const column of state.watched) {
      if (looksPersonal(cells[column] ?? '')) {
        state.columns.pii.add(column);
        state.watched.delete(column);
      }
    }
  };

  const record = (row: number, cells: string[], own: boolean): void => {
    if (state === undefined) throw new Error('record before header');
    if (!own) {
      state.validator.remember(row, cells);
      return;
    }
    rowsRead++;
    if (rowsRead % PROGRESS_EVERY === 0) options.onProgress?.(rowsRead);
    if (cells.length === state.header.length) watchPii(cells);
    const verdict = state.validator.check(row, cells);
    if (!verdict.ok) {
      if ('filtered' in verdict) filtered++;
      else {
        quarantined.push(detachRow(verdict.quarantined));
        keepCells(quarantinedCells, cells);
      }
      return;
    }
    accepted++;
    fold.add(folded, verdict.response);
    if (verdict.flag !== undefined) flagged.push({ row, rule: verdict.flag });
    options.onAccepted?.(verdict.response);
  };

  /** Settles the header once enough rows are in (three for Qualtrics, one otherwise). */
  const settle = (final: boolean): void => {
    const needed = codebook.source.format === 'qualtrics' ? 3 : 1;
    if (state !== undefined || (pending.length < needed && !final) || pending.length === 0) return;
    const [header, second, third] = pending;
    const qualtrics = needed === 3 && third !== undefined && third.cells.some((cell) => QUALTRICS_IMPORT_ROW.test(cell.trim()));
    start(header?.cells ?? [], qualtrics ? second?.cells : undefined);
    for (const { cells, row, own } of pending.slice(qualtrics ? 3 : 1)) record(row, cells, own);
    pending.length = 0;
  };

  const take = (cells: string[], row: number | undefined, own: boolean): void => {
    rowsSeen = row ?? rowsSeen + 1;
    if (cells.every((cell) => cell.trim() === '')) {
      // An empty line (one empty cell; also what a final newline leaves) is no row; a row of empty cells is counted.
      if (own && state !== undefined && cells.length > 1) blankRows++;
      return;
    }
    if (state !== undefined) {
      record(rowsSeen, cells, own);
      return;
    }
    pending.push({ cells, row: rowsSeen, own });
    settle(false);
  };

  return {
    push: (cells, row) => take(cells, row, true),
    pass: (cells) => take(cells, undefined, false),
    nextPart() {
      folded = fold.create();
      parts.push(folded);
    },
    finish() {
      settle(true);
      const [first, ...rest] = parts as [S, ...S[]];
      for (const part of rest) fold.merge(first, part);
      if (state === undefined) throw new UserError(options.file, 'is empty: no header row and no responses');
      // A column found personal part-way through may have had values quoted in earlier reasons.
      withholdPiiValues(quarantined, state.header, state.columns.pii);
      return { header: state.header, columns: state.columns, rowsRead, accepted, filtered, blankRows, quarantined, quarantinedCells, flagged, folded: first };
    },
  };
}

/** Removes the values quoted in reasons about PII columns (a column can become PII after rows quoting it). */
export function withholdPiiValues(quarantined: readonly QuarantinedRow[], header: readonly string[], pii: ReadonlySet<number>): void {
  const piiNames = new Set([...pii].map((i) => header[i]));
  for (const row of quarantined) {
    for (const reason of row.reasons) if (reason.column !== undefined && piiNames.has(reason.column)) delete reason.value;
  }
}

/** The row with every string copied out of the parsed chunk it came from (see detachString). */
function detachRow(row: QuarantinedRow): QuarantinedRow {
  const detached: QuarantinedRow = {
    row: row.row,
    // Same keys in the same order: validation.json writes them as they are.
    reasons: row.reasons.map((reason) => Object.fromEntries(Object.entries(reason).map(([key, value]) => [key, detachString(value)])) as unknown as Reason),
  };
  if (row.unknown !== undefined) detached.unknown = row.unknown.map(({ question, value, rule }) => ({ question, value: detachString(value), rule }));
  return detached;
}
