/**
 * An index as `stats.json` carries it (`indexes`; docs/outputs.md): how it is scored, and its scores over the
 * accepted respondents, unweighted: how many got one (`n`) and how many did not (`unscored`: fewer items
 * answered than `minAnswered` asks), their mean, SD, lowest and highest. The scale it can take is `range`.
 */
export interface IndexResult {
  id: string;
  label: string;
  items: string[];
  reverse: string[];
  method: 'mean' | 'sum';
  minAnswered: number;
  range: [number, number] | null;
  n: number;
  unscored: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
}
