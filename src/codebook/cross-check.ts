/**
 * The checks a schema cannot make alone: every reference names an existing question or metric of the right
 * type, labels used in metrics and benchmarks are options of their question, option lists have no
 * duplicates, benchmark shares sum to 1.
 */
import { normalizeLabel } from '../util/normalize-label.ts';
import { didYouMean } from '../util/nearest.ts';
import type { CodebookIssue } from './codebook-issue.ts';
import { MAX_RATING_LEVELS, questionLevels } from './question-levels.ts';
import { analysisId, metricKindRules, type Codebook, type Question } from './schema.ts';
import { isIndexQuestion, itemRange } from './index-questions.ts';
import { MAX_TABLE_CELLS, tableSize } from './table-size.ts';

/** Tolerance on the sum of benchmark shares: they must sum to 1 ± 0.01 (shares typed to two decimals). */
export const SHARE_SUM_TOLERANCE = 0.01;

type Path = (string | number)[];

export function crossCheck(codebook: Codebook): CodebookIssue[] {
  const issues: CodebookIssue[] = [];
  const report = (path: Path, message: string): void => {
    issues.push({ path, message });
  };
  const byId = new Map<string, Question>();
  codebook.questions.forEach((question, i) => {
    // An index's question (index-questions.ts) has no column: its index is checked below.
    if (!isIndexQuestion(codebook, question)) checkQuestion(question, ['questions', i], report);
    if (byId.has(question.id)) report(['questions', i, 'id'], `question id \`${question.id}\` is used twice; ids must be unique`);
    byId.set(question.id, question);
  });
  const questionIds = [...byId.keys()];
  const metricIds = new Set(codebook.metrics.map((metric) => metric.id));

  const lookup = (path: Path, id: string, allowed?: readonly Question['type'][]): Question | undefined => {
    const question = byId.get(id);
    if (question === undefined) {
      const metric = metricIds.has(id) ? `; \`${id}\` is a metric, and this needs a question` : '';
      report(path, `no question has id \`${id}\`${metric || didYouMean(id, questionIds)}${metric ? `: ${listed(questionIds)}` : ''}`);
      return undefined;
    }
    if (allowed !== undefined && !allowed.includes(question.type)) {
      report(path, `question \`${id}\` is of type ${question.type}; this needs one of: ${allowed.join(', ')}`);
      return undefined;
    }
    return question;
  };
  /** A question whose levels (options, bins, a rating's whole numbers) something counts: refused when it has none. */
  const withLevels = (path: Path, question: Question | undefined): Question | undefined => {
    if (question === undefined || questionLevels(question) !== undefined || quantileBins(question)) return question;
    const why = question.type === 'rating' ? `its range ${question.min}–${question.max} is not whole numbers or spans more than ${MAX_RATING_LEVELS - 1}` : `it is a ${question.type} question without \`bins\``;
    report(path, `question \`${question.id}\` has no levels to count: ${why}; give it \`bins\` (e.g. \`bins: [0, 18, 25, 35, 50]\`)`);
    return undefined;
  };
  const checkLabels = (path: Path, question: Question, values: readonly string[]): void => {
    if (quantileBins(question)) {
      report(path, `question \`${question.id}\` has \`bins: ${'bins' in question ? String(question.bins) : ''}\`, whose edges come from the data, so no label can name one; give fixed edges (e.g. \`bins: [0, 18, 25, 35, 50]\`) to name a bin`);
      return;
    }
    const options = questionLevels(question)?.labels ?? [];
    const known = new Set(options.map(normalizeLabel));
    const what = 'options' in question ? 'an option' : 'a level';
    values.forEach((value, i) => {
      if (!known.has(normalizeLabel(value))) {
        report([...path, i], `\`${value}\` is not ${what} of question \`${question.id}\`${didYouMean(value, options) || ` (${what.slice(what.indexOf(' ') + 1)}s: ${listed(options)})`}`);
      }
    });
  };
  const levelTypes: readonly Question['type'][] = ['single', 'multi', 'likert', 'rating', 'numeric'];

  const seenMetrics = new Set<string>();
  codebook.metrics.forEach((metric, i) => {
    const path: Path = ['metrics', i];
    if (seenMetrics.has(metric.id)) report([...path, 'id'], `metric id \`${metric.id}\` is used twice; ids must be unique`);
    seenMetrics.add(metric.id);
    const rules = metricKindRules[metric.kind];
    const found = lookup([...path, 'question'], metric.question, rules.questions);
    const question = rules.levels ? withLevels([...path, 'question'], found) : found;
    if (question !== undefined && 'success' in metric) checkLabels([...path, 'success'], question, metric.success);
    if ('by' in metric) lookup([...path, 'by'], metric.by, ['single', 'likert']);
    const levels = question === undefined ? undefined : questionLevels(question);
    if (question !== undefined && 'box' in metric && levels !== undefined && metric.box >= levels.labels.length) {
      report([...path, 'box'], `box ${metric.box} leaves nothing ${metric.kind === 'top-box' ? 'below' : 'above'} it: question \`${question.id}\` has ${levels.labels.length} ${'options' in question ? 'options' : 'levels'}`);
    }
    if (metric.among !== undefined) {
      const amongQuestion = withLevels([...path, 'among', 'question'], lookup([...path, 'among', 'question'], metric.among.question, levelTypes));
      if (amongQuestion !== undefined) checkLabels([...path, 'among', 'in'], amongQuestion, metric.among.in);
    }
  });
  codebook.filter?.forEach((condition, i) => {
    const path: Path = ['filter', i];
    const question = withLevels([...path, 'question'], lookup([...path, 'question'], condition.question, levelTypes));
    if (question !== undefined) checkLabels([...path, 'in'], question, condition.in);
  });

  codebook.breakdowns.forEach((breakdown, i) => {
    withLevels(['breakdowns', i, 'by'], lookup(['breakdowns', i, 'by'], breakdown.by, levelTypes));
    breakdown.metrics.forEach((id, j) => {
      const metric = codebook.metrics.find((m) => m.id === id);
      if (metric === undefined) {
        const question = byId.has(id) ? `; \`${id}\` is a question, and a breakdown splits metrics: define one under \`metrics\` (e.g. \`{ id: ${id}_share, kind: proportion, question: ${id}, success: [...] }\`)` : '';
        report(['breakdowns', i, 'metrics', j], `no metric has id \`${id}\`${question || didYouMean(id, [...metricIds])}; metrics are: ${listed([...metricIds])}`);
      } else if (!metricKindRules[metric.kind].breakdown) {
        report(['breakdowns', i, 'metrics', j], `\`${id}\` is a ${metric.kind}; break down a ${orList(BREAKABLE)} metric instead`);
      }
    });
  });

  const seenIndexes = new Set<string>();
  codebook.indexes.forEach((index, i) => {
    const path: Path = ['indexes', i];
    if (seenIndexes.has(index.id)) report([...path, 'id'], `index id \`${index.id}\` is used twice; ids must be unique`);
    seenIndexes.add(index.id);
    index.items.forEach((id, j) => {
      const item = byId.get(id);
      if (item !== undefined && isIndexQuestion(codebook, item)) report([...path, 'items', j], `\`${id}\` is an index; an index is built from likert or rating questions`);
      else lookup([...path, 'items', j], id, ['likert', 'rating']);
      if (index.items.indexOf(id) !== j) report([...path, 'items', j], `item \`${id}\` is listed twice`);
    });
    // An index averages codes: items on different scales (1–5 beside 0–10, or 200–800) make a meaningless mean.
    const ranges = index.items.map((id) => itemRange(byId.get(id)));
    const scales = [...new Set(ranges.flatMap((range) => (range === undefined ? [] : [`${range[0]}–${range[1]}`])))];
    if (scales.length > 1) {
      report([...path, 'items'], `the items are on different scales (${scales.join(', ')}); an index averages their codes, so build it from items of one scale (or make one index per scale)`);
    }
    index.reverse.forEach((id, j) => {
      if (!index.items.includes(id)) report([...path, 'reverse', j], `\`${id}\` is not one of the index's items (${listed(index.items)}); list it under \`items\` too`);
      else if (index.reverse.indexOf(id) !== j) report([...path, 'reverse', j], `\`${id}\` is listed twice; an item is reversed once`);
    });
  });

  // Each analysis has its own id (its charts are named by it): given, or drivers-1, drivers-2, … by position.
  const analysisIds = codebook.drivers.map(analysisId);
  codebook.drivers.forEach((analysis, d) => {
    const path: Path = ['drivers', d];
    const id = analysisIds[d] as string;
    if (analysisIds.indexOf(id) !== d) {
      report(analysis.id === undefined ? path : [...path, 'id'], `analysis id \`${id}\` is already used by drivers[${analysisIds.indexOf(id)}]${analysis.id === undefined ? ' (an analysis without `id` is named by its place)' : ''}; give each analysis its own \`id\``);
    }
    const numbers: readonly Question['type'][] = ['likert', 'rating', 'numeric', 'nps'];
    if (typeof analysis.outcome === 'string') lookup([...path, 'outcome'], analysis.outcome, numbers);
    else {
      const id = analysis.outcome.metric;
      const metric = codebook.metrics.find((m) => m.id === id);
      if (metric === undefined) report([...path, 'outcome', 'metric'], `no metric has id \`${id}\`${didYouMean(id, [...metricIds])}; metrics are: ${listed([...metricIds])}`);
      else if (!DRIVER_OUTCOME_METRICS.includes(metric.kind)) report([...path, 'outcome', 'metric'], `\`${id}\` is a ${metric.kind}; an outcome is a ${orList(DRIVER_OUTCOME_METRICS)} metric, or a question`);
    }
    analysis.drivers.forEach((id, j) => {
      lookup([...path, 'drivers', j], id, numbers);
      if (analysis.drivers.indexOf(id) !== j) report([...path, 'drivers', j], `driver \`${id}\` is listed twice`);
      if (id === analysis.outcome) report([...path, 'drivers', j], `\`${id}\` is the outcome; a driver is another question`);
    });
  });

  const seenTables = new Set<string>();
  (codebook.tables ?? []).forEach((table, t) => {
    const path: Path = ['tables', t];
    if (seenTables.has(table.id)) report([...path, 'id'], `table id \`${table.id}\` is used twice; ids must be unique`);
    seenTables.add(table.id);
    const metricOf = (at: Path, id: string, kinds: readonly string[], what: string): void => {
      const metric = codebook.metrics.find((m) => m.id === id);
      if (metric === undefined) report(at, `no metric has id \`${id}\`${didYouMean(id, [...metricIds])}; metrics are: ${listed([...metricIds])}`);
      else if (!kinds.includes(metric.kind)) report(at, `\`${id}\` is a ${metric.kind}; ${what} ${orList(kinds)} metric`);
    };
    table.banner.forEach((entry, i) => {
      const at: Path = [...path, 'banner', i];
      if (typeof entry === 'object' && 'metric' in entry) metricOf([...at, 'metric'], entry.metric, BANNER_METRICS, 'a banner column is the success of a');
      else withLevels(at, lookup(typeof entry === 'string' ? at : [...at, 'question'], typeof entry === 'string' ? entry : entry.question, levelTypes));
    });
    const stubQuestions = new Set<string>();
    table.stubs.forEach((entry, i) => {
      const at: Path = [...path, 'stubs', i];
      if (typeof entry === 'object' && 'metric' in entry) return metricOf([...at, 'metric'], entry.metric, STUB_METRICS, 'a stub row is a');
      const id = typeof entry === 'string' ? entry : entry.question;
      const where = typeof entry === 'string' ? at : [...at, 'question'];
      if (byId.get(id)?.type === 'text') return report(where, `question \`${id}\` is free text, which is personal more often than not and never becomes a table row; leave it out`);
      if (lookup(where, id, STUB_TYPES) !== undefined) stubQuestions.add(id);
    });
    const { columns, rows } = tableSize(codebook, table);
    if (columns * rows > MAX_TABLE_CELLS) {
      report(path, `table \`${table.id}\` has ${columns} columns × ${rows} rows = ${(columns * rows).toLocaleString('en')} cells, more than the ${MAX_TABLE_CELLS.toLocaleString('en')} a table may have; split it into smaller tables`);
    }
    table.nets.forEach((net, i) => {
      const at: Path = [...path, 'nets', i];
      const question = withLevels([...at, 'question'], lookup([...at, 'question'], net.question, ['single', 'multi', 'likert', 'rating', 'numeric']));
      if (question === undefined) return;
      if (!stubQuestions.has(question.id)) report([...at, 'question'], `question \`${question.id}\` is not a stub of table \`${table.id}\`, so its net has no rows to join; add it to \`stubs\``);
      checkLabels([...at, 'options'], question, net.options);
    });
  });

  const { quality } = codebook;
  if (quality.minDurationSeconds !== undefined && codebook.respondent.duration === undefined) {
    report(['quality', 'minDurationSeconds'], 'needs `respondent.duration`: the column holding each response\'s completion time');
  }
  if (quality.attentionCheck !== undefined) {
    const question = lookup(['quality', 'attentionCheck', 'question'], quality.attentionCheck.question, ['single', 'likert']);
    if (question !== undefined) checkLabels(['quality', 'attentionCheck', 'expect'], question, quality.attentionCheck.expect);
  }
  quality.straightlining?.questions.forEach((id, i) => {
    lookup(['quality', 'straightlining', 'questions', i], id, ['single', 'likert', 'rating', 'nps']);
  });

  const benchmarked = new Set<string>();
  codebook.benchmarks.forEach((benchmark, i) => {
    const path: Path = ['benchmarks', i];
    const question = lookup([...path, 'question'], benchmark.question, ['single', 'likert']);
    if (benchmarked.has(benchmark.question)) report([...path, 'question'], `question \`${benchmark.question}\` has two benchmarks; keep one`);
    benchmarked.add(benchmark.question);
    if (question === undefined) return;
    checkLabels([...path, 'shares'], question, Object.keys(benchmark.shares));
    const sum = Object.values(benchmark.shares).reduce((total, share) => total + share, 0);
    // The 1e-9 absorbs floating-point error: 0.33 + 0.33 + 0.33 is 0.99 on paper and accepted.
    if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE + 1e-9) {
      report([...path, 'shares'], `shares sum to ${round(sum)}, not 1 (±${SHARE_SUM_TOLERANCE}); give every option of \`${question.id}\` its population share`);
    }
  });

  const checkWeighting = (weighting: Codebook['weighting'], at: Path): void => {
    if (weighting.method === 'column' && weighting.column === undefined) {
      report([...at, 'column'], 'method `column` needs `column`: the header of the design-weight column');
    }
    if ((weighting.method === 'poststratify' || weighting.method === 'rake') && (weighting.by ?? []).length === 0) {
      report([...at, 'by'], `method \`${weighting.method}\` needs \`by\`: the benchmarked questions to weight on`);
    }
    if (weighting.method === 'poststratify' && (weighting.by ?? []).length > 1) {
      report([...at, 'by'], 'poststratify weights on one question (benchmarks give margins, not their joint shares); use `rake` for several');
    }
    if (weighting.method === 'column' && (weighting.by ?? []).length > 0) {
      report([...at, 'by'], 'method `column` uses the design weights as they are; use `rake` or `poststratify` to also weight on `by`');
    }
    if (weighting.trim !== undefined && weighting.method === 'none') {
      report([...at, 'trim'], 'has nothing to trim with `method: none`');
    }
    weighting.by?.forEach((id, i) => {
      if (lookup([...at, 'by', i], id) !== undefined && !benchmarked.has(id)) {
        report([...at, 'by', i], `question \`${id}\` has no entry under \`benchmarks\`; weighting needs its population shares`);
      }
    });
  };
  checkWeighting(codebook.weighting, ['weighting']);
  const alternatives = new Set<string>();
  codebook.weightings.forEach((alternative, i) => {
    checkWeighting(alternative, ['weightings', i]);
    if (alternatives.has(alternative.id)) report(['weightings', i, 'id'], `weighting id \`${alternative.id}\` is used twice; ids must be unique`);
    alternatives.add(alternative.id);
  });
  checkDesign(codebook, byId, report);
  if (codebook.source.format === 'spss' && !/\.z?sav$/i.test(codebook.source.file)) {
    report(['source', 'format'], '`spss` is for SPSS system files: name a .sav or .zsav file in `source.file`, or use `generic` for a CSV');
  }
  if (codebook.source.engine === 'clickhouse' && codebook.source.format === 'qualtrics') {
    report(['source', 'format'], "a Qualtrics export's question-text and ImportId rows are not responses: load the table without them, and use `format: generic`");
  }
  if (codebook.source.engine === 'duckdb' && !/\.parquet$/i.test(codebook.source.file)) {
    report(['source', 'engine'], '`duckdb` reads Parquet files (name a .parquet file in `source.file`); other exports are read row by row: remove `engine`');
  }
  if (codebook.source.format === 'parquet' && !/\.parquet$/i.test(codebook.source.file)) {
    report(['source', 'format'], '`parquet` is for Parquet files: name a .parquet file in `source.file`, or use `generic` for a CSV');
  }
  if (codebook.fielded !== undefined && codebook.fielded.end < codebook.fielded.start) {
    report(['fielded', 'end'], `ends (${codebook.fielded.end}) before it starts (${codebook.fielded.start})`);
  }
  return issues;
}

