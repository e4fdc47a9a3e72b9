/**
 * A banner table compiled from the codebook (`tables:`, or the default table when there is none): its
 * column groups, each with a way to place a respondent in its columns, and its stubs, each with a way to read
 * what a respondent adds and the rows it shows. Pure; the fold (table-fold.ts) and the finish
 * (compute-table.ts) walk these plans.
 */
import { questionLevels } from '../../codebook/question-levels.ts';
import type { Codebook, Metric, Question, Table, TableEntry } from '../../codebook/schema.ts';
import { MAX_TABLE_CELLS, tableSize } from '../../codebook/table-size.ts';
import type { Answer } from '../../model/response.ts';
import type { TableRowType } from '../../model/table-result.ts';
import { isHit } from '../kinds/share-kind.ts';
import { valueOf } from '../kinds/value-kind.ts';
import { answerFor, planMetric, planQuestions } from '../metric-plan.ts';
import { optionMatcher } from '../../validate/parse-answer.ts';

export interface BannerGroupPlan {
  /** The question or metric id. */
  id: string;
  label: string;
  /** single: one column per respondent at most; multi: columns overlap; metric: one column, its success. */
  type: 'single' | 'multi' | 'metric';
  columns: readonly string[];
  /** The columns a respondent is in (none when they are in no column of the group). */
  of(answers: readonly Answer[]): readonly number[];
  /** The answers `of` reads. */
  reads: readonly number[];
}

export interface RowPlan {
  type: TableRowType;
  /** The option, bin, net or metric label (the type names the other rows). */
  label: string | null;
  /** The levels counted by a share row. */
  levels: ReadonlySet<number>;
}

/** What one respondent in a stub's base adds: the levels they chose, their value (a mean row's) and NPS score. */
export interface Observation {
  levels: readonly number[];
  value: number | null;
}

export interface StubPlan {
  id: string;
  source: 'question' | 'metric';
  label: string;
  rows: readonly RowPlan[];
  /** Whether a row needs the values (mean, SD) or the NPS score. */
  values: boolean;
  observe(answers: readonly Answer[]): Observation | null;
  /** The answers `observe` reads. */
  reads: readonly number[];
}

export interface TablePlan {
  table: Table;
  title: string;
  level: number;
  groups: readonly BannerGroupPlan[];
  stubs: readonly StubPlan[];
}

const NPS_CLASSES: readonly [TableRowType, number[]][] = [
  ['promoters', [9, 10]],
  ['passives', [7, 8]],
  ['detractors', [0, 1, 2, 3, 4, 5, 6]],
];

/** The tables of a codebook: its own `tables`, or the default one (docs/tables.md); none for `tables: []`. */
export function tablePlans(codebook: Codebook): TablePlan[] {
  const tables = codebook.tables ?? defaultTables(codebook);
  return tables.map((table) => ({
    table,
    title: table.title ?? table.id,
    level: table.level ?? codebook.confidence,
    groups: table.banner.map((entry) => bannerGroup(codebook, entry)),
    stubs: table.stubs.map((entry) => stubPlan(codebook, table, entry)),
  }));
}

/**
 * Without `tables:`: one table `main` with the single-choice questions the breakdowns split by as its banner
 * and every other question but free text and the attention check as stubs, likert questions (of four
 * options or more) with a top-2 net, as many stubs as fit MAX_TABLE_CELLS; none when no breakdown is by a
 * single-choice question.
 */
export function defaultTables(codebook: Codebook): Table[] {
  const banner = [...new Set(codebook.breakdowns.map((b) => b.by))].filter((id) => codebook.questions.find((q) => q.id === id)?.type === 'single');
  if (banner.length === 0) return [];
  const check = codebook.quality.attentionCheck?.question;
  const stubs = codebook.questions
    .filter((q) => q.type !== 'text' && q.id !== check && !banner.includes(q.id) && (questionLevels(q) !== undefined || q.type === 'numeric' || q.type === 'nps'))
    .map((q) => q.id);
  const netsOf = (ids: readonly string[]): Table['nets'] =>
    codebook.questions.flatMap((q) =>
      q.type === 'likert' && q.options.length >= 4 && ids.includes(q.id) ? [{ question: q.id, label: codebook.language === 'zh' ? '前两项' : 'Top 2', options: q.options.slice(-2) }] : [],
    );
  // A questionnaire too large for one default table keeps its first stubs that fit (MAX_TABLE_CELLS).
  while (stubs.length > 0) {
    const { columns, rows } = tableSize(codebook, { banner, stubs, nets: netsOf(stubs) });
    if (columns * rows <= MAX_TABLE_CELLS) break;
    stubs.pop();
  }
  if (stubs.length === 0) return [];
  const nets = netsOf(stubs);
  const labels = banner.map((id) => codebook.questions.find((q) => q.id === id)?.label ?? id);
  const title = codebook.language === 'zh' ? `按${labels.join('、')}交叉` : `By ${labels.join(', ')}`;
  return [{ id: 'main', title, banner, stubs, nets, cells: ['column'], adjust: 'holm', vsTotal: false, smallBase: 30, suppressBelow: 5 }];
}

