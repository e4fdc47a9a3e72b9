/**
 * The codebook (`survey.yaml`) as zod schemas: docs/codebook.md. The schemas are the types; every object
 * is strict, so a typo is an error with a "did you mean". Cross-references between parts (a metric naming a
 * question) are checked afterwards by `crossCheck`.
 */
import { z } from 'zod';
import { strictObject } from './strict-object.ts';
import { hasXmlUnsafe } from '../util/xml-text.ts';

/** The longest text a codebook may hold, and the longest a report or chart shows (a label, a title, an option). */
export const MAX_TEXT = 2000;
export const MAX_SHOWN = 500;

/** Control characters other than tab and line breaks (util/xml-text.ts): no output can hold them, and a codebook never needs them. */
const noControls = (value: string): boolean => !hasXmlUnsafe(value);
const CONTROL_MESSAGE = 'must not hold control characters (such as U+0001 or a form feed); remove them';
/** Text of the codebook (a header name may be a long question); shown text is shorter (`shown`). */
const text = z.string().trim().min(1, 'must not be empty').max(MAX_TEXT, `must be at most ${MAX_TEXT} characters; shorten it`).refine(noControls, CONTROL_MESSAGE);
/** Text reports and charts show: a title, a label, an option. */
const shown = z.string().trim().min(1, 'must not be empty').max(MAX_SHOWN, `must be at most ${MAX_SHOWN} characters (reports and charts show it whole); shorten it`).refine(noControls, CONTROL_MESSAGE);
/** YAML reads `10` or `2024` as numbers; an option label is text either way. */
const label = z.union([z.string(), z.number()]).transform(String).pipe(shown);
const labels = z.array(label).min(1, 'needs at least one entry');
const questionId = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be letters, digits and _ (starting with a letter or _)');
const metricId = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'must be letters, digits, _ and - (starting with a letter or _)');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-03-15')
  .refine((date) => {
    const time = Date.parse(`${date}T00:00:00Z`);
    return Number.isFinite(time) && new Date(time).toISOString().startsWith(date);
  }, 'is not a calendar date');

const questionCommon = {
  id: questionId,
  /** Header text of the column holding the answers. */
  column: text.optional(),
  /** For a one-column-per-option multi-select: the header text before each option. */
  columnPrefix: text.optional(),
  /** Short label for reports; the column text is used when absent. */
  label: shown.optional(),
  /**
   * More cell values that mean "no answer" for this question (e.g. `N/A - skip, don't know.`, or a code `99`),
   * on top of the survey's `missing` list: counted as item non-response.
   */
  missing: labels.optional(),
};

/**
 * Bin edges of a number question, ascending: `[0, 18, 25, 35, 50]` makes the bins 0–17, 18–24, 25–34 and
 * 35–50 (each bin takes its lower edge; the last takes both). `.inf` as the last edge makes an open top bin
 * (`35+`). Answers outside the edges are out of range. Or a number of bins (2 to 20) as equal in count as the
 * answers allow, their edges found by a first pass over the export (stats/quantile-bins.ts).
 */
const binEdges = z
  .array(z.custom<number>((value) => typeof value === 'number' && !Number.isNaN(value), 'must be a number (or .inf, -.inf)'))
  .min(2, 'needs at least two edges (one bin)')
  .max(101, 'allows at most 100 bins')
  .refine((edges) => edges.every((edge, i) => i === 0 || edge > (edges[i - 1] ?? -Infinity)), 'edges must rise: each larger than the one before')
  .refine((edges) => edges.slice(1, -1).every(Number.isFinite), 'only the first and last edges may be infinite (-.inf, .inf)');
const bins = z.union([binEdges, z.number().int().min(2).max(20)], { error: 'must be a list of rising edges (e.g. [0, 18, 25, 35, 50]) or a number of bins from 2 to 20' });

