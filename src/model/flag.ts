/** A finding for the reader: `code` is stable, `message` is in the survey's language, `evidence` holds the numbers. */
export interface Flag {
  code: string;
  severity: 'info' | 'warn' | 'critical';
  message: string;
  evidence: Record<string, number | string>;
}
