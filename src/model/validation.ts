/** What validation decides: quarantined rows with their reasons, and the accounting (`validation.json`). */
export interface Reason {
  rule: string;
  /** Header name of the column at fault, when one is. */
  column?: string;
  /** The offending value; never set for PII columns. */
  value?: string;
  message: string;
}

/** A quarantined row's reasons; its cells are kept apart (ingest/quarantine-cells.ts), for quarantine.csv alone. */
export interface QuarantinedRow {
  row: number;
  reasons: Reason[];
  /**
   * The values of this row that its questions do not know (a cell outside a question's options, or not a
   * number), by question index: what the unknown-values check counts. Never written to an output.
   */
  unknown?: { question: number; value: string; rule: string }[];
}

export interface ValidationSummary {
  schemaVersion: 1;
  survey: string;
  file: string;
  encoding: string;
  rowsRead: number;
  accepted: number;
  quarantined: number;
  /** Rows left out by the codebook's `filter` (neither accepted nor quarantined): `rowsRead == accepted + quarantined + filtered`. */
  filtered: number;
  flagged: number;
  /** Rows of only empty cells (`,,,,` lines), passed over; empty lines are passed over uncounted. */
  blankRows: number;
  /** Columns kept out of every output: the codebook's `pii` and columns whose cells look personal. */
  piiColumns: string[];
  /** Quarantined rows per rule (a row with two rules counts under both). */
  byRule: Record<string, number>;
  rejections: { row: number; reasons: Reason[] }[];
  /** Accepted rows flagged but kept (straight-lining under `action: flag`). */
  flags: { row: number; rule: string }[];
}
