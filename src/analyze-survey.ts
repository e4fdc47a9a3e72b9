/**
 * The whole pipeline for one survey, in order:
 *
 *   survey.yaml + export ──▶ ingest ──▶ validate ──▶ stats ──▶ audit ──▶ render ──▶ report
 *
 * `buildReport` is the pure middle (codebook and export bytes in, report files out); `analyzeSurvey` adds
 * the I/O at both ends: it reads the codebook and export and writes `<out>/<id>/`.
 */
import { createHash } from 'node:crypto';
import { auditBenchmarks } from './audit/audit-benchmarks.ts';
import type { LoadedCodebook } from './codebook/load-codebook.ts';
import type { Codebook } from './codebook/schema.ts';
import { chartSpecs } from './render/chart-specs.ts';
import { renderSvg } from './render/render-svg.ts';
import { quarantineCsv } from './report/quarantine-csv.ts';
import { reportMarkdown } from './report/report-md.ts';
import { buildStats, type Stats } from './report/stats-json.ts';
import type { ValidationSummary } from './report/validation-json.ts';
import { writeReportFolder } from './report/write-report-folder.ts';
import { computeBreakdowns } from './stats/compute-breakdowns.ts';
import { computeMetric } from './stats/compute-metric.ts';
import { UserError } from './util/user-error.ts';
import { readSurvey } from './read-survey.ts';
import { validateExport } from './validate-export.ts';

export interface BuiltReport {
  stats: Stats;
  validation: ValidationSummary;
  /** Report files by path relative to the report folder. */
  files: Map<string, string>;
}

export async function buildReport(codebook: Codebook, bytes: Uint8Array, file: string): Promise<BuiltReport> {
  const { table, columns, validated, summary: validation } = validateExport(codebook, bytes, file);
  if (validated.accepted.length === 0) {
    throw new UserError(file, `no response passed validation (${validated.rowsRead} read); run \`stickiness validate\` to see why`);
  }
  const metrics = codebook.metrics.map((metric) => computeMetric(codebook, metric, validated.accepted));
  const breakdowns = computeBreakdowns(codebook, validated.accepted);
  const audit = auditBenchmarks(codebook, validated.accepted);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const stats = buildStats({ codebook, sha256, validation, metrics, breakdowns, audit });
  const charts = chartSpecs(codebook, metrics);

  const files = new Map<string, string>();
  files.set('stats.json', toJson(stats));
  files.set('validation.json', toJson(validation));
  files.set('quarantine.csv', quarantineCsv(table.header, validated.quarantined, columns.pii));
  for (const chart of charts) {
    files.set(`charts/${chart.name}.vl.json`, toJson(chart.spec));
    files.set(`charts/${chart.name}.svg`, await renderSvg(chart.spec));
  }
  files.set('report.md', reportMarkdown(codebook, stats, validation, charts));
  return { stats, validation, files };
}

export interface AnalyzeResult extends BuiltReport {
  codebook: LoadedCodebook;
  /** The report folder written. */
  reportDir: string;
}

/** Reads `<survey>/survey.yaml` and its export, writes `<outDir>/<id>/`. */
export async function analyzeSurvey(surveyPath: string, options: { outDir: string }): Promise<AnalyzeResult> {
  const { loaded, exportFile, bytes } = await readSurvey(surveyPath);
  if (loaded.codebook.weighting.method !== 'none') {
    // Better no numbers than unweighted numbers presented as weighted.
    const method = loaded.codebook.weighting.method;
    throw new UserError(`${loaded.file}: weighting.method`, `\`${method}\` weighting is not supported by this version yet; set \`method: none\` for unweighted estimates`);
  }
  const built = await buildReport(loaded.codebook, bytes, exportFile);
  const reportDir = await writeReportFolder(options.outDir, loaded.codebook.id, built.files);
  return { ...built, codebook: loaded, reportDir };
}

/** Same object, same bytes: two-space JSON with a final newline. */
function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
