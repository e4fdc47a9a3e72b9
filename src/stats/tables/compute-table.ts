/**
 * A banner table from its counts: per stub and column the base (and, weighted, the weighted and effective
 * base), each row's share, mean, SD or NPS, and the significance letters: within each banner group whose
 * columns do not overlap, every pair of columns with figures is tested, the row's p-values are adjusted for
 * the number of pairs, and a cell carries the letters of the columns it is significantly higher than. With
 * `vsTotal`, each column is also tested against the rest of the sample (an arrow). Weighted, estimates and
 * tests are design-based, with the weighting's calibration and design (WeightingContext).
 */
import type { TableBlock, TableCell, TableColumn, TableGroup, TableResult, TableRow } from '../../model/table-result.ts';
import { tTwoSided } from '../distributions.ts';
import { moments, npsTest } from '../group-tests.ts';
import type { WeightingContext } from '../kinds/metric-kind.ts';
import { domainDifference, partsDegf } from '../weights/linearized-mean.ts';
import type { CellSums, WeightedSums } from '../weights/weighted-sums.ts';
import { adjustRow, columnLetter, pooledTTest, pooledZTest, type ColumnTest } from './column-tests.ts';
import { stubVariables, type StubCounts, type TableState } from './table-fold.ts';
import type { RowPlan, TablePlan } from './table-plan.ts';

/** One column of one stub, as the tests see it. */
interface Side {
  counts: StubCounts;
  sums: readonly WeightedSums[];
}

/** `weighting` describes the codebook's weighting for the table's notes (with `context`, when weighted). */
export function computeTable(plan: TablePlan, state: TableState, context?: WeightingContext, weighting?: TableResult['weighting']): TableResult {
  const { table } = plan;
  const weighted = context !== undefined && state.sums !== undefined;
  const columns: TableColumn[] = [{ group: 'total', label: 'Total', letter: null }];
  const groups: TableGroup[] = plan.groups.map((group) => {
    const indices = group.columns.map((label) => columns.push({ group: group.id, label, letter: columnLetter(columns.length - 1) }) - 1);
    return { id: group.id, label: group.label, type: group.type, columns: indices, compared: group.type === 'single' && indices.length > 1 };
  });
  const blocks = plan.stubs.map((stub, s): TableBlock => {
    const sides = columns.map((_, c): Side => ({ counts: state.blocks[s]?.[c] ?? { n: 0, counts: [], values: new Map() }, sums: (state.sums?.[s]?.[c] ?? []).map(sorted) }));
    const base = sides.map((side) => side.counts.n);
    const flags = base.map((n) => (n === 0 ? ['empty'] : n < table.suppressBelow ? ['suppressed'] : n < table.smallBase ? ['small'] : []));
    const live = (c: number): boolean => (base[c] ?? 0) > 0 && !(flags[c] ?? []).includes('suppressed');
    const variables = stubVariables(stub);
    const bases = weighted ? sides.map((side) => weightedBase(side.sums[0] ?? new Map(), context)) : undefined;
    const rows = stub.rows.map((row, r): TableRow => {
      const v = variables.ofRow[r] ?? -1;
      const value = (c: number): number | null => (live(c) ? cellValue(row, sides[c] as Side, v, context) : null);
      const cells: TableCell[] = columns.map((_, c) => ({ value: value(c), letters: '' }));
      if (row.levels.size > 0) {
        cells.forEach((cell, c) => {
          const side = sides[c] as Side;
          // A suppressed column shows no count either (it would give the share away).
          if (live(c)) cell.count = side.counts.counts[v] ?? 0;
          if (table.cells.includes('row')) {
            const total = rowTotal(sides[0] as Side, v, context);
            const here = rowTotal(side, v, context);
            cell.rowShare = live(c) && total > 0 ? here / total : null;
          }
        });
      }
      if (row.type === 'sd') return { type: row.type, label: row.label, cells };
      const test = (a: Side, b: Side): ColumnTest | null => columnTest(row, a, b, v, context);
      for (const group of groups) {
        if (group.compared) markLetters(group.columns.filter(live), cells, columns, (a, b) => test(sides[a] as Side, sides[b] as Side), table.adjust, plan.level);
        if (table.vsTotal) markArrows(group.columns.filter(live), cells, (c) => test(sides[c] as Side, rest(sides[0] as Side, sides[c] as Side)), table.adjust, plan.level);
      }
      return { type: row.type, label: row.label, cells };
    });
    return {
      stub: stub.id,
      source: stub.source,
      label: stub.label,
      base,
      ...(bases === undefined ? {} : { weightedBase: bases.map((b) => b.total), effectiveBase: bases.map((b) => b.effective) }),
      flags,
      rows,
    };
  });
  return {
    id: table.id,
    title: plan.title,
    weighted,
    ...(weighted && weighting !== undefined ? { weighting } : {}),
    level: plan.level,
    adjust: table.adjust,
    vsTotal: table.vsTotal,
    cells: table.cells,
    tests: weighted ? { shares: 'design-t', means: 'design-t', nps: 'design-t' } : { shares: 'z', means: 't', nps: 'nps-z' },
    smallBase: table.smallBase,
    suppressBelow: table.suppressBelow,
    columns,
    groups,
    blocks,
  };
}

