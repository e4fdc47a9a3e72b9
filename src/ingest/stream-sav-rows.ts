/**
 * Streams the cases of an SPSS system file (`.sav`, `.zsav`; read-sav.ts) as rows of text cells, as a CSV
 * export would give them: a header row of variable names (row 1), then one row per case (rows 2…). A cell
 * holding one of its variable's user-missing values (a discrete code such as 99, or within its missing
 * range) is empty: no answer. Otherwise a value with a value label is shown as its label, so a codebook
 * lists a choice question's options by their labels, except in `raw` columns (number questions, the weight,
 * the duration), which keep their numbers.
 */
import { isUserMissing, readSav, type SavVariable } from './read-sav.ts';
import { fileSha256 } from './file-sha256.ts';
import type { StreamedFile } from './stream-csv-rows.ts';

export interface SavRowOptions {
  /** Header names of the columns whose numbers are kept, not replaced by their value labels. */
  raw?: ReadonlySet<string>;
}

export async function streamSavRows(file: string, push: (cells: string[], row: number) => void, options: SavRowOptions = {}): Promise<StreamedFile> {
  const sav = await readSav(file);
  const cellOf = sav.variables.map((variable) => cellReader(variable, options.raw?.has(variable.name) === true));
  push(sav.variables.map((variable) => variable.name), 1);
  let row = 1;
  for await (const cells of sav.rows()) {
    row++;
    push(cells.map((cell, i) => cellOf[i]?.(cell) ?? cell), row);
  }
  return { encoding: `spss (${sav.encoding})`, sha256: await fileSha256(file) };
}

/** How one variable's raw cells read: '' for a missing value, the label of a labelled value (unless raw), else as they are. */
function cellReader(variable: SavVariable, raw: boolean): (cell: string) => string {
  const labels = raw ? new Map<string, string>() : new Map(variable.valueLabels.map(({ value, label }) => [value, label]));
  return (cell) => (cell === '' || isUserMissing(variable, cell) ? '' : (labels.get(cell) ?? cell));
}
