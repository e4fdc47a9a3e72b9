/**
 * The validation stage's result, `validation.json` (docs/outputs.md): the accounting of one ingestion. Rows read, accepted,
 * quarantined and filtered, counts per rule, and every rejection with its row, column, value and rule. PII values were
 * never put into the reasons, so none can appear here.
 */
import type { ExportIngestion } from '../ingest/ingest-text.ts';
import type { ValidationSummary } from '../model/validation.ts';

export function validationSummary(surveyId: string, file: string, validation: Omit<ExportIngestion<unknown>, 'folded'>): ValidationSummary {
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
    accepted: validation.accepted,
    quarantined: validation.quarantined.length,
    filtered: validation.filtered,
    flagged: validation.flagged.length,
    blankRows: validation.blankRows,
    piiColumns: [...validation.columns.pii].sort((a, b) => a - b).map((i) => validation.header[i] ?? `column ${i + 1}`),
    byRule: Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    rejections: validation.quarantined.map(({ row, reasons }) => ({ row, reasons })),
    flags: validation.flagged,
  };
}
