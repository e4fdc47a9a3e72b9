/**
 * Ingestion by an engine (DuckDB embedded, or a server): the same accepted rows, quarantined rows with the
 * same reasons, and the same fold state as reading the source row by row (ingest/ingestor.ts), with the
 * accepted rows aggregated where they are.
 *
 * 1. The distinct values of each column the rules read (one grouped query per column) are judged locally by
 *    the validator's own rules (engine-plan.ts): rows that might not be accepted unflagged (bad cells,
 *    speeders, repeated keys, blank rows, …) are read whole, in row order, through the ingestor.
 * 2. Every other row is accepted. The fold is split into parts that each read a few answers
 *    (model/fold.ts `FoldSplit`); per part, the engine counts the accepted rows of each combination of what
 *    it reads, and each combination is folded in as many times (by doubling: log₂ n merges).
 * 3. The parts' states are joined and the rows read whole merged in.
 *
 * Only counts per combination and the rows read whole leave the engine. Sums of fractional numbers come out
 * added in another order than a file's rows, so they may differ from the file path's in their last bits.
 */
import { isIndexQuestion } from '../codebook/index-questions.ts';
import type { Codebook, Question } from '../codebook/schema.ts';
import { createIngestor, withholdPiiValues, type IngestorOptions } from '../ingest/ingestor.ts';
import type { ExportIngestion } from '../ingest/ingest-text.ts';
import { designColumnsOf, questionColumnsOf, resolveColumns, type ColumnMap } from '../ingest/resolve-columns.ts';
import { splitOf, type Fold, type FoldReads } from '../model/fold.ts';
import type { Response } from '../model/response.ts';
import { looksPersonal } from '../util/looks-personal.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import { UserError } from '../util/user-error.ts';
import { MAX_ANSWER, numberRange } from '../validate/parse-answer.ts';
import { createRowValidator, MAX_WEIGHT, MIN_WEIGHT, type CellRule } from '../validate/row-validator.ts';
import { stopOnUnknownValues } from '../validate/unknown-values.ts';
import type { Dialect } from './dialect.ts';
import { anyOf, blankSql, coarseKey, col, duplicateSql, FALSE, joinedSql, unusualKeySql, MAX_LISTED_VALUES, ROW, TRUE, rulePredicate, textClassSql, type ColumnValues, type WideRule } from './engine-plan.ts';

/** A source an engine holds, as engine-ingest reads it. */
export interface EngineConnection {
  dialect: Dialect;
  /** The source's columns in order, with the engine's type names. */
  columns: readonly { name: string; type: string }[];
  /** The view of the source: its row number (`ROW`) and every column as text (engine-plan.ts `viewSql`). */
  view: string;
  /** Runs `sql`; each result row's values as text ('' for null). `each` returning false (not undefined) stops the reading. */
  query(sql: string, each: (values: string[]) => unknown): Promise<void>;
  /** Keeps the result of `sql` as a temporary table `name` where the engine can (true); otherwise queries repeat `sql`. */
  temporary?(name: string, sql: string): Promise<boolean>;
}

export interface EngineIngestOptions extends Pick<IngestorOptions, 'onProgress' | 'names'> {
  /** Names the source in messages. */
  file: string;
  encoding: string;
  sha256: string;
}