/** A row's figure in one column with a base. */
function cellValue(row: RowPlan, side: Side, v: number, context: WeightingContext | undefined): number | null {
  if (context !== undefined && side.sums.length > 0) {
    const sums = side.sums[v] ?? new Map();
    return row.type === 'sd' ? weightedSd(sums, context) : weightedMean(sums, context);
  }
  const { counts } = side;
  if (row.levels.size > 0) return counts.n > 0 ? (counts.counts[v] ?? 0) / counts.n : null;
  const m = moments(counts.values);
  if (row.type === 'sd') return m.n > 1 ? Math.sqrt(m.variance) : null;
  // The mean of the NPS scores (100, 0, −100) is the NPS.
  return m.n > 0 ? m.mean : null;
}

/** The test of one row between two columns (or a column and the rest). */
function columnTest(row: RowPlan, a: Side, b: Side, v: number, context: WeightingContext | undefined): ColumnTest | null {
  if (context !== undefined && a.sums.length > 0) {
    const sa = a.sums[v] ?? new Map<string, CellSums>();
    const sb = b.sums[v] ?? new Map<string, CellSums>();
    const result = domainDifference(sa, sb, context.cells, context.calibration);
    if (result !== null) return result.df < 1 ? null : { statistic: result.t, pValue: tTwoSided(result.t, result.df) };
    // Two domains that differ without any variance (0% against 100%): svyglm's t is ±Inf, p = 0.
    const [ma, mb] = [weightedMean(sa, context), weightedMean(sb, context)];
    if (ma === null || mb === null || ma === mb || partsDegf([sa, sb], context.cells, context.calibration) - 1 < 1) return null;
    return { statistic: ma > mb ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY, pValue: 0 };
  }
  if (row.levels.size > 0) return pooledZTest(a.counts.counts[v] ?? 0, a.counts.n, b.counts.counts[v] ?? 0, b.counts.n);
  if (row.type === 'nps') {
    // An NPS stub's first three share rows are its promoters, passives and detractors.
    const classes = (side: Side): [number, number, number] => {
      const [promoters, passives, detractors] = side.counts.counts;
      return [promoters ?? 0, passives ?? 0, detractors ?? 0];
    };
    const result = npsTest(classes(a), classes(b));
    return result === null ? null : { statistic: result.statistic, pValue: result.pValue };
  }
  return pooledTTest(a.counts.values, b.counts.values);
}

/** Letters: every pair of `live` columns tested, adjusted together; the higher of a significant pair gets the lower's letter. */
function markLetters(live: readonly number[], cells: TableCell[], columns: readonly TableColumn[], test: (a: number, b: number) => ColumnTest | null, adjust: TableResult['adjust'], level: number): void {
  const pairs: { a: number; b: number; result: ColumnTest }[] = [];
  live.forEach((a, i) =>
    live.slice(i + 1).forEach((b) => {
      const result = test(a, b);
      if (result !== null) pairs.push({ a, b, result });
    }),
  );
  const adjusted = adjustRow(
    pairs.map((pair) => pair.result.pValue),
    adjust,
  );
  const letters = new Map<number, string[]>();
  pairs.forEach(({ a, b, result }, k) => {
    if (!((adjusted[k] ?? 1) < 1 - level) || result.statistic === 0) return;
    const [high, low] = result.statistic > 0 ? [a, b] : [b, a];
    letters.set(high, [...(letters.get(high) ?? []), columns[low]?.letter ?? '']);
  });
  for (const [c, list] of letters) {
    const cell = cells[c] as TableCell;
    cell.letters = list.sort((x, y) => x.length - y.length || (x < y ? -1 : 1)).join('');
  }
}