function checkQuestion(question: Question, path: Path, report: (path: Path, message: string) => void): void {
  const hasColumn = question.column !== undefined;
  const hasPrefix = question.columnPrefix !== undefined;
  if (hasColumn === hasPrefix) {
    report(path, `question \`${question.id}\` needs exactly one of \`column\` (the header text) or \`columnPrefix\``);
  }
  if (hasPrefix && question.type !== 'multi') {
    report([...path, 'columnPrefix'], '`columnPrefix` is for one-column-per-option multi-selects (type: multi)');
  }
  if ('options' in question) {
    const seen = new Map<string, number>();
    question.options.forEach((option, i) => {
      const key = normalizeLabel(option);
      const first = seen.get(key);
      if (first !== undefined) report([...path, 'options', i], `\`${option}\` repeats option ${first + 1}; options must be distinct`);
      else seen.set(key, i);
    });
  }
  if (question.type === 'rating' && question.max <= question.min) {
    report([...path, 'max'], `max (${question.max}) must be above min (${question.min})`);
  }
  if (question.type === 'numeric' && question.min !== undefined && question.max !== undefined && question.max < question.min) {
    report([...path, 'max'], `max (${question.max}) must not be below min (${question.min})`);
  }
}

/** The kinds a breakdown may split, in the order the codebook reference lists them. */
/** What a table may show: a question of these types as a stub; metrics of these kinds as a banner column or a stub row. */
const STUB_TYPES: readonly Question['type'][] = ['single', 'multi', 'likert', 'rating', 'numeric', 'nps'];
const BANNER_METRICS = ['proportion', 'top-box', 'bottom-box', 'pmf'];
const DRIVER_OUTCOME_METRICS = ['proportion', 'top-box', 'bottom-box', 'pmf', 'mean'];
const STUB_METRICS = ['proportion', 'top-box', 'bottom-box', 'pmf', 'mean', 'nps'];