export async function ingestWithEngine<S>(codebook: Codebook, source: EngineConnection, fold: Fold<S>, options: EngineIngestOptions): Promise<ExportIngestion<S>> {
  const engine = process.env['STICKINESS_DEBUG'] === '1' ? timed(source) : source;
  const { dialect, view } = engine;
  const header = engine.columns.map((c) => c.name);
  const names = options.names === undefined ? {} : { names: options.names };
  const ingestor = createIngestor(codebook, fold, { file: options.file, ...names, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) });
  // The header first: the ingestor resolves the columns and names any problem as it does for a file.
  ingestor.push([...header], 1);
  const resolved = resolveColumns(codebook, { header, ...names });
  if (!resolved.ok) throw new UserError(options.file, resolved.messages.join(`\n${options.file}: `));
  const { columns } = resolved;
  const validator = createRowValidator(codebook, header, columns);
  const rules = validator.rules();
  const where = placesOf(columns);

  const used = [...new Set([...rules.flatMap((r) => r.columns), ...columns.duplicateKeys, ...where.weights, ...where.design, ...where.channel])].sort((a, b) => a - b);
  const questionColumns = new Set(columns.questions.flatMap((q) => [q.column ?? -1, ...(q.optionColumns ?? [])]));
  // Columns outside the questions become PII when a cell looks personal: judged on their distinct values.
  const watched = header.map((_, i) => i).filter((i) => !questionColumns.has(i) && !columns.pii.has(i));
  const listed = [...new Set([...used.filter((c) => !columns.duplicateKeys.includes(c) || rules.some((r) => r.columns.includes(c))), ...watched])].sort((a, b) => a - b);
  const found = await distinctValues(engine, listed, rules.filter((r) => r.columns.length > 1).map((r) => r.columns));
  const { values } = found;

  for (const c of watched) {
    const found = values.get(c);
    if (found === undefined || !found.few || found.values.some(looksPersonal)) columns.pii.add(c);
  }

  const predicate = (rule: CellRule): string => rulePredicateOf(dialect, rule, header.length, found, wideRuleOf(codebook, columns, rule));
  const filters = rules.filter((r) => r.effect === 'filter').map(predicate);
  const checks = rules.filter((r) => r.effect !== 'filter').map(predicate);
  const exactFilter = anyOf(filters.filter((p) => p !== TRUE));
  const unknownFilter = filters.includes(TRUE) ? TRUE : FALSE;
  const suspect = anyOf([...checks, await duplicates(engine, columns.duplicateKeys)]);
  const judged = anyOf([blankSql(dialect, used, values), unknownFilter, `(NOT ${exactFilter} AND ${suspect})`]);
  // Judged once where the engine keeps tables: the row numbers of the rows read whole (a few per cent).
  const kept = (await engine.temporary?.('whole', `SELECT ${ROW} FROM ${view} WHERE ${judged}`)) === true;
  const readWhole = kept ? `${ROW} IN (SELECT ${ROW} FROM whole)` : judged;

  // The rows read whole, in order, through the ingestor: validated, quarantined or folded as a file's rows.
  const all = header.map((_, i) => col(i)).join(', ');
  await engine.query(`SELECT ${ROW}, ${all} FROM ${view} WHERE ${readWhole} ORDER BY ${ROW}`, (row) => {
    ingestor.push(row.slice(1), Number(row[0]));
  });

  // Every other row, aggregated in one pass: by its verdict (accepted 0 or filtered 1), and the accepted ones
  // by each combination of what each part of the fold reads (a wide text column by whether it is blank-ish).
  const split = splitOf(fold);
  const readSets = split.parts.map((part) => readColumns(codebook, columns, where, part.reads));
  const states = split.parts.map((part) => part.fold.create());
  const byColumns = new Map<string, number[]>();
  split.parts.forEach((part, i) => {
    if (part.reads !== 'all' && part.reads.firstRows !== undefined) return;
    const key = (readSets[i] ?? []).join(',');
    byColumns.set(key, [...(byColumns.get(key) ?? []), i]);
  });
  const groups = [...byColumns].map(([key, parts]) => ({ read: key === '' ? [] : key.split(',').map(Number), parts }));
  const keyOf = (c: number): string => (isTextColumn(codebook, columns, c) && values.get(c)?.few !== true ? textClassSql(dialect, c) : col(c));
  const verdict = `CASE WHEN ${exactFilter} THEN 1 ELSE 0 END`;
  const counts = { accepted: 0, filtered: 0 };
  const cells = new Array<string>(header.length).fill('');
  const sets = [[verdict], ...groups.map(({ read }) => [verdict, ...read.map(keyOf)])];
  await groupedCounts(engine, `${view} WHERE NOT ${readWhole}`, sets, (set, found, times) => {
    const accepted = found[0] === '0';
    if (set === 0) {
      if (accepted) counts.accepted = times;
      else counts.filtered = times;
      return;
    }
    const group = groups[set - 1];
    if (!accepted || group === undefined || !(times > 0)) return;
    cells.fill('');
    group.read.forEach((c, i) => (cells[c] = found[i + 1] ?? ''));
    const response = validator.responseOf(0, cells);
    for (const p of group.parts) addTimes(split.parts[p]?.fold as Fold<unknown>, states[p], response, times);
  });
  const accepted = `NOT ${readWhole} AND NOT ${exactFilter}`;

  // Parts that keep the lowest rows (quotes) read accepted rows in order, a page at a time, until they have
  // enough answers (a blank-looking cell may still be a missing-value label: the validator says).
  for (const [p, part] of split.parts.entries()) {
    if (part.reads === 'all' || part.reads.firstRows === undefined) continue;
    const [question] = part.reads.questions;
    const read = readSets[p] ?? [];
    const wanted = part.reads.firstRows;
    if (question === undefined || read.length === 0 || wanted <= 0) continue;
    const page = Math.max(1000, wanted * 4);
    let found = 0;
    for (let offset = 0, more = true; more && found < wanted; offset += page) {
      let rows = 0;
      await engine.query(`SELECT ${ROW}, ${read.map(col).join(', ')} FROM ${view} WHERE ${accepted} AND NOT ${blankSql(dialect, read, values)} ORDER BY ${ROW} LIMIT ${page} OFFSET ${offset}`, (row) => {
        rows++;
        if (found >= wanted) return;
        cells.fill('');
        read.forEach((c, i) => (cells[c] = row[i + 1] ?? ''));
        const response = validator.responseOf(Number(row[0]), cells);
        part.fold.add(states[p], response);
        if (response.answers[question] !== null) found++;
      });
      more = rows === page;
    }
  }

  const wholeRows = ingestor.finish();
  const folded = split.join(states);
  fold.merge(folded, wholeRows.folded);
  withholdPiiValues(wholeRows.quarantined, header, columns.pii);
  const ingestion: ExportIngestion<S> = {
    ...wholeRows,
    columns: { ...wholeRows.columns, pii: new Set([...wholeRows.columns.pii, ...columns.pii]) },
    rowsRead: wholeRows.rowsRead + counts.accepted + counts.filtered,
    accepted: wholeRows.accepted + counts.accepted,
    filtered: wholeRows.filtered + counts.filtered,
    folded,
    encoding: options.encoding,
    sha256: options.sha256,
  };
  options.onProgress?.(ingestion.rowsRead);
  stopOnUnknownValues(codebook, ingestion, options.file);
  return ingestion;
}

