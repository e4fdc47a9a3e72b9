/**
 * The whole pipeline for one survey, in order:
 *
 *   survey.yaml + export ──▶ ingest ──▶ validate ──▶ stats ──▶ audit ──▶ render ──▶ report
 *
 * Ingestion and validation run as one stream that folds accepted responses into mergeable counts
 * (`ingestFile`); `buildReport` is the pure rest (counts in, report files out); `analyzeSurvey` adds the
 * I/O at both ends: it reads the codebook and export and writes `<out>/<id>/`.
 */
import { runAudit } from './audit/run-audit.ts';
import { loadCodebook, type LoadedCodebook } from './codebook/load-codebook.ts';
import type { Codebook } from './codebook/schema.ts';
import { ingestFile } from './ingest/ingest-file.ts';
import type { ExportIngestion } from './ingest/ingest-text.ts';
import { resolveSourceFile } from './ingest/resolve-source-file.ts';
import { chartSpecs } from './render/chart-specs.ts';
import { quarantineCsv } from './report/quarantine-csv.ts';
import { reportHtml } from './report/report-html.ts';
import { reportMarkdown } from './report/report-md.ts';
import { buildStats, type Stats } from './report/stats-json.ts';
import { validationSummary, type ValidationSummary } from './report/validation-json.ts';
import { writeReportFolder } from './report/write-report-folder.ts';
import { finishStats } from './stats/finish-stats.ts';
import { UserError } from './util/user-error.ts';
import { createHash } from 'node:crypto';
import { sourceFingerprint } from './package-root.js';

export interface BuiltReport {
  stats: Stats;
  validation: ValidationSummary;
  /** Report files by path relative to the report folder. */
  files: Map<string, string | Uint8Array>;
}

/** `file` names the export and `codebookFile` the survey.yaml in messages. */
export async function buildReport(codebook: Codebook, ingestion: ExportIngestion, file: string, codebookFile = 'survey.yaml'): Promise<BuiltReport> {
  const validation = validationSummary(codebook.id, codebook.source.file, ingestion);
  const { summary } = ingestion;
  if (summary.accepted === 0) {
    throw new UserError(file, `no response passed validation (${ingestion.rowsRead} read); run \`stickiness validate\` to see why`);
  }
  const { metrics, breakdowns, weighting, reweighted, weightedBenchmarkShares } = finishStats(codebook, summary, codebookFile);
  const audit = runAudit({
    codebook,
    summary,
    metrics,
    validation,
    ...(weighting === undefined ? {} : { weighting }),
    ...(reweighted === undefined ? {} : { reweighted }),
    ...(weightedBenchmarkShares === undefined ? {} : { weightedBenchmarkShares }),
  });
  const stats = buildStats({ codebook, sha256: ingestion.sha256, validation, metrics, breakdowns, audit, ...(weighting === undefined ? {} : { weighting }) });
  const charts = chartSpecs(codebook, metrics, weighting, audit.audit.variables, {
    optionCounts: summary.optionCounts,
    breakdowns,
    accounting: { rowsRead: validation.rowsRead, accepted: validation.accepted, byRule: validation.byRule },
  });

  const files = new Map<string, string | Uint8Array>();
  files.set('stats.json', toJson(stats));
  files.set('validation.json', toJson(validation));
  // Free text never decides a quarantine, and is personal more often than not: its columns go the way of PII.
  const textColumns = codebook.questions.flatMap((q, i) => {
    const column = ingestion.columns.questions[i]?.column;
    return q.type === 'text' && column !== undefined ? [column] : [];
  });
  files.set('quarantine.csv', quarantineCsv(ingestion.header, ingestion.quarantined, new Set([...ingestion.columns.pii, ...textColumns])));
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
  const quotes = codebook.questions.flatMap((question, q) => {
    const quoted = summary.quotes[q];
    return quoted === undefined || quoted.limit === 0 ? [] : [{ question: question.id, answers: quoted.answers, answered: summary.accepted - (summary.nonResponse[q] ?? 0) }];
  });
  const markdown = reportMarkdown(codebook, stats, validation, charts, weighting, quotes);
  files.set('report.md', markdown);
  const svgs = new Map([...files].flatMap(([name, content]) => (name.endsWith('.svg') && typeof content === 'string' ? [[name, content] as const] : [])));
  files.set('report.html', reportHtml(codebook, markdown, svgs));
  return { stats, validation, files };
}

export interface AnalyzeResult extends BuiltReport {
  codebook: LoadedCodebook;
  /** The report folder written. */
  reportDir: string;
}

/** A stage of `analyzeSurvey` as it happens (for progress displays), with the rows read during ingestion. */
export type ProgressEvent = { stage: 'ingest'; rows: number } | { stage: 'report' | 'write' | 'done' };

/**
 * Reads `<survey>/survey.yaml` and its export, writes `<outDir>/<id>/`. With `codebook` (the survey's
 * codebook as `batch` already loaded it to check the survey), survey.yaml is not read again.
 */
export async function analyzeSurvey(surveyPath: string, options: { outDir: string; onProgress?: (event: ProgressEvent) => void; codebook?: LoadedCodebook }): Promise<AnalyzeResult> {
  const progress = options.onProgress ?? ((): void => undefined);
  const loaded = options.codebook ?? (await loadCodebook(surveyPath));
  const exportFile = await resolveSourceFile(loaded);
  progress({ stage: 'ingest', rows: 0 });
  const ingestion = await ingestFile(loaded.codebook, exportFile, { onProgress: (rows) => progress({ stage: 'ingest', rows }) });
  progress({ stage: 'report' });
  const built = await buildReport(loaded.codebook, ingestion, exportFile, loaded.file);
  progress({ stage: 'write' });
  // What the report was made from, so `batch` can skip it while nothing changed.
  built.files.set('inputs.json', toJson(reportInputs(loaded.text, ingestion.sha256)));
  const reportDir = await writeReportFolder(options.outDir, loaded.codebook.id, built.files);
  progress({ stage: 'done' });
  return { ...built, codebook: loaded, reportDir };
}

/** The content hashes of a report's inputs and the tool's fingerprint (`inputs.json`). */
export function reportInputs(codebookText: string, exportSha256: string): { tool: string; codebookSha256: string; exportSha256: string } {
  return { tool: sourceFingerprint(), codebookSha256: createHash('sha256').update(codebookText).digest('hex'), exportSha256 };
}

/** Same object, same bytes: two-space JSON with a final newline. */
function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