const BREAKABLE = Object.entries(metricKindRules).flatMap(([kind, rules]) => (rules.breakdown ? [kind] : []));

/** Whether a question's bins are a number of bins, whose edges the data decide. */
function quantileBins(question: Question): boolean {
  return (question.type === 'rating' || question.type === 'numeric') && typeof question.bins === 'number';
}

/** Ids or labels as a reader scans them: the first 12, then how many more. */
function listed(items: readonly string[]): string {
  if (items.length === 0) return '(none)';
  const shown = items.slice(0, 12).map((item) => `\`${item}\``).join(', ');
  return items.length > 12 ? `${shown} and ${items.length - 12} more` : shown;
}

/** `a, b or c`. */
function orList(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/** A design's columns: strata and ids a single value per respondent, fpc a number, none of them PII; ids and fpc one entry per stage. */
function checkDesign(codebook: Codebook, byId: ReadonlyMap<string, Question>, report: (path: Path, message: string) => void): void {
  const { design } = codebook;
  if (design === undefined) return;
  const strata = design.strata === undefined ? undefined : byId.get(design.strata);
  if (strata !== undefined && (strata.type === 'multi' || strata.type === 'text')) {
    report(['design', 'strata'], `question \`${strata.id}\` is of type ${strata.type}; a stratum is one value per respondent: name a single-choice question or a column`);
  }
  (design.ids ?? []).forEach((id, i) => {
    const question = byId.get(id);
    if (question?.type === 'multi') report(['design', 'ids', i], `question \`${question.id}\` is multi-choice; a PSU is one value per respondent: name a single-choice question or a column`);
  });
  (design.fpc ?? []).forEach((fpc, i) => {
    const question = typeof fpc === 'string' ? byId.get(fpc) : undefined;
    if (question !== undefined && question.type !== 'numeric' && question.type !== 'rating') {
      report(['design', 'fpc', i], `question \`${question.id}\` is of type ${question.type}; an fpc is a number per respondent: name a numeric question or a column`);
    }
  });
  // Design labels are shown (lonely strata, messages): a PII column cannot be one.
  const pii = new Set(codebook.pii.map((name) => name.toLowerCase()));
  const entries: [string | number | undefined, Path][] = [
    [design.strata, ['design', 'strata']],
    ...(design.ids ?? []).map((id, i): [string, Path] => [id, ['design', 'ids', i]]),
    ...(design.fpc ?? []).map((fpc, i): [string | number, Path] => [fpc, ['design', 'fpc', i]]),
  ];
  for (const [name, path] of entries) {
    if (typeof name === 'string' && pii.has(name.toLowerCase())) report(path, `\`${name}\` is listed in \`pii\`, and design labels appear in the outputs; use a code column instead (e.g. a school number, not a name)`);
  }
  const stages = design.ids?.length ?? 1;
  if (design.fpc !== undefined && design.fpc.length !== stages) {
    report(['design', 'fpc'], `gives ${design.fpc.length} stage${design.fpc.length === 1 ? '' : 's'} of population sizes for ${stages} stage${stages === 1 ? '' : 's'} of \`ids\`; give one fpc per stage of ids (R's fpc = ~fpc1 + fpc2)`);
  }
  if ((design.ids?.length ?? 0) === 0 && design.strata === undefined && design.fpc === undefined) {
    report(['design'], 'names no `ids`, `strata` or `fpc`: that is the default design (ids = ~1); remove `design` or name its columns');
  }
}
