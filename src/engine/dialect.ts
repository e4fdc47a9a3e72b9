/**
 * What differs between the SQL of the engines (DuckDB, ClickHouse, PostgreSQL): quoting, the text of a typed
 * column, regular expressions and an approximate distinct count. The plan (engine-plan.ts) is written once
 * against this; every expression it builds is over text columns that are never null.
 */
export interface Dialect {
  name: 'duckdb' | 'clickhouse' | 'postgres';
  ident(name: string): string;
  string(value: string): string;
  /** A source column (already quoted) of the engine's type `type`, as the text a CSV export would hold ('' for null). */
  text(column: string, type: string): string;
  /** Whether the whole of `expr` matches `pattern` (see Pattern). */
  fullMatch(expr: string, pattern: Pattern): string;
  /** Whether some part of `expr` matches `pattern`. */
  contains(expr: string, pattern: Pattern): string;
  /** `expr` with every match of `pattern` removed. */
  removeAll(expr: string, pattern: Pattern): string;
  /** `expr` (text) as a double, null (or NaN) when it is none. */
  toDouble(expr: string): string;
  length(expr: string): string;
  concat(parts: readonly string[]): string;
  approxDistinct(expr: string): string;
  /** A 64-bit hash of `expr` (text): equal texts hash alike. */
  hash(expr: string): string;
  /** Whether it has GROUPING SETS (several groupings in one pass). */
  groupingSets: boolean;
}

/**
 * A regular expression in the common ground of RE2 (DuckDB, ClickHouse) and PostgreSQL's: literal text, and
 * character classes written as code point ranges, each engine writing its own escapes.
 */
export type Pattern = readonly (string | { raw: '^' | '$' | '|' | '(' | ')' | ')?' } | { anyOf: readonly [number, number][]; not?: boolean; repeat?: '*' | '+' | { max: number; min?: number } })[];

/** The white space JavaScript's `trim` removes (String.prototype.trim: WhiteSpace and LineTerminator). */
export const JS_SPACE: readonly [number, number][] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];

const DIGIT: readonly [number, number][] = [[0x30, 0x39]];

/** Plain digits, at most 15 of them: a number a double holds exactly, read the same by every engine and by JavaScript. */
export const DIGITS: Pattern = [{ anyOf: DIGIT, repeat: { min: 1, max: 15 } }];
/** Plain digits with an optional fraction. */
export const DECIMAL: Pattern = [{ anyOf: DIGIT, repeat: { min: 1, max: 15 } }, { raw: '(' }, '.', { anyOf: DIGIT, repeat: { min: 1, max: 15 } }, { raw: ')?' }];

/** The pattern as RE2 or PostgreSQL writes it: `codePoint` writes one code point inside a class. */
export function writePattern(pattern: Pattern, codePoint: (c: number) => string): string {
  return pattern
    .map((part) => {
      if (typeof part === 'string') return part.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
      if ('raw' in part) return part.raw;
      const ranges = part.anyOf.map(([a, b]) => (a === b ? codePoint(a) : `${codePoint(a)}-${codePoint(b)}`)).join('');
      const repeat = part.repeat === undefined ? '' : typeof part.repeat === 'string' ? part.repeat : `{${part.repeat.min ?? 0},${part.repeat.max}}`;
      return `[${part.not === true ? '^' : ''}${ranges}]${repeat}`;
    })
    .join('');
}

/** A code point as RE2 writes it in a class. */
export function re2CodePoint(c: number): string {
  return c < 0x80 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\x{${c.toString(16)}}`;
}
