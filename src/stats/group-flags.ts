/** Groups of a distribution, a retention curve or a breakdown with fewer respondents than this are flagged `small-cell` (the default of `breakdowns[].smallCell`). */
export const SMALL_CELL_N = 30;

/** `empty` with nobody, `suppressed` (and `small-cell`) under `suppressBelow`, `small-cell` under `smallCell`. */
export function groupFlags(n: number, smallCell = SMALL_CELL_N, suppressBelow = 0): string[] {
  if (n === 0) return ['empty'];
  if (n < suppressBelow) return ['small-cell', 'suppressed'];
  return n < smallCell ? ['small-cell'] : [];
}
