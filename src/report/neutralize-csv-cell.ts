/**
 * A cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading apostrophe, so opening a CSV the tool wrote never executes respondent input (OWASP "CSV injection").
 */
export function neutralizeCsvCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
