/**
 * A banner table laid out as every output shows it (report, spreadsheet, CSV, terminal): the columns with
 * their letters, then per stub a title line, its base lines and its figure lines, each share row once per
 * requested cell kind (column %, row %, count). Pure; the writers only format and place what this gives.
 */
import type { Language } from '../audit/messages.ts';
import type { TableCell, TableResult, TableRow } from '../model/table-result.ts';
import { tableText } from './table-text.ts';
import { fixed } from '../util/fixed.ts';
import { formatPercent } from './format-number.ts';

/** How a number reads: respondents, a weighted count, a share, a mean or SD, an NPS. */
export type GridFormat = 'count' | 'weight' | 'percent' | 'mean' | 'score';

export interface GridCell {
  value: number | null;
  format: GridFormat;
  letters: string;
  arrow?: 'up' | 'down';
  /** A base under the table's smallBase. */
  small?: boolean;
}

export interface GridLine {
  kind: 'stub' | 'base' | 'figure';
  label: string;
  cells: GridCell[];
}

export interface TableGrid {
  title: string;
  columns: { label: string; letter: string | null }[];
  /** Banner groups over the columns (Total first, as its own group). */
  groups: { label: string; from: number; to: number }[];
  lines: GridLine[];
  notes: string[];
}

export function tableGrid(table: TableResult, language: Language): TableGrid {
  const t = tableText(language);
  const columns = table.columns.map((c) => ({ label: c.group === 'total' ? t.total : c.label, letter: c.letter }));
  const groups = [{ label: t.total, from: 0, to: 0 }, ...table.groups.map((g) => ({ label: g.label, from: g.columns[0] ?? 0, to: g.columns[g.columns.length - 1] ?? 0 }))];
  const lines: GridLine[] = [];
  for (const block of table.blocks) {
    lines.push({ kind: 'stub', label: block.label, cells: [] });
    const small = (c: number): boolean => (block.flags[c] ?? []).includes('small');
    lines.push({ kind: 'base', label: t.base, cells: block.base.map((n, c) => ({ value: n, format: 'count', letters: '', small: small(c) })) });
    if (block.weightedBase !== undefined) lines.push({ kind: 'base', label: t.weightedBase, cells: block.weightedBase.map((w) => ({ value: w, format: 'weight', letters: '' })) });
    if (block.effectiveBase !== undefined) lines.push({ kind: 'base', label: t.effectiveBase, cells: block.effectiveBase.map((w) => ({ value: w, format: 'weight', letters: '' })) });
    for (const row of block.rows) lines.push(...rowLines(table, row, language));
  }
  const overlapping = table.groups.filter((g) => g.type === 'multi').map((g) => g.label);
  return { title: table.title, columns, groups, lines, notes: t.notes(table, overlapping) };
}

function rowLines(table: TableResult, row: TableRow, language: Language): GridLine[] {
  const t = tableText(language);
  const label = row.label ?? (row.type === 'option' || row.type === 'net' || row.type === 'metric' ? '' : t.rows[row.type]);
  const tested = (cell: TableCell): Pick<GridCell, 'letters' | 'arrow'> => ({ letters: cell.letters, ...(cell.arrow === undefined ? {} : { arrow: cell.arrow }) });
  if (row.type === 'mean' || row.type === 'sd' || row.type === 'nps') {
    const format: GridFormat = row.type === 'nps' ? 'score' : 'mean';
    return [{ kind: 'figure', label, cells: row.cells.map((cell) => ({ value: cell.value, format, ...tested(cell) })) }];
  }
  return table.cells.map((kind, k): GridLine => {
    const suffix = k === 0 ? '' : ` (${kind === 'row' ? t.rowPercent : kind === 'count' ? t.count : ''})`;
    const cells = row.cells.map((cell): GridCell => {
      if (kind === 'row') return { value: cell.value === null ? null : (cell.rowShare ?? null), format: 'percent', letters: '' };
      if (kind === 'count') return { value: cell.value === null ? null : (cell.count ?? null), format: 'count', letters: '' };
      return { value: cell.value, format: 'percent', ...tested(cell) };
    });
    return { kind: 'figure', label: `${label}${suffix}`, cells };
  });
}

/** A number as the table shows it: `45.2%`, `3.95`, `29.2`, `154`, `152.3`; `—` without one. */
export function formatGridValue(value: number | null, format: GridFormat): string {
  if (value === null) return '—';
  switch (format) {
    case 'percent':
      return formatPercent(value);
    case 'mean':
      return fixed(value, 2);
    case 'score':
    case 'weight':
      return fixed(value, 1);
    case 'count':
      return String(value);
  }
}

/** A cell's text with its letters and arrow (and `*` on a small base): `45.2% AB▲`. */
export function gridCellText(cell: GridCell): string {
  const arrow = cell.arrow === 'up' ? '▲' : cell.arrow === 'down' ? '▼' : '';
  const marks = `${cell.letters}${arrow}`;
  return `${formatGridValue(cell.value, cell.format)}${cell.small === true ? '*' : ''}${marks === '' ? '' : ` ${marks}`}`;
}

/** A column's header: `金融 (A)`, or `Total`. */
export function columnHeader(column: { label: string; letter: string | null }): string {
  return column.letter === null ? column.label : `${column.label} (${column.letter})`;
}