function entryId(entry: TableEntry): { question: string } | { metric: string } {
  return typeof entry === 'string' ? { question: entry } : entry;
}

function questionOf(codebook: Codebook, id: string): { question: Question; at: number } {
  const at = codebook.questions.findIndex((q) => q.id === id);
  const question = codebook.questions[at];
  if (question === undefined) throw new Error(`table names unknown question ${id}; crossCheck should have refused it`);
  return { question, at };
}

function metricOf(codebook: Codebook, id: string): Metric {
  const metric = codebook.metrics.find((m) => m.id === id);
  if (metric === undefined) throw new Error(`table names unknown metric ${id}; crossCheck should have refused it`);
  return metric;
}

function bannerGroup(codebook: Codebook, entry: TableEntry): BannerGroupPlan {
  const ref = entryId(entry);
  if ('metric' in ref) {
    const metric = metricOf(codebook, ref.metric);
    const plan = planMetric(codebook, metric);
    const label = metric.label ?? metric.id;
    const of = (answers: readonly Answer[]): readonly number[] => {
      const answer = answerFor(plan, answers);
      return answer !== null && isHit(plan, answer) ? [0] : [];
    };
    return { id: metric.id, label, type: 'metric', columns: [label], of, reads: planQuestions(plan) };
  }
  const { question, at } = questionOf(codebook, ref.question);
  const levels = questionLevels(question);
  if (levels === undefined) throw new Error(`banner question ${question.id} has no levels; crossCheck should have refused it`);
  return {
    id: question.id,
    label: question.label ?? question.id,
    type: question.type === 'multi' ? 'multi' : 'single',
    columns: levels.labels,
    reads: [at],
    of: (answers) => {
      const level = levels.of(answers[at] ?? null);
      return level === null ? [] : typeof level === 'number' ? [level] : level;
    },
  };
}

function stubPlan(codebook: Codebook, table: Table, entry: TableEntry): StubPlan {
  const ref = entryId(entry);
  if ('metric' in ref) {
    const metric = metricOf(codebook, ref.metric);
    const plan = planMetric(codebook, metric);
    const label = metric.label ?? metric.id;
    const base = { id: metric.id, source: 'metric' as const, label, reads: planQuestions(plan) };
    if (metric.kind === 'nps') return npsStub(base, (answers) => answerFor(plan, answers));
    if (metric.kind === 'mean') {
      const observe = (answers: readonly Answer[]): Observation | null => {
        const answer = answerFor(plan, answers);
        return answer === null ? null : { levels: [], value: valueOf(plan.question, answer) };
      };
      return { ...base, values: true, rows: [row('mean'), row('sd')], observe };
    }
    // A share metric: one row, its success.
    const observe = (answers: readonly Answer[]): Observation | null => {
      const answer = answerFor(plan, answers);
      return answer === null ? null : { levels: isHit(plan, answer) ? [0] : [], value: null };
    };
    return { ...base, values: false, rows: [{ type: 'metric', label, levels: new Set([0]) }], observe };
  }
  const { question, at } = questionOf(codebook, ref.question);
  const base = { id: question.id, source: 'question' as const, label: question.label ?? question.id, reads: [at] };
  if (question.type === 'nps') return npsStub(base, (answers) => answers[at] ?? null);
  const levels = questionLevels(question);
  const labels = levels?.labels ?? [];
  const rows: RowPlan[] = labels.map((label, i) => ({ type: 'option', label, levels: new Set([i]) }));
  for (const net of table.nets.filter((n) => n.question === question.id)) {
    const matcher = optionMatcher(labels);
    rows.push({ type: 'net', label: net.label, levels: new Set(net.options.map((o) => matcher.match(o)).filter((i): i is number => i !== undefined)) });
  }
  // Ordinal and number questions get their mean and standard deviation (a likert's on its codes 1..k).
  const values = question.type === 'likert' || question.type === 'rating' || question.type === 'numeric';
  if (values) rows.push(row('mean'), row('sd'));
  return {
    ...base,
    values,
    rows,
    observe(answers) {
      const answer = answers[at] ?? null;
      if (answer === null || typeof answer === 'string') return null;
      const level = levels === undefined ? null : levels.of(answer);
      return { levels: level === null ? [] : typeof level === 'number' ? [level] : level, value: values ? valueOf(question, answer) : null };
    },
  };
}

function row(type: TableRowType): RowPlan {
  return { type, label: null, levels: new Set() };
}

/** An NPS stub: promoters, passives and detractors as share rows over the scores 0–10, then the NPS. */
function npsStub(base: Pick<StubPlan, 'id' | 'source' | 'label' | 'reads'>, answerOf: (answers: readonly Answer[]) => Answer): StubPlan {
  return {
    ...base,
    values: true,
    rows: [...NPS_CLASSES.map(([type, scores]) => ({ type, label: null, levels: new Set(scores) })), row('nps')],
    observe(answers) {
      const answer = answerOf(answers);
      if (typeof answer !== 'number') return null;
      const score = answer >= 9 ? 100 : answer <= 6 ? -100 : 0;
      return { levels: Number.isInteger(answer) && answer >= 0 && answer <= 10 ? [answer] : [], value: score };
    },
  };
}
