/**
 * `source.engine` and a table on a server (docs/engines.md): what the codebook accepts, and one line per
 * problem naming the key and what to write instead.
 */
import { describe, expect, it } from 'vitest';
import { formatCodebookIssue, parseCodebook } from '../../src/codebook/parse-codebook.ts';

const REST = `questions:
  - { id: freq, column: How often?, type: single, options: [Daily, Weekly] }
`;

function parsed(source: string): { ok: true; source: Record<string, unknown> } | { ok: false; problems: string[] } {
  const result = parseCodebook(`id: demo\ntitle: Demo\nsource: ${source}\n${REST}`);
  return result.ok ? { ok: true, source: result.value.source as Record<string, unknown> } : { ok: false, problems: result.issues.map((issue) => formatCodebookIssue('survey.yaml', issue)) };
}

describe('source.engine', () => {
  it('accepts a ClickHouse table, names it clickhouse:<table> for the outputs, and a Parquet file with either engine', () => {
    const table = parsed("{ engine: clickhouse, url: 'http://127.0.0.1:8123', table: surveys.responses, where: \"wave = 3\", row: row_number }");
    expect(table).toMatchObject({ ok: true, source: { engine: 'clickhouse', file: 'clickhouse:surveys.responses', table: 'surveys.responses', row: 'row_number' } });
    expect(parsed('{ file: x.parquet, engine: rows }')).toMatchObject({ ok: true });
    expect(parsed('{ file: x.parquet, engine: duckdb }')).toMatchObject({ ok: true });
  });

  it('refuses what cannot work, one line per key', () => {
    const problems = (source: string): string[] => {
      const result = parsed(source);
      // Each names survey.yaml with the line and column of the key (here always line 3, the source line).
      return result.ok ? [] : result.problems.map((line) => line.replace(/^survey\.yaml:3:\d+: /, 'survey.yaml: '));
    };
    expect(problems('{ engine: clickhouse, url: "http://127.0.0.1:8123", table: t }')).toEqual([
      'survey.yaml: source.row: is needed for `engine: clickhouse`: the column numbering the rows (a table has no order of its own)',
    ]);
    // Credentials belong in the environment, never in the codebook.
    expect(problems('{ engine: clickhouse, url: "http://analyst:secret@127.0.0.1:8123", table: t, row: r }')[0]).toMatch(/^survey\.yaml: source\.url: must be an http:\/\/ or https:\/\/ address without a user or password \(set STICKINESS_CLICKHOUSE_USER and STICKINESS_CLICKHOUSE_PASSWORD instead\)$/);
    expect(problems('{ engine: clickhouse, url: "http://h:8123", table: "t; DROP TABLE x", row: r }')[0]).toContain('source.table: must be a table name');
    expect(problems('{ file: x.csv, table: t }')).toEqual(['survey.yaml: source.table: is only for `engine: clickhouse`; remove it, or add `engine: clickhouse`']);
    expect(problems('{ format: generic }')[0]).toContain('source.file: is needed');
    expect(problems('{ file: x.csv, engine: duckdb }')).toEqual(['survey.yaml: source.engine: `duckdb` reads Parquet files (name a .parquet file in `source.file`); other exports are read row by row: remove `engine`']);
    expect(problems('{ engine: clickhouse, url: "http://h:8123", table: t, row: r, format: qualtrics }')[0]).toContain("source.format: a Qualtrics export's question-text and ImportId rows are not responses");
  });
});
