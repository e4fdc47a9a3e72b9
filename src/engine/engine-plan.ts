/**
 * A codebook compiled for an engine: SQL over a view of the source in which every column is text (`sk_c0_`,
 * `sk_c1_`, …, never null) beside its row number (`sk_row_`). Pure: the values each column holds come in (`ColumnValues`),
 * and SQL text goes out.
 *
 * Each rule of a row (validate/row-validator.ts `rules`) is judged here on the distinct values of its
 * columns, by the validator itself, and becomes a predicate listing the values that fire it. A row that
 * fires nothing, repeats no duplicate key and is not blank is accepted without being read: only the grouped
 * counts of what each part of the fold reads leave the engine. Every other row (a superset of the rows the
 * validator would not accept unflagged) is read whole and validated as a file's row is.
 */
import { DECIMAL, DIGITS, JS_SPACE, type Dialect, type Pattern } from './dialect.ts';
import type { CellRule } from '../validate/row-validator.ts';

/** What the engine told of one column: its distinct values when they are few, else only that they are many. */
export type ColumnValues = { few: true; values: readonly string[] } | { few: false };

/** How a column is treated by the rules where its values are too many to list (a `wide` column). */
export type WideRule = 'never' | 'number' | 'whole-number' | 'weight' | 'duration' | 'unknown';

/** Distinct values fetched per column at most: a column with more is judged in SQL (WideRule). */
export const MAX_LISTED_VALUES = 100_000;

/**
 * The view's names. ClickHouse lets an alias stand for a source column of the same name anywhere in a query,
 * so they are names no export is likely to have.
 */
export const ROW = 'sk_row_';

/** Truth and falsehood as every engine writes them (old ClickHouse has no boolean literals). */
export const TRUE = '(1 = 1)';
export const FALSE = '(1 = 0)';

/** The name of column `i` in the view. */
export function col(i: number): string {
  return `sk_c${i}_`;
}

/**
 * The view: the row number (`ROW`) and every column as text. `relation` is a table, a function call or a
 * subquery (with a WHERE); `row` the SQL of its row number; `qualifier` the relation's alias, when the
 * columns are to be named through it.
 */
export function viewSql(dialect: Dialect, relation: string, row: string, columns: readonly { name: string; type: string }[], qualifier?: string): string {
  // Qualified (`src.column`), a column is never taken for an alias of the same name (ClickHouse's rule).
  const ref = (name: string): string => (qualifier === undefined ? dialect.ident(name) : `${qualifier}.${dialect.ident(name)}`);
  const texts = columns.map(({ name, type }, i) => `${dialect.text(ref(name), type)} AS ${col(i)}`);
  return `(SELECT ${row} AS ${ROW}${texts.map((t) => `, ${t}`).join('')} FROM ${relation}) AS v`;
}

/** `expr` is one of `values` (false for none). */
export function isOneOf(dialect: Dialect, expr: string, values: readonly string[]): string {
  if (values.length === 0) return FALSE;
  return `${expr} IN (${values.map((v) => dialect.string(v)).join(', ')})`;
}

export function anyOf(predicates: readonly string[]): string {
  const real = predicates.filter((p) => p !== FALSE);
  if (real.includes(TRUE)) return TRUE;
  return real.length === 0 ? FALSE : real.length === 1 ? (real[0] as string) : `(${real.join(' OR ')})`;
}

/** Separates the cells of several columns joined into one text (a row holding it only gets read whole, never misjudged). */
const JOIN = '\u001f';

/** The columns' cells as one text, as `joinCells` writes them in JavaScript. */
export function joinedSql(dialect: Dialect, columns: readonly number[]): string {
  return dialect.concat(columns.flatMap((c, i) => (i === 0 ? [col(c)] : [dialect.string(JOIN), col(c)])));
}

export function joinCells(cells: readonly string[]): string {
  return cells.join(JOIN);
}

/**
 * A rule as a predicate over the view. Over columns whose values are listed, every combination that occurs
 * is judged by the rule itself (`combinations`, from the engine); over a wide column, a pattern check that
 * fires on every value the rule fires on (and perhaps some more: those rows are read whole). A rule over a
 * wide column of no known kind fires on every row (`true`): correct, only slow.
 */
