/**
 * The whole pipeline for one survey, in order:
 *
 *   survey.yaml + export ──▶ ingest ──▶ validate ──▶ fold ──▶ stats ──▶ audit ──▶ render ──▶ report
 *                           (bytes→rows) (rows→accepted|quarantined) (accepted→counts)   (specs→svg/png) (files)
 *
 * Ingestion, validation and folding run as one stream (`ingestFile` with the survey's fold): rows are
 * validated as they are read, and accepted responses are folded into mergeable counts and dropped.
 * `buildReport` is the pure rest (counts in, report files out); `analyzeSurvey` adds the I/O at both ends:
 * it reads the codebook and export and writes `<out>/<id>/`.
 */
import { runAudit } from './audit/run-audit.ts';
import { loadCodebook, type LoadedCodebook } from './codebook/load-codebook.ts';
import type { Codebook } from './codebook/schema.ts';
import { ingestFile } from './ingest/ingest-file.ts';
import type { ExportIngestion } from './ingest/ingest-text.ts';
import { resolveSourceFile } from './ingest/resolve-source-file.ts';
import { withBinEdges, type ReadingProgress } from './ingest-survey.ts';
import type { Stats } from './model/stats.ts';
import type { ValidationSummary } from './model/validation.ts';
import { chartSpecs } from './render/chart-specs.ts';
import { jsonChunks } from './report/json-chunks.ts';
import { quarantineCsvChunks } from './report/quarantine-csv.ts';
import { reportHtml } from './report/report-html.ts';
import { reportInputs } from './report/report-inputs.ts';
import { reportMarkdown } from './report/report-md.ts';
import { methodOf } from './report/method-lines.ts';
import { buildStats } from './report/stats-json.ts';
import { writeReportFolder, type PiecedFile, type ReportFile } from './report/write-report-folder.ts';
import { finishStats } from './stats/finish-stats.ts';
import { surveyFold, type SurveyState } from './stats/folds/survey-fold.ts';
import { withCells } from './ingest/quarantine-cells.ts';
import { UserError } from './util/user-error.ts';
import { validationSummary } from './validate/validation-summary.ts';

export interface BuiltReport {
  stats: Stats;
  validation: ValidationSummary;
  /** Report files by path relative to the report folder (`fileBytes` gives any one's bytes). */
  files: Map<string, ReportFile>;
}

/** What the statistics of one survey come to before anything is drawn: its validation summary, the finished statistics, the audit and stats.json. */
export interface SurveyStats {
  validation: ValidationSummary;
  finished: ReturnType<typeof finishStats>;
  audit: ReturnType<typeof runAudit>;
  stats: Stats;
}

/** The statistics of an ingested survey, as stats.json holds them; `file` names the export and `codebookFile` the survey.yaml in messages. */
export function surveyStats(codebook: Codebook, ingestion: ExportIngestion<SurveyState>, file: string, codebookFile = 'survey.yaml'): SurveyStats {
  const validation = validationSummary(codebook.id, codebook.source.file, ingestion);
  if (validation.accepted === 0) {
    throw new UserError(file, `no response passed validation (${ingestion.rowsRead} read); run \`stickiness validate\` to see why`);
  }
  const state = ingestion.folded;
  const finished = finishStats(codebook, state, codebookFile);
  const audit = runAudit({ codebook, state, stats: finished, validation });
  const { metrics, breakdowns, weighting, design, weightings, tables, indexes, reliability, drivers } = finished;
  const stats = buildStats({
    codebook,
    sha256: ingestion.sha256,
    validation,
    metrics,
    breakdowns,
    audit,
    ...(weighting === undefined ? {} : { weighting }),
    ...(design === undefined ? {} : { design }),
    ...(weightings === undefined ? {} : { weightings }),
    tables,
    indexes,
    reliability,
    drivers,
  });
  return { validation, finished, audit, stats };
}

/** quarantine.csv, made as it is written: free text never decides a quarantine, and is personal more often than not, so its columns go the way of PII. */
export function quarantineFile(codebook: Codebook, ingestion: ExportIngestion<SurveyState>): PiecedFile {
  const textColumns = codebook.questions.flatMap((q, i) => {
    const column = ingestion.columns.questions[i]?.column;
    return q.type === 'text' && column !== undefined ? [column] : [];
  });
  const { header, quarantined, quarantinedCells } = ingestion;
  const withheld = new Set([...ingestion.columns.pii, ...textColumns]);
  return { pieces: () => quarantineCsvChunks(header, withCells(quarantined, quarantinedCells), quarantinedCells.widest, withheld) };
}

