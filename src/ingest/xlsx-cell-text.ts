/**
 * An Excel cell value (as exceljs reads it) → the text a CSV export of the same sheet would hold: numbers
 * as written, dates as `YYYY-MM-DD HH:MM:SS`, rich text joined, formulas by their result, errors as empty.
 */
export function xlsxCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(cell.richText)) return cell.richText.map((run) => run.text).join('');
    if ('result' in cell) return xlsxCellText(cell.result);
    if ('text' in cell) return xlsxCellText(cell.text);
  }
  return '';
}

/** exceljs reads a date cell as the UTC instant of its wall-clock time; print those wall-clock fields. */
function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return time === '00:00:00' ? day : `${day} ${time}`;
}
