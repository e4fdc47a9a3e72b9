/**
 * Export bytes → a table whose columns are resolved against the codebook. Pure; every failure is a
 * UserError naming the file (and row), so the CLI can print it as one line.
 */
import type { Codebook } from '../codebook/schema.ts';
import { UserError } from '../util/user-error.ts';
import { decodeExport } from './decode-export.ts';
import { parseTable, type Table } from './parse-table.ts';
import { resolveColumns, type ColumnMap } from './resolve-columns.ts';

export interface Ingested {
  table: Table;
  columns: ColumnMap;
  /** The encoding the bytes were read as. */
  encoding: string;
}

/** `file` names the export in messages. */
export function ingestExport(codebook: Codebook, bytes: Uint8Array, file: string): Ingested {
  if (/\.xlsx$/i.test(file)) {
    throw new UserError(file, '.xlsx exports are not read yet; export the survey as CSV, or save the sheet as CSV (UTF-8)');
  }
  const decoded = decodeExport(bytes, codebook.source.encoding);
  if (!decoded.ok) throw new UserError(file, decoded.message);
  const parsed = parseTable(decoded.text, codebook.source.format, { tsv: /\.tsv$/i.test(file) });
  if (!parsed.ok) throw new UserError(parsed.row === undefined ? file : `${file}:${parsed.row}`, parsed.message);
  const resolved = resolveColumns(codebook, parsed.table);
  if (!resolved.ok) throw new UserError(file, resolved.messages.join('\n'));
  return { table: parsed.table, columns: resolved.columns, encoding: decoded.encoding };
}
