/**
 * A banner table as plain text for the terminal: the label column (cut at 40 columns of width) and one
 * right-aligned column per banner column (headers cut at 24, their letters kept), widths counted in terminal cells (CJK characters take two), the
 * notes below.
 */
import type { Language } from '../audit/messages.ts';
import type { TableResult } from '../model/table-result.ts';
import { gridCellText, tableGrid } from '../report/table-grid.ts';

const LABEL_WIDTH = 40;
/** Column headers are cut to this width in the terminal (the files keep them whole). */
const HEADER_WIDTH = 24;

export function formatTable(table: TableResult, language: Language): string {
  const grid = tableGrid(table, language);
  const labels = grid.lines.map((line) => cut(line.kind === 'figure' || line.kind === 'base' ? `  ${line.label}` : line.label, LABEL_WIDTH));
  const labelWidth = Math.max(...labels.map(width), 0);
  const headers = grid.columns.map((column) => (column.letter === null ? cut(column.label, HEADER_WIDTH) : `${cut(column.label, HEADER_WIDTH - column.letter.length - 3)} (${column.letter})`));
  const texts = grid.lines.map((line) => line.cells.map(gridCellText));
  const widths = headers.map((header, c) => Math.max(width(header), ...texts.map((cells) => width(cells[c] ?? ''))));
  const row = (label: string, cells: readonly string[]): string => `${pad(label, labelWidth, 'end')}  ${cells.map((cell, c) => pad(cell, widths[c] ?? 0, 'start')).join('  ')}`.trimEnd();
  const groups = grid.groups.slice(1).map((g) => `${g.label}: ${grid.columns[g.from]?.letter ?? ''}${g.to > g.from ? `–${grid.columns[g.to]?.letter ?? ''}` : ''}`);
  const lines = [grid.title, groups.join('; '), '', row('', headers)];
  grid.lines.forEach((line, i) => lines.push(row(labels[i] ?? '', texts[i] ?? [])));
  lines.push('', ...grid.notes);
  return `${lines.join('\n')}\n`;
}

/** Terminal cells a text takes: two for wide (East Asian) characters, one otherwise. */
export function width(text: string): number {
  let cells = 0;
  for (const char of text) cells += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return cells;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

function pad(text: string, to: number, side: 'start' | 'end'): string {
  const fill = ' '.repeat(Math.max(0, to - width(text)));
  return side === 'start' ? fill + text : text + fill;
}

function cut(text: string, max: number): string {
  if (width(text) <= max) return text;
  let out = '';
  for (const char of text) {
    if (width(out + char) > max - 1) break;
    out += char;
  }
  return `${out}…`;
}