/** The predicate of rows that may repeat a duplicate key (engine-plan.ts `duplicateSql`), with the unusual keys' plain twins found. */
async function duplicates(engine: EngineConnection, keys: readonly number[]): Promise<string> {
  if (keys.length === 0) return FALSE;
  const { dialect, view } = engine;
  const joined = joinedSql(dialect, keys);
  const unusual: string[] = [];
  await engine.query(`SELECT ${joined} AS k FROM ${view} WHERE ${unusualKeySql(dialect, keys)} GROUP BY k ORDER BY k LIMIT ${MAX_LISTED_VALUES + 1}`, ([key]) => {
    unusual.push(key ?? '');
  });
  // Too many to list: every row is read whole (correct, only slow).
  if (unusual.length > MAX_LISTED_VALUES) return TRUE;
  return duplicateSql(dialect, keys, view, [...new Set(unusual.map((key) => coarseKey(key, normalizeLabel)))]);
}

/** The connection writing each query's time, rows, the memory then and its start on stderr (STICKINESS_DEBUG=1). */
function timed(engine: EngineConnection): EngineConnection {
  const told = (start: number, what: string, sql: string): void => {
    const { rss, heapUsed } = process.memoryUsage();
    const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
    process.stderr.write(`stickiness: ${engine.dialect.name} at ${(performance.now() / 1000).toFixed(1)} s, ${Date.now() - start} ms, ${what}, rss ${mb(rss)} MB, heap ${mb(heapUsed)} MB: ${sql.slice(0, 160).replace(/\s+/g, ' ')}\n`);
  };
  const { temporary } = engine;
  return {
    ...engine,
    async query(sql, each) {
      const start = Date.now();
      let rows = 0;
      try {
        await engine.query(sql, (values) => {
          rows++;
          return each(values);
        });
      } finally {
        told(start, `${rows} rows`, sql);
      }
    },
    ...(temporary === undefined
      ? {}
      : {
          async temporary(name, sql) {
            const start = Date.now();
            try {
              return await temporary.call(engine, name, sql);
            } finally {
              told(start, `temporary table ${name}`, sql);
            }
          },
        }),
  };
}