export const singleQuestion = strictObject({
  ...questionCommon,
  type: z.literal('single'),
  options: labels,
  /** Whether the options are in an order charts must keep (default: when they read as a scale; codebook/ordinal-question.ts). */
  ordered: z.boolean().optional(),
});
export const multiQuestion = strictObject({
  ...questionCommon,
  type: z.literal('multi'),
  options: labels,
  separator: z.string().min(1).optional(),
});
export const likertQuestion = strictObject({ ...questionCommon, type: z.literal('likert'), options: labels });
export const npsQuestion = strictObject({ ...questionCommon, type: z.literal('nps') });
export const ratingQuestion = strictObject({ ...questionCommon, type: z.literal('rating'), min: z.number(), max: z.number(), bins: bins.optional() });
export const numericQuestion = strictObject({
  ...questionCommon,
  type: z.literal('numeric'),
  min: z.number().optional(),
  max: z.number().optional(),
  bins: bins.optional(),
});
export const textQuestion = strictObject({
  ...questionCommon,
  type: z.literal('text'),
  /** Answers quoted in the report (the first ones in the export, e-mails and phone numbers masked); 0, the default, quotes none. */
  quotes: z.number().int().min(0).max(100).default(0),
});

export const questionSchema = z.discriminatedUnion('type', [
  singleQuestion,
  multiQuestion,
  likertQuestion,
  npsQuestion,
  ratingQuestion,
  numericQuestion,
  textQuestion,
]);
export type Question = z.infer<typeof questionSchema>;
export type ChoiceQuestion = Extract<Question, { options: string[] }>;
export const questionTypes = ['single', 'multi', 'likert', 'nps', 'rating', 'numeric', 'text'] as const;

export const amongSchema = strictObject({ question: questionId, in: labels });
export type Among = z.infer<typeof amongSchema>;

/**
 * Cell values that mean "no answer" in exports from R, pandas, spreadsheets and survey platforms; the
 * survey's `missing` list when the codebook gives none (`missing: []` turns them off). Compared after
 * Unicode normalisation and without regard to letter case; a value that is an option of the question is
 * that option, never missing.
 */
export const DEFAULT_MISSING = ['NA', 'N/A', '#N/A', 'NaN', 'null', '(空)', '(跳过)', '-'] as const;

export const sections = ['retention', 'satisfaction', 'usage', 'other'] as const;
const metricCommon = {
  id: metricId,
  section: z.enum(sections).default('other'),
  label: shown.optional(),
  question: questionId,
  /** Restricts the denominator to respondents whose answer to `question` is among `in`. */
  among: amongSchema.optional(),
};

export const proportionMetric = strictObject({ ...metricCommon, kind: z.literal('proportion'), success: labels });
export const topBoxMetric = strictObject({
  ...metricCommon,
  kind: z.literal('top-box'),
  box: z.number().int().min(1).default(2),
});
/** The share of answers in the lowest `box` levels (likert options, or a rating's lowest whole numbers or bins). */
export const bottomBoxMetric = strictObject({
  ...metricCommon,
  kind: z.literal('bottom-box'),
  box: z.number().int().min(1).default(2),
});
export const meanMetric = strictObject({ ...metricCommon, kind: z.literal('mean') });
export const npsMetric = strictObject({ ...metricCommon, kind: z.literal('nps') });
export const distributionMetric = strictObject({ ...metricCommon, kind: z.literal('distribution') });
/** A proportion at each level of a tenure-like question: a retention curve. */
export const retentionMetric = strictObject({ ...metricCommon, kind: z.literal('retention'), success: labels, by: questionId });
/** Sean Ellis' product-market-fit share: "very disappointed" if the product went away, against a bar. */
export const pmfMetric = strictObject({ ...metricCommon, kind: z.literal('pmf'), success: labels, bar: z.number().gt(0).lt(1).default(0.4) });
/** A self-reported activity rate, e.g. active days in the last 7 divided by 7 (a DAU/WAU-style stickiness). */
export const ratioMetric = strictObject({ ...metricCommon, kind: z.literal('ratio'), per: z.number().positive() });

/**
 * Quantiles of a number question (median, quartiles, chosen percentiles) with Woodruff intervals, as R's
 * `svyquantile(~x, design, quantiles = probs)` with survey 4.x's defaults (qrule = "math", interval.type = "mean").
 */
export const quantilesMetric = strictObject({
  ...metricCommon,
  kind: z.literal('quantiles'),
  probs: z
    .array(z.number().gt(0, 'must be above 0').lt(1, 'must be below 1 (0.5 is the median)'))
    .min(1)
    .max(20)
    .superRefine((probs, context) => {
      const twice = probs.find((p, i) => probs.indexOf(p) !== i);
      if (twice !== undefined) context.addIssue({ code: 'custom', message: `lists ${twice} twice; give each quantile once` });
    })
    .default([0.25, 0.5, 0.75]),
});