export function rulePredicate(dialect: Dialect, rule: CellRule, width: number, combinations: readonly string[][] | undefined, wide: WideRule | undefined, bounds?: { min: number; max: number }): string {
  if (combinations !== undefined) {
    const cells = new Array<string>(width).fill('');
    const firing = combinations.filter((values) => {
      rule.columns.forEach((c, i) => (cells[c] = values[i] ?? ''));
      return rule.fires(cells);
    });
    return isOneOf(dialect, rule.columns.length === 1 ? col(rule.columns[0] as number) : joinedSql(dialect, rule.columns), firing.map(joinCells));
  }
  const c = rule.columns.length === 1 ? col(rule.columns[0] as number) : undefined;
  if (c === undefined || wide === undefined || wide === 'unknown') return TRUE;
  if (wide === 'never') return FALSE;
  const shape: Pattern = wide === 'number' || wide === 'weight' ? DECIMAL : DIGITS;
  const value = dialect.toDouble(c);
  const outside = bounds === undefined ? [] : [`${value} < ${bounds.min}`, `${value} > ${bounds.max}`].filter((_, i) => Number.isFinite(i === 0 ? bounds.min : bounds.max));
  return anyOf([`NOT ${dialect.fullMatch(c, shape)}`, ...outside]);
}

/**
 * Every one of `columns` holds only white space (a superset of blank rows, which are read whole): over a
 * column whose values are listed, one of its values that trims to nothing; else by a pattern.
 */
export function blankSql(dialect: Dialect, columns: readonly number[], values: ReadonlyMap<number, ColumnValues>): string {
  const space: Pattern = [{ anyOf: JS_SPACE, repeat: '*' }];
  const blank = (c: number): string => {
    const listed = values.get(c);
    return listed?.few === true ? isOneOf(dialect, col(c), listed.values.filter((v) => v.trim() === '')) : dialect.fullMatch(col(c), space);
  };
  return columns.length === 0 ? FALSE : `(${columns.map(blank).join(' AND ')})`;
}

/** Characters `normalizeLabel` leaves alone: printable ASCII and CJK unified ideographs (util/normalize-label.ts). */
const PLAIN_TEXT: readonly [number, number][] = [
  [0x20, 0x7e],
  [0x4e00, 0x9fff],
];

/**
 * Rows that may repeat an earlier row's duplicate key: every row whose key holds a character Unicode
 * normalisation may change (`unusualKeySql`), and every row whose key, its spaces removed, another row shares
 * or one of `twins` is (the unusual keys normalised, their spaces removed: a plain key equal to one of them
 * once normalised). All rows of a repeated key are read whole, in order, as the file is.
 */
export function duplicateSql(dialect: Dialect, keys: readonly number[], view: string, twins: readonly string[]): string {
  if (keys.length === 0) return FALSE;
  const coarse = dialect.removeAll(joinedSql(dialect, keys), [' ']);
  const empty = dialect.string(JOIN.repeat(keys.length - 1));
  // Keys are compared by their hashes: a table of 10 million 64-bit numbers where the keys' text took several
  // times the memory. Two keys that only share a hash make their rows read whole, where the ingestor tells them apart.
  const hashed = dialect.hash(coarse);
  return `(${unusualKeySql(dialect, keys)} OR (${coarse} <> ${empty} AND (${hashed} IN (SELECT ${hashed} FROM ${view} GROUP BY ${hashed} HAVING count(*) > 1) OR ${isOneOf(dialect, coarse, twins)})))`;
}

/** The key holds a character outside printable ASCII and the CJK ideographs, which normalisation may change. */
export function unusualKeySql(dialect: Dialect, keys: readonly number[]): string {
  const odd: Pattern = [{ anyOf: PLAIN_TEXT, not: true }];
  return anyOf(keys.map((k) => dialect.contains(col(k), odd)));
}

/** A key of several cells (joined as `joinedSql` joins them) as `duplicateSql` compares it with a plain key: each cell normalised (`normalize`), spaces removed. */
export function coarseKey(joined: string, normalize: (text: string) => string): string {
  return joined
    .split(JOIN)
    .map((cell) => normalize(cell).replaceAll(' ', ''))
    .join(JOIN);
}

/**
 * A text answer for grouping: whether it is one matters, not what it says (quotes read rows of their own).
 * Trimmed as JavaScript trims, a cell of up to 64 characters is kept (it may be empty or a missing-value
 * label); a longer one is an answer.
 */
export function textClassSql(dialect: Dialect, column: number): string {
  const trimmed = dialect.removeAll(col(column), [{ raw: '^' }, { anyOf: JS_SPACE, repeat: '+' }, { raw: '|' }, { anyOf: JS_SPACE, repeat: '+' }, { raw: '$' }]);
  return `CASE WHEN ${dialect.length(trimmed)} <= 64 THEN ${col(column)} ELSE ${dialect.string(LONG_TEXT)} END`;
}

/** What a long text answer groups as. */
export const LONG_TEXT = 'an answer of more than 64 characters';
