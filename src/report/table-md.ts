/** A banner table in `report.md` (and so in report.html): one Markdown table, letters beside the figures, notes below. */
import type { Language } from '../audit/messages.ts';
import type { TableResult } from '../model/table-result.ts';
import { escapeMarkdown as esc } from './escape-markdown.ts';
import { columnHeader, gridCellText, tableGrid } from './table-grid.ts';
import { tableText } from './table-text.ts';

export function tableMarkdown(table: TableResult, language: Language): string[] {
  const t = tableText(language);
  const grid = tableGrid(table, language);
  const letters = grid.groups.slice(1).map((g) => {
    const first = grid.columns[g.from]?.letter ?? '';
    const last = grid.columns[g.to]?.letter ?? '';
    return t.columnsOf(esc(g.label), first === last ? first : `${first}–${last}`);
  });
  const lines = [`### ${esc(grid.title)}`, '', `${letters.join('; ')}`, ''];
  lines.push(`| | ${grid.columns.map((c) => esc(columnHeader(c))).join(' | ')} |`, `|---|${grid.columns.map(() => '---:').join('|')}|`);
  for (const line of grid.lines) {
    if (line.kind === 'stub') lines.push(`| **${esc(line.label)}** |${grid.columns.map(() => ' ').join('|')}|`);
    else lines.push(`| ${esc(line.label)} | ${line.cells.map(gridCellText).join(' | ')} |`);
  }
  lines.push('', ...grid.notes.flatMap((note) => [esc(note), '']));
  return lines;
}