export const metricSchema = z.discriminatedUnion('kind', [
  proportionMetric,
  topBoxMetric,
  bottomBoxMetric,
  meanMetric,
  npsMetric,
  distributionMetric,
  retentionMetric,
  pmfMetric,
  ratioMetric,
  quantilesMetric,
]);
export type Metric = z.infer<typeof metricSchema>;

/**
 * What the codebook allows of each metric kind: the types of question it is computed on, whether a
 * breakdown may split it by group (a distribution or a retention curve is already a set of groups), and
 * whether it counts levels (question-levels.ts: options, a rating's whole numbers, bins) rather than values.
 */
export const metricKindRules: Record<Metric['kind'], { questions: readonly Question['type'][]; breakdown: boolean; levels: boolean }> = {
  proportion: { questions: ['single', 'multi', 'likert', 'rating', 'numeric'], breakdown: true, levels: true },
  'top-box': { questions: ['likert', 'rating'], breakdown: true, levels: true },
  'bottom-box': { questions: ['likert', 'rating'], breakdown: true, levels: true },
  pmf: { questions: ['single', 'likert'], breakdown: true, levels: true },
  mean: { questions: ['likert', 'nps', 'rating', 'numeric'], breakdown: true, levels: false },
  ratio: { questions: ['numeric', 'rating'], breakdown: true, levels: false },
  nps: { questions: ['nps'], breakdown: true, levels: false },
  distribution: { questions: ['single', 'multi', 'likert', 'rating', 'numeric'], breakdown: false, levels: true },
  retention: { questions: ['single', 'multi', 'likert'], breakdown: false, levels: true },
  quantiles: { questions: ['nps', 'rating', 'numeric'], breakdown: false, levels: false },
};

export const breakdownSchema = strictObject({
  by: questionId,
  metrics: z.array(metricId).min(1),
  /** Groups with fewer respondents than this are flagged `small-cell`. */
  smallCell: z.number().int().min(1).default(30),
  /** Groups with fewer respondents than this (but some) show no estimate: `suppressed`. */
  suppressBelow: z.number().int().min(0).default(5),
  /** How group-vs-rest p-values are adjusted for the number of groups. */
  adjust: z.enum(['holm', 'bh']).default('holm'),
});
export type Breakdown = z.infer<typeof breakdownSchema>;

/**
 * An index: a per-respondent score from a battery of likert or rating items (mean or prorated sum of their
 * codes, reverse-coded items flipped), usable as a numeric question by metrics, breakdowns and tables.
 */
export const indexSchema = strictObject({
  id: questionId,
  label: shown.optional(),
  items: z.array(questionId).min(2, 'needs at least two items'),
  reverse: z.array(questionId).default([]),
  method: z.enum(['mean', 'sum']).default('mean'),
  /** The share of items a respondent must answer to get a score. */
  minAnswered: z.number().gt(0, 'must be a share of the items above 0, up to 1').max(1, 'must be a share of the items above 0, up to 1').default(0.5),
});
export type Index = z.infer<typeof indexSchema>;

/**
 * A key-driver analysis: how much of the outcome's variance (R² of a linear model; a linear probability model
 * for a share metric's success) each driver accounts for (stats/drivers/relative-importance.ts).
 */
export const driverAnalysisSchema = strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single dashes').optional(),
  label: shown.optional(),
  /** A question with numbers (likert codes, ratings, numbers, NPS scores, an index), or `{ metric }`: a share metric's success (1) or not (0), or a mean metric's value. */
  outcome: z.union([questionId, strictObject({ metric: metricId })]),
  drivers: z.array(questionId).min(1, 'needs at least one driver').max(15, 'allows at most 15 drivers (the decomposition is exact over every subset)'),
  /** Bootstrap replicates for the shares' percentile intervals (0: none), and the seed that makes them repeatable. */
  bootstrap: z.number().int('must be a whole number of resamples').min(0, 'must be 0 (no intervals) or more').max(10_000, 'allows at most 10,000 resamples').default(200),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
});
export type DriverAnalysis = z.infer<typeof driverAnalysisSchema>;

/** An analysis's id: its own, or `drivers-1`, `drivers-2`, … by its place in `drivers`. */
export function analysisId(analysis: DriverAnalysis, position: number): string {
  return analysis.id ?? `drivers-${position + 1}`;
}

