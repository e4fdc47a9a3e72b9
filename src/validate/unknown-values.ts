/**
 * Unknown values are a codebook question first. One value outside a question's options (or not a number, or
 * out of range, for a number question) in many rows is far more often a label typed differently in the
 * codebook than many respondents answering badly: quarantining those rows would silently drop a part of
 * the sample and move every estimate. So a value in at least `MIN_ROWS` rows and `MIN_SHARE` of the rows read
 * stops `analyze` and `validate` (unless `quality.unknownValues: quarantine`), one line per value: the
 * question, the value, its rows, the nearest option, and the ways out. Rarer values are quarantined as
 * before. Pure.
 */
import type { Codebook } from '../codebook/schema.ts';
import type { ColumnMap } from '../ingest/resolve-columns.ts';
import type { QuarantinedRow } from '../model/validation.ts';
import { editDistance } from '../util/nearest.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import { UserError } from '../util/user-error.ts';
import { wholeNumberText } from './parse-answer.ts';
import { quotedValue } from './quoted-value.ts';
import { fixed } from '../util/fixed.ts';

/** A value is frequent when it fills at least this many rows… */
export const MIN_ROWS = 3;
/** …and at least this share of the rows read. */
export const MIN_SHARE = 0.01;
/** Lines shown at most; the rest are counted. */
const MAX_LINES = 20;

export interface UnknownValue {
  /** Index of the question in the codebook. */
  question: number;
  /** The value as cells are compared (normalised). */
  value: string;
  /** Rows holding it. */
  rows: number;
  /** The rule it broke: `invalid-option`, `invalid-number`, `invalid-nps` or `out-of-range`. */
  rule: string;
}

/** The frequent unknown values of the quarantined rows, by question order, then most rows first. */
export function frequentUnknownValues(quarantined: readonly QuarantinedRow[], rowsRead: number): UnknownValue[] {
  // A question's value breaks one rule whatever row it is in: the rule is kept beside its count.
  const counts = new Map<number, Map<string, { rows: number; rule: string }>>();
  for (const row of quarantined) {
    const seen = new Set<string>();
    for (const { question, value, rule } of row.unknown ?? []) {
      const key = normalizeLabel(value);
      if (seen.has(`${question}\u0000${key}`)) continue;
      seen.add(`${question}\u0000${key}`);
      const values = counts.get(question) ?? new Map<string, { rows: number; rule: string }>();
      counts.set(question, values);
      values.set(key, { rows: (values.get(key)?.rows ?? 0) + 1, rule });
    }
  }
  const bar = Math.max(MIN_ROWS, MIN_SHARE * rowsRead);
  return [...counts]
    .sort(([a], [b]) => a - b)
    .flatMap(([question, values]) =>
      [...values]
        .filter(([, { rows }]) => rows >= bar)
        .sort(([a, x], [b, y]) => y.rows - x.rows || (a < b ? -1 : a > b ? 1 : 0))
        .map(([value, { rows, rule }]) => ({ question, value, rows, rule })),
    );
}

/** One line per frequent unknown value (at most `MAX_LINES`, then a count), each saying how to go on. */
export function unknownValueMessages(codebook: Codebook, found: readonly UnknownValue[], rowsRead: number, header: readonly string[], columns: ColumnMap): string[] {
  const lines = found.slice(0, MAX_LINES).map(({ question: q, value, rows, rule }) => {
    const question = codebook.questions[q];
    if (question === undefined) return '';
    const column = columns.questions[q]?.column;
    const shown = column !== undefined && columns.pii.has(column) ? 'a value (withheld: personal data)' : `"${quotedValue(value)}"`;
    const share = `${rows} of ${rowsRead} rows (${fixed((100 * rows) / rowsRead, 1)}%)`;
    const where = `questions[${q}]`;
    const named = `question \`${question.id}\`${column === undefined ? '' : ` (column "${quotedValue(header[column] ?? '')}")`}`;
    const keep = 'or set `quality.unknownValues: quarantine` to quarantine these rows';
    const missing = 'add it to `missing:` if it means no answer';
    if ('options' in question) {
      const near = closestOption(value, question.options);
      const code = wholeNumberText(value) !== undefined ? `nor a code 1–${question.options.length}; ` : '';
      const hint = near === undefined ? `${code}no option is close` : `${code}did you mean \`${near}\`?`;
      return `${named}: ${shown} in ${share} is not one of its options (${hint}); fix the label in ${where}.options, ${missing}, ${keep}`;
    }
    if (rule === 'out-of-range') return `${named}: ${shown} in ${share} is out of its range; widen ${where}.min/max (or its bins), ${missing}, ${keep}`;
    return `${named}: ${shown} in ${share} is not ${question.type === 'nps' ? 'a score from 0 to 10' : 'a number'}; ${missing}, ${keep}`;
  });
  if (found.length > MAX_LINES) lines.push(`and ${found.length - MAX_LINES} more values like these; \`stickiness validate\` lists every quarantined row`);
  return lines;
}

/**
 * The option nearest a value after Unicode normalisation and case folding, when it is a typo away: at most
 * one edit per four characters (at least one). Whole numbers get none: `6` is not a typo of `5`.
 */
export function closestOption(value: string, options: readonly string[]): string | undefined {
  const folded = normalizeLabel(value).toLowerCase();
  if (wholeNumberText(folded) !== undefined) return undefined;
  const bound = Math.max(1, Math.floor([...folded].length / 4));
  let best: { option: string; distance: number } | undefined;
  for (const option of options) {
    const distance = editDistance(folded, normalizeLabel(option).toLowerCase());
    if (distance <= bound && (best === undefined || distance < best.distance)) best = { option, distance };
  }
  return best?.option;
}

/**
 * Stops with one line per frequent unknown value when the codebook says `quality.unknownValues: stop`
 * (the default); `file` names the export.
 */
export function stopOnUnknownValues(codebook: Codebook, ingestion: { rowsRead: number; quarantined: readonly QuarantinedRow[]; header: readonly string[]; columns: ColumnMap }, file: string): void {
  if (codebook.quality.unknownValues !== 'stop') return;
  const found = frequentUnknownValues(ingestion.quarantined, ingestion.rowsRead);
  if (found.length === 0) return;
  const lines = unknownValueMessages(codebook, found, ingestion.rowsRead, ingestion.header, ingestion.columns);
  throw new UserError(file, lines.join(`\n${file}: `));
}
