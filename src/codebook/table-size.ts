/**
 * How large a banner table is before any data is read: its columns (Total and each banner level) times its
 * rows (each stub's options, bins or levels, nets, and its mean and SD or NPS rows). A table is bounded so a
 * codebook cannot ask for more counts and weighted sums than memory holds (MAX_TABLE_CELLS).
 */
import { questionLevels } from './question-levels.ts';
import type { Codebook, Question, Table, TableEntry } from './schema.ts';

/** Columns × rows of one table at most. */
export const MAX_TABLE_CELLS = 20_000;

export function tableSize(codebook: Codebook, table: Pick<Table, 'banner' | 'stubs' | 'nets'>): { columns: number; rows: number } {
  const columns = 1 + table.banner.reduce((sum, entry) => sum + bannerColumns(codebook, entry), 0);
  const rows = table.stubs.reduce((sum, entry) => sum + stubRows(codebook, entry, table.nets), 0);
  return { columns, rows };
}

function ref(entry: TableEntry): { question: string } | { metric: string } {
  return typeof entry === 'string' ? { question: entry } : entry;
}

/** Levels of a question, `bins: N` counted as N. */
function levelCount(question: Question | undefined): number {
  if (question === undefined) return 0;
  const levels = questionLevels(question);
  if (levels !== undefined) return levels.labels.length;
  return 'bins' in question && typeof question.bins === 'number' ? question.bins : 0;
}

function bannerColumns(codebook: Codebook, entry: TableEntry): number {
  const r = ref(entry);
  return 'metric' in r ? 1 : levelCount(codebook.questions.find((q) => q.id === r.question));
}

function stubRows(codebook: Codebook, entry: TableEntry, nets: Table['nets']): number {
  const r = ref(entry);
  if ('metric' in r) {
    const kind = codebook.metrics.find((m) => m.id === r.metric)?.kind;
    return kind === 'nps' ? 4 : kind === 'mean' ? 2 : 1;
  }
  const question = codebook.questions.find((q) => q.id === r.question);
  if (question?.type === 'nps') return 4;
  const values = question?.type === 'likert' || question?.type === 'rating' || question?.type === 'numeric' ? 2 : 0;
  return levelCount(question) + nets.filter((n) => n.question === r.question).length + values;
}
