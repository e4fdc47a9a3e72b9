/**
 * ClickHouse's SQL (dialect.ts), as old servers accept it too (Debian's 18.16): no boolean literals, no
 * CTEs or window functions; regular expressions by RE2 on UTF-8; `length` counts bytes, `lengthUTF8` characters.
 */
import { re2CodePoint, writePattern, type Dialect } from './dialect.ts';

/** A ClickHouse string literal: backslashes and quotes escaped. */
function string(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export const clickhouseDialect: Dialect = {
  name: 'clickhouse',
  ident: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
  string,
  // Floats are written shortest (`9`, `0.1`), as DuckDB's are by our own rule.
  text: (column, type) => (type === 'String' ? column : `ifNull(toString(${column}), '')`),
  fullMatch: (expr, pattern) => `match(${expr}, ${string(`^(?:${writePattern(pattern, re2CodePoint)})$`)})`,
  contains: (expr, pattern) => `match(${expr}, ${string(writePattern(pattern, re2CodePoint))})`,
  removeAll: (expr, pattern) => `replaceRegexpAll(${expr}, ${string(writePattern(pattern, re2CodePoint))}, '')`,
  toDouble: (expr) => `toFloat64OrNull(${expr})`,
  length: (expr) => `lengthUTF8(${expr})`,
  concat: (parts) => (parts.length === 1 ? (parts[0] as string) : `concat(${parts.join(', ')})`),
  groupingSets: false,
  approxDistinct: (expr) => `uniq(${expr})`,
  hash: (expr) => `cityHash64(${expr})`,
};