/** A banner or stub entry: a question (its id, or `{ question }`) or a metric (`{ metric }`). */
const tableEntry = z.union([questionId, strictObject({ question: questionId }), strictObject({ metric: metricId })]);
export type TableEntry = z.infer<typeof tableEntry>;

/** A net row of a table: the share of respondents who chose any of `options` of `question`. */
export const netSchema = strictObject({ question: questionId, label: shown, options: labels });

/** A banner table (cross-tab): stubs down the side, banner columns across, column percentages and significance letters. */
export const tableSchema = strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single dashes'),
  title: shown.optional(),
  /** The column groups after Total: single or multi questions, binned number questions, metrics (their success as one column). */
  banner: z.array(tableEntry).min(1, 'needs at least one banner entry').max(20, 'allows at most 20 banner entries'),
  /** The row blocks: questions (each level a row, plus nets, means, NPS) or metrics (one row). */
  stubs: z.array(tableEntry).min(1, 'needs at least one stub').max(200, 'allows at most 200 stubs'),
  nets: z.array(netSchema).default([]),
  /** What each share cell shows: column %, row %, counts (in this order). */
  cells: z.array(z.enum(['column', 'row', 'count'])).min(1).default(['column']),
  /** How the p-values of one row's column pairs (and its arrows) are adjusted for their number. */
  adjust: z.enum(['holm', 'bonferroni', 'none']).default('holm'),
  /** Confidence level of the tests; the codebook's `confidence` when absent. */
  level: z.number().gt(0.5).lt(1).optional(),
  /** Also test each column against the rest of the sample (arrows). */
  vsTotal: z.boolean().default(false),
  /** Columns with a base under this are flagged small. */
  smallBase: z.number().int().min(1).default(30),
  /** Columns with a base under this (but some) show no figures and get no tests. */
  suppressBelow: z.number().int().min(0).default(5),
});
export type Table = z.infer<typeof tableSchema>;

export const qualitySchema = strictObject({
  minDurationSeconds: z.number().min(0).optional(),
  duplicateKeys: z.array(text).min(1).optional(),
  straightlining: strictObject({
    questions: z.array(questionId).min(2, 'needs at least two questions of one grid'),
    action: z.enum(['flag', 'quarantine']).default('flag'),
  }).optional(),
  attentionCheck: strictObject({ question: questionId, expect: labels }).optional(),
  /**
   * What to do when one value outside a question's options (or not a number, for a number question) fills
   * many rows (unknown-values.ts): `stop` (the default) asks for the codebook to be fixed; `quarantine`
   * quarantines those rows as it does a rare bad value.
   */
  unknownValues: z.enum(['stop', 'quarantine']).default('stop'),
});
export type Quality = z.infer<typeof qualitySchema>;

export const benchmarkSchema = strictObject({
  question: questionId,
  source: text,
  shares: z.record(z.string(), z.number().min(0).max(1)),
});
export type Benchmark = z.infer<typeof benchmarkSchema>;

const weightingFields = {
  method: z.enum(['none', 'column', 'poststratify', 'rake']).default('none'),
  column: text.optional(),
  by: z.array(questionId).optional(),
  trim: z.number().gt(1).optional(),
};
export const weightingSchema = strictObject(weightingFields);
export type Weighting = z.infer<typeof weightingSchema>;

/** One more weighting every metric is also estimated under (`weightings`), beside the codebook's own. */
export const alternativeWeightingSchema = strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single dashes'),
  label: shown.optional(),
  ...weightingFields,
});
export type AlternativeWeighting = z.infer<typeof alternativeWeightingSchema>;

/** What R's `survey` does with a stratum of one PSU (`options(survey.lonely.psu)`); docs/codebook.md, `design`. */
export const lonelyPsuRules = ['adjust', 'average', 'certainty', 'remove', 'fail'] as const;
/** A column header of the export, or the id of a question (its answer's option label, or its number). */
const designColumn = text;
const oneOrTwo = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item)])
    .transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[])
    .refine((stages) => stages.length >= 1 && stages.length <= 2, 'gives one entry per stage, and allows one or two stages: `x` or `[stage1, stage2]`');

/**
 * The sampling design, as R's `svydesign(ids = ~psu + ssu, strata = ~stratum, fpc = ~fpc1 + fpc2, nest =)`: the
 * weights stay in `weighting`. `fpc` is per stage a column (or one number for every unit): a population count
 * of units (PSUs of the stratum, SSUs of the PSU), or a sampling fraction when every value is at most 1.
 */
