/**
 * A banner table as `stats.json` carries it (docs/outputs.md, "tables"): the columns (Total first, then
 * each banner group's, lettered), and per stub its bases and rows, each row a cell per column.
 */

/** option, net: a share of the stub's base; metric: a share metric; promoters/passives/detractors: NPS classes; mean, sd, nps: values. */
export type TableRowType = 'option' | 'net' | 'metric' | 'promoters' | 'passives' | 'detractors' | 'mean' | 'sd' | 'nps';

export interface TableColumn {
  /** The banner group's id (a question or metric id); `total` for the Total column. */
  group: string;
  label: string;
  /** The letter other cells use to name this column (null for Total). */
  letter: string | null;
}

export interface TableGroup {
  id: string;
  label: string;
  type: 'single' | 'multi' | 'metric';
  /** Indices into `columns`. */
  columns: number[];
  /** Whether its columns are compared with each other (not for overlapping columns, nor a single column). */
  compared: boolean;
}

export interface TableCell {
  /** A share 0..1, a mean, an SD or an NPS −100..100; null when suppressed or without a base. */
  value: number | null;
  /** Share rows: respondents counted (unweighted). */
  count?: number;
  /** Share rows with `cells: [row]`: this column's part of the Total column's (weighted) count. */
  rowShare?: number | null;
  /** Letters of the columns of its group this cell is significantly higher than. */
  letters: string;
  /** With `vsTotal`: significantly higher (`up`) or lower (`down`) than the rest of the sample. */
  arrow?: 'up' | 'down';
}

export interface TableRow {
  type: TableRowType;
  label: string | null;
  cells: TableCell[];
}

export interface TableBlock {
  stub: string;
  source: 'question' | 'metric';
  label: string;
  /** Respondents in each column who are in the stub's base. */
  base: number[];
  /** Weighted: the sum of their weights, and Kish's effective base (Σw)²/Σw². */
  weightedBase?: number[];
  effectiveBase?: number[];
  /** Per column: `small` (base under smallBase), `suppressed` (under suppressBelow), `empty` (base 0). */
  flags: string[][];
  rows: TableRow[];
}

export interface TableResult {
  id: string;
  title: string;
  weighted: boolean;
  /** Weighted: the codebook's weighting (method, the labels of the questions it weights on) and whether a sampling design is used. */
  weighting?: { method: string; by: string[]; design: boolean };
  level: number;
  adjust: 'holm' | 'bonferroni' | 'none';
  vsTotal: boolean;
  cells: ('column' | 'row' | 'count')[];
  /** How columns are compared: `z` pooled two-proportion z, `t` pooled two-sample t and `nps-z` unweighted; `design-t` (svyglm's t on the difference of two domains) weighted. */
  tests: { shares: 'z' | 'design-t'; means: 't' | 'design-t'; nps: 'nps-z' | 'design-t' };
  smallBase: number;
  suppressBelow: number;
  columns: TableColumn[];
  groups: TableGroup[];
  blocks: TableBlock[];
}
