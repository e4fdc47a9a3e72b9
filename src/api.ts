/**
 * The library API: `import { analyzeSurvey, loadCodebook, ... } from 'stickiness'` for embedding the pipeline
 * in other jobs. Each export is documented where it is defined.
 */
export { analyzeSurvey, buildReport, type AnalyzeResult, type BuiltReport } from './analyze-survey.ts';
export { runAudit, type Audit } from './audit/run-audit.ts';
export { loadCodebook, type LoadedCodebook } from './codebook/load-codebook.ts';
export { parseCodebook } from './codebook/parse-codebook.ts';
export type { Codebook, Metric, Question } from './codebook/schema.ts';
export { ingestFile } from './ingest/ingest-file.ts';
export { ingestBytes, ingestText, type ExportIngestion } from './ingest/ingest-text.ts';
export { draftFromFile } from './init/draft-from-file.ts';
export type { Stats } from './report/stats-json.ts';
export { finishStats } from './stats/finish-stats.ts';
export type { MetricResult } from './stats/metric-result.ts';
export { addResponse, createSummary, mergeSummary, type SurveySummary } from './stats/survey-summary.ts';
export { UserError } from './util/user-error.ts';
