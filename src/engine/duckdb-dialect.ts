/** DuckDB's SQL (dialect.ts). */
import { re2CodePoint, writePattern, type Dialect } from './dialect.ts';

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  // Standard strings: a quote doubled, backslashes as they are; a NUL cannot be in DuckDB text.
  string: (value) => `'${value.replace(/'/g, "''")}'`,
  text(column, type) {
    const t = type.toUpperCase();
    // A whole double as a whole number (`9`, not `9.0`), as an export of codes written by pandas is read.
    const text =
      t === 'VARCHAR'
        ? column
        : t === 'DOUBLE' || t === 'FLOAT'
          ? `CASE WHEN isfinite(${column}) AND ${column} = trunc(${column}) AND abs(${column}) < 1e15 THEN CAST(CAST(${column} AS BIGINT) AS VARCHAR) ELSE CAST(${column} AS VARCHAR) END`
          : `CAST(${column} AS VARCHAR)`;
    // The client hands text over without one leading U+FEFF (it decodes as TextDecoder does): the SQL sees
    // the cell as JavaScript will, so that a value listed from it matches it.
    return `regexp_replace(coalesce(${text}, ''), '^\\x{feff}', '')`;
  },
  // Patterns hold no quote (dialect.ts): written as they are.
  fullMatch: (expr, pattern) => `regexp_full_match(${expr}, '${writePattern(pattern, re2CodePoint)}')`,
  contains: (expr, pattern) => `regexp_matches(${expr}, '${writePattern(pattern, re2CodePoint)}')`,
  removeAll: (expr, pattern) => `regexp_replace(${expr}, '${writePattern(pattern, re2CodePoint)}', '', 'g')`,
  toDouble: (expr) => `TRY_CAST(${expr} AS DOUBLE)`,
  length: (expr) => `length(${expr})`,
  concat: (parts) => (parts.length === 1 ? (parts[0] as string) : `concat(${parts.join(', ')})`),
  groupingSets: true,
  approxDistinct: (expr) => `approx_count_distinct(${expr})`,
  hash: (expr) => `hash(${expr})`,
};