export const designSchema = strictObject({
  ids: oneOrTwo(designColumn).optional(),
  strata: designColumn.optional(),
  fpc: oneOrTwo(z.union([designColumn, z.number().min(1e-15, 'must be a positive number from 1e-15 to 1e15 (a population count, or a sampling fraction up to 1)').max(1e15, 'must be a positive number from 1e-15 to 1e15 (a population count, or a sampling fraction up to 1)')])).optional(),
  nest: z.boolean().default(false),
  lonelyPsu: z.enum(lonelyPsuRules).default('adjust'),
});
export type Design = z.infer<typeof designSchema>;

/** Thresholds of the representativeness audit's flags. */
export const auditSettingsSchema = strictObject({
  /** A headline share's margin of error (interval half-width) above this is flagged. */
  maxMarginOfError: z.number().gt(0).lt(1).default(0.05),
  /** One channel bringing more than this share of the responses is flagged. */
  maxChannelShare: z.number().gt(0).max(1).default(0.8),
  /** More than this share of rows quarantined is flagged. */
  maxQuarantineShare: z.number().gt(0).max(1).default(0.1),
  /** A question left unanswered by more than this share of respondents is flagged. */
  maxNonResponse: z.number().gt(0).max(1).default(0.2),
  /** Weights whose largest is more than this many times the smallest are flagged as extreme. */
  maxWeightRatio: z.number().gt(1).default(10),
});
export type AuditSettings = z.infer<typeof auditSettingsSchema>;

export const formats = ['wjx', 'qualtrics', 'google-forms', 'tencent', 'generic', 'spss', 'parquet'] as const;
export type Format = (typeof formats)[number];
export const encodings = ['auto', 'utf-8', 'gbk', 'gb18030', 'utf-16le'] as const;
export type Encoding = (typeof encodings)[number];

