/**
 * The library API: `import { analyzeSurvey, runBatch, ... } from 'stickiness'` for embedding the pipeline in
 * other jobs. Each export is documented where it is defined; the types of every output are in ./model/.
 */
export { analyzeSurvey, buildReport, type AnalyzeResult, type BuiltReport, type ProgressEvent } from './analyze-survey.ts';
export { runAudit, type AuditInput } from './audit/run-audit.ts';
export { checkSurvey, discoverSurveys } from './batch/check-survey.ts';
export { planBatch, planSurvey, type PlannedSurvey, type SurveyCheck } from './batch/plan-batch.ts';
export { runBatch, type BatchEvent, type BatchOptions, type BatchResult, type Outcome } from './batch/run-batch.ts';
export { watchSurveys } from './batch/watch-surveys.ts';
export { indexEntries, writeIndex } from './batch/write-index.ts';
export { writeSeriesReports } from './batch/write-series-reports.ts';
export { loadCodebook, type LoadedCodebook } from './codebook/load-codebook.ts';
export { parseCodebook } from './codebook/parse-codebook.ts';
export type { Codebook, Metric, Question } from './codebook/schema.ts';
export { ingestFile } from './ingest/ingest-file.ts';
export { ingestBytes, ingestText, type ExportIngestion } from './ingest/ingest-text.ts';
export type { Ingestion } from './ingest/ingestor.ts';
export { cellRows, type QuarantineCells } from './ingest/quarantine-cells.ts';
export { draftFromFile } from './init/draft-from-file.ts';
export type { Audit, AuditVariable } from './model/audit.ts';
export type { BreakdownResult } from './model/breakdown-result.ts';
export type { Flag } from './model/flag.ts';
export type { Fold } from './model/fold.ts';
export type { GroupResult, MetricResult } from './model/metric-result.ts';
export type { Answer, Response } from './model/response.ts';
export type { SeriesMetric } from './model/series.ts';
export type { Stats } from './model/stats.ts';
export type { QuarantinedRow, ValidationSummary } from './model/validation.ts';
export type { WeightingDiagnostics } from './model/weighting-diagnostics.ts';
export { keyFindings, trustNotes, type KeyFinding } from './report/key-findings.ts';
export { OUTPUT_FORMAT, reportInputs, type ReportInputs } from './report/report-inputs.ts';
export { fileBytes, type PiecedFile, type ReportFile } from './report/write-report-folder.ts';
export { finishStats, type FinishedStats } from './stats/finish-stats.ts';
export { surveyFold, type SurveyState } from './stats/folds/survey-fold.ts';
export { kindOf } from './stats/kinds/index.ts';
export type { MetricKind } from './stats/kinds/metric-kind.ts';
export { UserError } from './util/user-error.ts';
export { validationSummary } from './validate/validation-summary.ts';