/** `file` names the export and `codebookFile` the survey.yaml in messages. */
export async function buildReport(codebook: Codebook, ingestion: ExportIngestion<SurveyState>, file: string, codebookFile = 'survey.yaml'): Promise<BuiltReport> {
  const { validation, finished, audit, stats } = surveyStats(codebook, ingestion, file, codebookFile);
  const state = ingestion.folded;
  const { metrics, breakdowns, weighting, design, drivers } = finished;
  const charts = chartSpecs(codebook, metrics, weighting, audit.audit.variables, {
    likertCounts: state.likertCounts,
    breakdowns,
    accounting: { rowsRead: validation.rowsRead, accepted: validation.accepted, filtered: validation.filtered, byRule: validation.byRule },
    ...(design === undefined ? {} : { design }),
    ...(finished.weightedOptionShares === undefined ? {} : { weightedShares: finished.weightedOptionShares }),
    drivers,
  });

  const files = new Map<string, ReportFile>();
  files.set('stats.json', toJson(stats));
  // As long as the faulty rows are many (tens of megabytes at 100,000 of them): made as they are written.
  files.set('validation.json', { pieces: () => jsonChunks(validation) });
  files.set('quarantine.csv', quarantineFile(codebook, ingestion));
  // The renderers are loaded only now: a large export is read before they take any memory.
  const [{ renderSvg }, { renderPngs }] = await Promise.all([import('./render/render-svg.ts'), import('./render/render-png.ts')]);
  const chartSvgs: string[] = [];
  for (const chart of charts) {
    files.set(`charts/${chart.name}.vl.json`, toJson(chart.spec));
    const svg = await renderSvg(chart.spec);
    files.set(`charts/${chart.name}.svg`, svg);
    chartSvgs.push(svg);
  }
  const pngs = await renderPngs(chartSvgs);
  charts.forEach((chart, i) => files.set(`charts/${chart.name}.png`, pngs[i] as Uint8Array));
  if ((stats.tables ?? []).length > 0) {
    const [{ tableXlsx }, { tableCsv }] = await Promise.all([import('./report/table-xlsx.ts'), import('./report/table-csv.ts')]);
    for (const table of stats.tables ?? []) {
      files.set(`tables/${table.id}.xlsx`, await tableXlsx(table, codebook.language));
      files.set(`tables/${table.id}.csv`, tableCsv(table, codebook.language));
    }
  }
  const quotes = [...state.quotes].map(([question, quoted]) => ({ question, answers: quoted.answers, answered: validation.accepted - (state.nonResponse.get(question) ?? 0) }));
  const method = methodOf(codebook, stats, validation.byRule);
  const markdown = reportMarkdown(codebook, stats, validation, charts, method, weighting, quotes);
  files.set('report.md', markdown);
  const svgs = new Map([...files].flatMap(([name, content]) => (name.endsWith('.svg') && typeof content === 'string' ? [[name, content] as const] : [])));
  files.set('report.html', reportHtml(codebook, markdown, svgs));
  // The deck: one slide per chart in the report's order (a chart the report does not show goes last).
  const place = (name: string): number => {
    const at = markdown.indexOf(`](charts/${name}.svg)`);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const slides = charts.map((chart, i) => ({ chart, png: pngs[i] as Uint8Array })).sort((a, b) => place(a.chart.name) - place(b.chart.name));
  const { reportDeck } = await import('./report/report-deck.ts');
  files.set('report.pptx', await reportDeck(codebook, stats, slides, method));
  return { stats, validation, files };
}

export interface AnalyzeResult extends BuiltReport {
  codebook: LoadedCodebook;
  /** The report folder written. */
  reportDir: string;
}

/**
 * A stage of `analyzeSurvey` as it happens (for progress displays). While the export is read (`ingest`, or
 * `bins` for the first pass of a codebook with `bins: N`): the rows read, and for CSV/TSV text the bytes
 * read of the file's size.
 */
export type ProgressEvent = { stage: 'ingest' | 'bins'; rows: number; bytes?: number; size?: number } | { stage: 'report' | 'write' | 'done' };

/**
 * Reads `<survey>/survey.yaml` and its export, writes `<outDir>/<id>/`. With `codebook` (the survey's
 * codebook as `batch` already loaded it to plan), survey.yaml is not read again.
 */
export async function analyzeSurvey(surveyPath: string, options: { outDir: string; onProgress?: (event: ProgressEvent) => void; codebook?: LoadedCodebook }): Promise<AnalyzeResult> {
  const progress = options.onProgress ?? ((): void => undefined);
  const read = options.codebook ?? (await loadCodebook(surveyPath));
  const exportFile = await resolveSourceFile(read);
  const loaded = await withBinEdges(read, exportFile, readingProgress('bins', progress));
  progress({ stage: 'ingest', rows: 0 });
  const ingestion = await ingestFile(loaded.codebook, exportFile, surveyFold(loaded.codebook), readingProgress('ingest', progress));
  progress({ stage: 'report' });
  const built = await buildReport(loaded.codebook, ingestion, exportFile, loaded.file);
  progress({ stage: 'write' });
  // What the report was made from, so `batch` can skip it while nothing changed.
  built.files.set('inputs.json', toJson(reportInputs(loaded.text, ingestion.sha256, loaded.theme?.text)));
  const reportDir = await writeReportFolder(options.outDir, loaded.codebook.id, built.files);
  progress({ stage: 'done' });
  return { ...built, codebook: loaded, reportDir };
}

/** Bytes are told when at least this many more have been read (a chunk is 128 KiB). */
const BYTES_EVERY = 1 << 20;

/** Ingestion's progress callbacks, as events of `stage`: rows with the bytes read so far. */
export function readingProgress(stage: 'ingest' | 'bins', progress: (event: ProgressEvent) => void): ReadingProgress {
  let rows = 0;
  let told = 0;
  let read: { bytes: number; size: number } | undefined;
  return {
    onProgress: (count) => {
      rows = count;
      progress({ stage, rows, ...read });
    },
    onBytes: (bytes, size) => {
      read = { bytes, size };
      if (bytes - told < BYTES_EVERY && bytes < size) return;
      told = bytes;
      progress({ stage, rows, ...read });
    },
  };
}

/** Same object, same bytes: two-space JSON with a final newline. */
function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