export const sourceSchema = strictObject({
  /** The export, beside survey.yaml; absent for a table on a server (`engine: clickhouse`). */
  file: text.regex(/\.(csv|tsv|xlsx|sav|zsav|parquet)$/i, 'must name a .csv, .tsv, .xlsx, .sav, .zsav or .parquet file').optional(),
  format: z.enum(formats).default('generic'),
  encoding: z.enum(encodings).default('auto'),
  /**
   * How the export is read (docs/engines.md): `duckdb` aggregates a Parquet file inside DuckDB embedded (the
   * default for Parquet); `rows` reads it row by row, as every other export is read; `clickhouse` reads a
   * table on a ClickHouse server (`url`, `table`, `row`, and `where` to pick its rows).
   */
  engine: z.enum(['rows', 'duckdb', 'clickhouse']).optional(),
  /** The server's HTTP address (no user or password in it: those come from the environment). */
  url: text.regex(/^https?:\/\/[^/@\s]+(\/[^@\s]*)?$/, 'must be an http:// or https:// address without a user or password (set STICKINESS_CLICKHOUSE_USER and STICKINESS_CLICKHOUSE_PASSWORD instead)').optional(),
  /** The table (`name` or `database.name`). */
  table: text.regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/, 'must be a table name, or database.name (letters, digits and _)').optional(),
  /** A condition in the server's SQL picking the survey's rows (e.g. `survey_id = 'kimi-2024'`). */
  where: text.optional(),
  /** The column numbering the rows (a whole number per row): quarantined rows are named by it, and a duplicate key keeps its lowest row. */
  row: text.optional(),
}).superRefine((source, ctx) => {
  const server = source.engine === 'clickhouse';
  const need = (key: 'url' | 'table' | 'row', why: string): void => {
    if (source[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: why });
  };
  if (server) {
    need('url', 'is needed for `engine: clickhouse`: the server\'s HTTP address, e.g. http://127.0.0.1:8123');
    need('table', 'is needed for `engine: clickhouse`: the table holding the responses');
    need('row', 'is needed for `engine: clickhouse`: the column numbering the rows (a table has no order of its own)');
    if (source.file !== undefined) ctx.addIssue({ code: 'custom', path: ['file'], message: 'is not read with `engine: clickhouse` (the responses are in `table`); remove it' });
  } else {
    if (source.file === undefined) ctx.addIssue({ code: 'custom', path: ['file'], message: 'is needed: the export beside survey.yaml (or `engine: clickhouse` with `url`, `table` and `row`)' });
    for (const key of ['url', 'table', 'where', 'row'] as const) {
      if (source[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is only for `engine: clickhouse`; remove it, or add `engine: clickhouse`' });
    }
  }
}).transform((source) => ({ ...source, file: source.file ?? `${source.engine ?? 'clickhouse'}:${source.table ?? ''}` }));

/** Whether the responses are on a server (a table), not in an export file. */
export function onServer(source: { engine?: string | undefined }): boolean {
  return source.engine === 'clickhouse';
}

export const respondentSchema = strictObject({
  id: text.optional(),
  submittedAt: text.optional(),
  duration: text.optional(),
  channel: text.optional(),
});

/** A colour as CSS writes it in hex: `#4c78a8` or `#47a`. */
const hexColor = z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be a hex colour like #4c78a8');

/**
 * How the charts and the deck look (docs/codebook.md, "theme"): a font family, the palette's three roles and a
 * brand line. Also read from `stickiness.theme.json` beside the surveys; the codebook's keys win.
 */
export const themeSchema = strictObject({
  /** A font family name, first in the charts' font list (the CJK fallbacks follow it). */
  font: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'must be a font family name: letters, digits, spaces, dots, dashes and underscores')
    .optional(),
  palette: strictObject({
    /** Bars, lines, points, the sample. */
    main: hexColor.optional(),
    /** What stands out: a group that differs, quarantined rows. */
    highlight: hexColor.optional(),
    /** What is compared against: the population, rows read. */
    muted: hexColor.optional(),
  }).optional(),
  /** Brand text shown on every slide of the deck (a team or company name). */
  logo: shown.max(80, 'must be at most 80 characters (it sits in a slide corner)').optional(),
});
export type Theme = z.infer<typeof themeSchema>;

export const codebookSchema = strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single dashes'),
  title: shown,
  series: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single dashes').optional(),
  fielded: strictObject({ start: isoDate, end: isoDate }).optional(),
  language: z.enum(['zh', 'en']).default('en'),
  confidence: z.number().gt(0.5).lt(1).default(0.95),
  ciMethod: z.enum(['wilson', 'clopper-pearson', 'agresti-coull']).default('wilson'),
  source: sourceSchema,
  respondent: respondentSchema.default({}),
  pii: z.array(text).default([]),
  /** Cell values that mean "no answer" in every question (each question may add its own). */
  missing: z.array(label).default([...DEFAULT_MISSING]),
  /**
   * Only rows whose answers pass every condition are analysed (e.g. completed interviews in one country);
   * the rest are `filtered`: neither accepted nor quarantined.
   */
  filter: z.union([amongSchema, z.array(amongSchema).min(1)]).transform((filter) => (Array.isArray(filter) ? filter : [filter])).optional(),
  questions: z.array(questionSchema).min(1, 'needs at least one question'),
  /** Scores built from item batteries; each is also a numeric question of its id (docs/codebook.md, "indexes"). */
  indexes: z.array(indexSchema).max(50, 'allows at most 50 indexes').default([]),
  metrics: z.array(metricSchema).default([]),
  breakdowns: z.array(breakdownSchema).default([]),
  quality: qualitySchema.default({ unknownValues: 'stop' }),
  benchmarks: z.array(benchmarkSchema).default([]),
  weighting: weightingSchema.default({ method: 'none' }),
  design: designSchema.optional(),
  /** Other weightings to estimate every metric under, side by side with `weighting` (at most 8). */
  weightings: z.array(alternativeWeightingSchema).max(8, 'allows at most 8 weightings side by side').default([]),
  /** Key-driver analyses (docs/codebook.md, "drivers"). */
  drivers: z.array(driverAnalysisSchema).max(20, 'allows at most 20 driver analyses').default([]),
  /** Banner tables; absent: one default table (docs/tables.md), `[]`: none. */
  tables: z.array(tableSchema).max(20, 'allows at most 20 tables').optional(),
  /** Chart and deck styling (docs/codebook.md, "theme"). */
  theme: themeSchema.optional(),
  audit: auditSettingsSchema.default({ maxMarginOfError: 0.05, maxChannelShare: 0.8, maxQuarantineShare: 0.1, maxNonResponse: 0.2, maxWeightRatio: 10 }),
});
export type Codebook = z.infer<typeof codebookSchema>;
export type CiMethod = Codebook['ciMethod'];