/** Adds `response` `times` times: folded once, then doubled (merged into a copy of itself) as the bits of `times` ask. */
export function addTimes<S>(fold: Fold<S>, into: S, response: Response, times: number): void {
  if (times === 1) {
    fold.add(into, response);
    return;
  }
  const unit = fold.create();
  fold.add(unit, response);
  for (let left = times; ; ) {
    if (left % 2 === 1) fold.merge(into, structuredClone(unit));
    left = Math.floor(left / 2);
    if (left === 0) break;
    fold.merge(unit, structuredClone(unit));
  }
}

/**
 * Grouping sets per query. Each keeps a hash table of its own; at 10 million rows, 24 at a time took DuckDB's
 * and the fold's memory some 100 MB higher than 8 at a time, which were no slower.
 */
const SETS_AT_ONCE = 8;

/**
 * Counts of the rows of `from` (a relation and its WHERE) per combination of each set of expressions: in one
 * pass where the engine has GROUPING SETS, else one query per set. `each` is told the set's index, its values
 * (in the set's order) and the count: the sets in order, each set's combinations sorted by their values (as
 * JavaScript compares text). The order is the sets' own, whichever sets share a query and whichever engine
 * counts: sums of fractional weights folded in another order differ in their last bits.
 */
export async function groupedCounts(engine: EngineConnection, from: string, sets: readonly (readonly string[])[], each: (set: number, values: string[], count: number) => void): Promise<void> {
  // Sets at a time: each keeps its combinations until its query ends (a few thousand), then they are sorted.
  const batch = engine.dialect.groupingSets ? SETS_AT_ONCE : 1;
  for (let start = 0; start < sets.length; start += batch) {
    const part = sets.slice(start, start + batch);
    const found = part.map((): { values: string[]; count: number }[] => []);
    await countEach(engine, from, part, (set, values, count) => found[set]?.push({ values, count }));
    for (const [set, combinations] of found.entries()) {
      combinations.sort((a, b) => compareTexts(a.values, b.values));
      for (const { values, count } of combinations) each(start + set, values, count);
    }
  }
}