/** Arrows: each live column against the rest of the sample, adjusted over the group's columns. */
function markArrows(live: readonly number[], cells: TableCell[], test: (c: number) => ColumnTest | null, adjust: TableResult['adjust'], level: number): void {
  const tested = live.flatMap((c) => {
    const result = test(c);
    return result === null ? [] : [{ c, result }];
  });
  const adjusted = adjustRow(
    tested.map((t) => t.result.pValue),
    adjust,
  );
  tested.forEach(({ c, result }, k) => {
    if ((adjusted[k] ?? 1) < 1 - level && result.statistic !== 0) (cells[c] as TableCell).arrow = result.statistic > 0 ? 'up' : 'down';
  });
}

/** The respondents of `total` not in `part` (Total less a column: the rest of the sample). */
function rest(total: Side, part: Side): Side {
  const values = new Map(total.counts.values);
  for (const [value, k] of part.counts.values) values.set(value, (values.get(value) ?? 0) - k);
  return {
    counts: { n: total.counts.n - part.counts.n, counts: total.counts.counts.map((k, v) => k - (part.counts.counts[v] ?? 0)), values },
    sums: total.sums.map((sums, v) => subtract(sums, part.sums[v] ?? new Map())),
  };
}

function subtract(whole: WeightedSums, part: WeightedSums): WeightedSums {
  const out: WeightedSums = new Map();
  for (const [cell, w] of whole) {
    const p = part.get(cell);
    const c: CellSums = p === undefined ? { ...w } : { n: w.n - p.n, s0y: w.s0y - p.s0y, s1: w.s1 - p.s1, s2: w.s2 - p.s2, s1y: w.s1y - p.s1y, s1yy: w.s1yy - p.s1yy, s2y: w.s2y - p.s2y, s2yy: w.s2yy - p.s2yy };
    if (c.n > 0) out.set(cell, c);
  }
  return out;
}

/** The per-cell sums in cell order, so sums of floating-point terms run in one order whatever the rows' order. */
function sorted(sums: WeightedSums): WeightedSums {
  return new Map([...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Σw and Kish's effective base (Σw)²/Σw² of the respondents in `sums`, with w = g·d. */
function weightedBase(sums: WeightedSums, context: WeightingContext | undefined): { total: number; effective: number } {
  let total = 0;
  let squares = 0;
  for (const [cell, c] of sums) {
    const g = context?.calibration.g.get(cell) ?? 0;
    total += g * c.s1;
    squares += g * g * c.s2;
  }
  return { total, effective: squares > 0 ? (total * total) / squares : 0 };
}

/** The weighted count of a share row (or the weighted base without one) in a column. */
function rowTotal(side: Side, v: number, context: WeightingContext | undefined): number {
  if (context === undefined || side.sums.length === 0) return side.counts.counts[v] ?? 0;
  let total = 0;
  for (const [cell, c] of side.sums[v] ?? new Map<string, CellSums>()) total += (context.calibration.g.get(cell) ?? 0) * c.s1y;
  return total;
}

/** Σ w·y / Σ w. */
function weightedMean(sums: WeightedSums, context: WeightingContext): number | null {
  let total = 0;
  let y = 0;
  for (const [cell, c] of sums) {
    const g = context.calibration.g.get(cell) ?? 0;
    total += g * c.s1;
    y += g * c.s1y;
  }
  return total > 0 ? y / total : null;
}

/** √(n/(n − 1) · Σ w(y − ȳ)² / Σ w), as R's `sqrt(svyvar(~y, design))`. */
function weightedSd(sums: WeightedSums, context: WeightingContext): number | null {
  const mean = weightedMean(sums, context);
  if (mean === null) return null;
  let total = 0;
  let squares = 0;
  let n = 0;
  for (const [cell, c] of sums) {
    const g = context.calibration.g.get(cell) ?? 0;
    total += g * c.s1;
    squares += g * (c.s1yy - 2 * mean * c.s1y + mean * mean * c.s1);
    n += c.n;
  }
  return n > 1 && total > 0 ? Math.sqrt(Math.max(0, ((n / (n - 1)) * squares) / total)) : null;
}
