/**
 * A validated answer: an option index (0-based) for single and likert, sorted option indices for multi, a
 * number for nps / rating / numeric, the text for text, and null when the respondent gave no answer.
 */
export type Answer = number | readonly number[] | string | null;

/** An accepted response: its row in the export and one answer per codebook question, in codebook order. */
export interface Response {
  row: number;
  answers: Answer[];
  /** The design weight from `weighting.column` (positive), when the codebook names one. */
  weight?: number;
  /** Per entry of `weightings`: the design weight from its `column` (undefined for one without; NaN for a cell that is no valid weight). */
  alternativeWeights?: (number | undefined)[];
  /** The respondent's place in the sampling design (`design`), as a key (stats/design/design-key.ts). */
  design?: string;
  /** The collection channel (`respondent.channel`), when the codebook names one. */
  channel?: string;
  /** Text written into "other, please specify" (Wenjuanxing `其他〖…〗`), by question id. Free text: never in reports by default. */
  specified?: Record<string, string>;
}