/** Orders lists of text as their first differing element does (as `<` compares text). */
function compareTexts(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i] ?? '', b[i] ?? ''];
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** `groupedCounts`' queries for a few sets: `each` is told every combination of every set, in no order to rely on. */
async function countEach(engine: EngineConnection, from: string, sets: readonly (readonly string[])[], each: (set: number, values: string[], count: number) => void): Promise<void> {
  const expressions = [...new Set(sets.flat())];
  const at = (e: string): number => expressions.indexOf(e);
  if (!engine.dialect.groupingSets) {
    for (const [i, set] of sets.entries()) {
      const keys = set.map((e) => `g${at(e)}`);
      const select = [...set.map((e) => `${e} AS g${at(e)}`), 'count(*)'].join(', ');
      const group = keys.length === 0 ? '' : ` GROUP BY ${keys.join(', ')}`;
      await engine.query(`SELECT ${select} FROM ${from}${group}`, (row) => each(i, row.slice(0, set.length), Number(row[set.length])));
    }
    return;
  }
  // A set's rows are those whose expressions outside it are null (every expression here is text, never null).
  const mask = engine.dialect.concat(expressions.map((_, i) => `CASE WHEN g${i} IS NULL THEN '0' ELSE '1' END`));
  const masks = new Map<string, number[]>();
  sets.forEach((set, i) => {
    const m = expressions.map((e) => (set.includes(e) ? '1' : '0')).join('');
    masks.set(m, [...(masks.get(m) ?? []), i]);
  });
  const inner = `SELECT ${expressions.map((e, i) => `${e} AS g${i}`).join(', ')} FROM ${from}`;
  const groupings = [...masks.keys()].map((m) => `(${[...m].flatMap((bit, i) => (bit === '1' ? [`g${i}`] : [])).join(', ')})`).join(', ');
  // Held until the query ends (a few thousand combinations), so that a query the engine cannot fit in its
  // memory is run again as two halves without anything counted twice.
  const found: string[][] = [];
  try {
    await engine.query(`SELECT ${mask} AS m, ${expressions.map((_, i) => `g${i}`).join(', ')}, count(*) FROM (${inner}) AS x GROUP BY GROUPING SETS (${groupings})`, (row) => {
      found.push(row);
    });
  } catch (error) {
    if (sets.length < 2 || !/out of memory/i.test(error instanceof Error ? error.message : String(error))) throw error;
    const half = Math.ceil(sets.length / 2);
    await countEach(engine, from, sets.slice(0, half), each);
    await countEach(engine, from, sets.slice(half), (set, values, count) => each(half + set, values, count));
    return;
  }
  for (const row of found) {
    for (const i of masks.get(row[0] ?? '') ?? []) each(i, (sets[i] ?? []).map((e) => row[at(e) + 1] ?? ''), Number(row[expressions.length + 1]));
  }
}

/** What the engine found of the columns: each column's values (or that they are many), and the combinations of each set of columns listed together (by the columns joined with commas). */
interface Found {
  values: Map<number, ColumnValues>;
  combinations: Map<string, string[][]>;
}

/**
 * The distinct values of each column, or that they are more than MAX_LISTED_VALUES (by an estimate first: a
 * column of a million distinct ids is not grouped only to learn it is wide); and the combinations of each
 * set of columns (`together`) whose columns all have few values.
 */
async function distinctValues(engine: EngineConnection, columns: readonly number[], together: readonly (readonly number[])[]): Promise<Found> {
  const values = new Map<number, ColumnValues>();
  const combinations = new Map<string, string[][]>();
  if (columns.length === 0) return { values, combinations };
  let estimates: number[] = [];
  await engine.query(`SELECT ${columns.map((c) => engine.dialect.approxDistinct(col(c))).join(', ')} FROM ${engine.view}`, (row) => {
    estimates = row.map(Number);
  });
  const few = columns.filter((_, i) => (estimates[i] ?? Infinity) <= MAX_LISTED_VALUES * 1.5);
  const lists = new Map<number, string[]>(few.map((c) => [c, []]));
  for (const c of columns) values.set(c, { few: false });
  const joint = together.filter((set) => set.length > 1 && set.every((c) => few.includes(c)));
  const sets = [...few.map((c) => [col(c)]), ...joint.map((set) => set.map(col))];
  await groupedCounts(engine, engine.view, sets, (i, cells) => {
    if (i < few.length) lists.get(few[i] as number)?.push(cells[0] ?? '');
    else {
      const key = (joint[i - few.length] ?? []).join(',');
      combinations.set(key, [...(combinations.get(key) ?? []), cells]);
    }
  });
  for (const [c, list] of lists) values.set(c, { few: true, values: list });
  return { values, combinations };
}

