/**
 * What the engine tests compare, without drawing a report: a survey's validation summary, quarantine.csv and
 * stats.json, made as `analyze` makes them (src/analyze-survey.ts `buildReport`) but without charts and decks,
 * which take most of a small survey's time and read nothing the engines change.
 */
import { runAudit } from '../../src/audit/run-audit.ts';
import { loadCodebook } from '../../src/codebook/load-codebook.ts';
import { ingestFile } from '../../src/ingest/ingest-file.ts';
import { resolveSourceFile } from '../../src/ingest/resolve-source-file.ts';
import { withBinEdges } from '../../src/ingest-survey.ts';
import type { ValidationSummary } from '../../src/model/validation.ts';
import { quarantineCsv } from '../../src/report/quarantine-csv.ts';
import { buildStats } from '../../src/report/stats-json.ts';
import { finishStats } from '../../src/stats/finish-stats.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';
import { validationSummary } from '../../src/validate/validation-summary.ts';

export interface SurveyNumbers {
  validation: ValidationSummary;
  quarantineCsv: string;
  /** stats.json as parsed JSON. */
  stats: { input: Record<string, unknown> } & Record<string, unknown>;
}

export async function surveyNumbers(folder: string): Promise<SurveyNumbers> {
  const read = await loadCodebook(folder);
  const loaded = await withBinEdges(read, await resolveSourceFile(read));
  const { codebook } = loaded;
  const ingestion = await ingestFile(codebook, await resolveSourceFile(loaded), surveyFold(codebook));
  const validation = validationSummary(codebook.id, codebook.source.file, ingestion);
  const finished = finishStats(codebook, ingestion.folded, loaded.file);
  const audit = runAudit({ codebook, state: ingestion.folded, stats: finished, validation });
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
  // As analyze writes it: PII and free-text columns withheld.
  const textColumns = codebook.questions.flatMap((q, i) => {
    const column = ingestion.columns.questions[i]?.column;
    return q.type === 'text' && column !== undefined ? [column] : [];
  });
  const quarantine = quarantineCsv(ingestion.header, ingestion.quarantined, new Set([...ingestion.columns.pii, ...textColumns]));
  return { validation, quarantineCsv: quarantine, stats: JSON.parse(JSON.stringify(stats)) as SurveyNumbers['stats'] };
}

/** Where two JSON values differ: paths of numbers apart by more than a relative `tolerance`, and of anything else unequal. */
export function differences(a: unknown, b: unknown, tolerance: number, at = ''): { far: string[]; lastBits: string[] } {
  const found = { far: [] as string[], lastBits: [] as string[] };
  const walk = (x: unknown, y: unknown, where: string): void => {
    if (typeof x === 'number' && typeof y === 'number') {
      if (x === y) return;
      // Relative to the larger, or absolute for two numbers next to zero (a difference of near-equal sums).
      const scale = Math.max(1, Math.abs(x), Math.abs(y));
      (Math.abs(x - y) <= tolerance * scale ? found.lastBits : found.far).push(`${where}: ${x} vs ${y}`);
      return;
    }
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) return x.forEach((v, i) => walk(v, y[i], `${where}[${i}]`));
    if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y)) {
      const keys = Object.keys(x);
      if (keys.join() !== Object.keys(y).join()) return void found.far.push(`${where}: keys ${keys.join()} vs ${Object.keys(y).join()}`);
      for (const key of keys) walk((x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key], `${where}.${key}`);
      return;
    }
    if (x !== y) found.far.push(`${where}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
  };
  walk(a, b, at);
  return found;
}
