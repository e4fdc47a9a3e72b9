/**
 * `validation.json`: the accounting of one ingestion (docs/outputs.md). Rows read, accepted and
 * quarantined, counts per rule, and every rejection with its row, column, value and rule. PII values were
 * never put into the reasons, so none can appear here.
 */
import type { ExportIngestion } from '../ingest/ingest-text.ts';

export interface ValidationSummary {
  schemaVersion: 1;
  survey: string;
  file: string;
  encoding: string;
  rowsRead: number;
  accepted: number;
  quarantined: number;
  flagged: number;
  /** Rows of only empty cells (`,,,,` lines), passed over; empty lines are passed over uncounted. */
  blankRows: number;
  /** Columns kept out of every output: the codebook's `pii` and columns whose cells look personal. */
  piiColumns: string[];
  /** Quarantined rows per rule (a row with two rules counts under both). */
  byRule: Record<string, number>;
  rejections: { row: number; reasons: ExportIngestion['quarantined'][number]['reasons'] }[];
  flags: ExportIngestion['flagged'];
}

export function validationSummary(surveyId: string, file: string, validation: ExportIngestion): ValidationSummary {
  const byRule: Record<string, number> = {};
  for (const row of validation.quarantined) {
    for (const rule of new Set(row.reasons.map((reason) => reason.rule))) byRule[rule] = (byRule[rule] ?? 0) + 1;
  }
  return {
    schemaVersion: 1,
    survey: surveyId,
    file,
    encoding: validation.encoding,
    rowsRead: validation.rowsRead,
    accepted: validation.summary.accepted,
    quarantined: validation.quarantined.length,
    flagged: validation.flagged.length,
    blankRows: validation.blankRows,
    piiColumns: [...validation.columns.pii].sort((a, b) => a - b).map((i) => validation.header[i] ?? `column ${i + 1}`),
    byRule: Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    rejections: validation.quarantined.map(({ row, reasons }) => ({ row, reasons })),
    flags: validation.flagged,
  };
}