/** A rule's predicate: over its columns' listed values (their combinations, for a rule of several), else by its wide rule. */
function rulePredicateOf(dialect: Dialect, rule: CellRule, width: number, { values, combinations }: Found, { wide, bounds }: WideCheck): string {
  if (rule.columns.length === 0) return rule.fires(new Array<string>(width).fill('')) ? TRUE : FALSE;
  const lists = rule.columns.map((c) => values.get(c));
  if (lists.some((l) => l?.few !== true)) return rulePredicate(dialect, rule, width, undefined, wide, bounds);
  const [only] = lists;
  if (rule.columns.length === 1 && only?.few === true) return rulePredicate(dialect, rule, width, only.values.map((v) => [v]), wide);
  const found = combinations.get(rule.columns.join(','));
  return found === undefined ? TRUE : rulePredicate(dialect, rule, width, found, wide);
}

/** How a rule over one column of many values is checked, and the bounds a number's check keeps to. */
interface WideCheck {
  wide: WideRule;
  bounds?: { min: number; max: number };
}

/** What a rule over one column of many values checks, by the column's role. */
function wideRuleOf(codebook: Codebook, columns: ColumnMap, rule: CellRule): WideCheck {
  if (rule.columns.length !== 1 || rule.effect !== 'quarantine') return { wide: 'unknown' };
  const c = rule.columns[0] as number;
  if (c === columns.weight) return { wide: 'weight', bounds: { min: MIN_WEIGHT, max: MAX_WEIGHT } };
  const minimum = codebook.quality.minDurationSeconds;
  if (c === columns.respondent.duration && minimum !== undefined) return { wide: 'duration', bounds: { min: minimum, max: Infinity } };
  const q = columns.questions.findIndex((where) => where.column === c);
  const question = codebook.questions[q];
  if (question === undefined) return { wide: 'unknown' };
  const attention = codebook.quality.attentionCheck?.question === question.id;
  if (question.type === 'text' && !attention) return { wide: 'never' };
  if (question.type === 'numeric' || question.type === 'rating') {
    const { min, max } = numberRange(question);
    return { wide: 'number', bounds: { min: Math.max(min, -MAX_ANSWER), max: Math.min(max, MAX_ANSWER) } };
  }
  return { wide: 'unknown' };
}

function isTextColumn(codebook: Codebook, columns: ColumnMap, column: number): boolean {
  const q = columns.questions.findIndex((where) => where.column === column);
  return codebook.questions[q]?.type === 'text';
}

interface Places {
  weights: number[];
  design: number[];
  channel: number[];
}

/** The columns of the design weights, the design and the channel. */
function placesOf(columns: ColumnMap): Places {
  return {
    weights: [...new Set([columns.weight, ...(columns.alternativeWeights ?? [])].filter((c): c is number => c !== undefined))],
    design: designColumnsOf(columns),
    channel: columns.respondent.channel === undefined ? [] : [columns.respondent.channel],
  };
}

/** The columns a part of the fold reads, sorted: its questions' (an index's items' for an index), and the weights, design and channel it asks for. */
function readColumns(codebook: Codebook, columns: ColumnMap, where: Places, reads: FoldReads | 'all'): number[] {
  const all = reads === 'all';
  const questions = all ? codebook.questions.map((_, i) => i) : [...reads.questions];
  const seen = new Set<number>();
  const found: number[] = [];
  while (questions.length > 0) {
    const q = questions.pop() as number;
    if (seen.has(q)) continue;
    seen.add(q);
    const question = codebook.questions[q] as Question | undefined;
    // An index's answer is scored from its items, never read from a column.
    const index = question !== undefined && isIndexQuestion(codebook, question) ? codebook.indexes.find((i) => i.id === question.id) : undefined;
    if (index !== undefined) {
      for (const id of index.items) questions.push(codebook.questions.findIndex((x) => x.id === id));
      continue;
    }
    found.push(...questionColumnsOf(columns, q));
  }
  if (all || reads.weights === true) found.push(...where.weights);
  if (all || reads.design === true) found.push(...where.design);
  if (all || reads.channel === true) found.push(...where.channel);
  return [...new Set(found)].sort((a, b) => a - b);
}
