/**
 * What the engine tests compare, without drawing a report: a survey's validation summary, quarantine.csv and
 * stats.json, made by the functions `analyze` makes them with (src/analyze-survey.ts `surveyStats`,
 * `quarantineFile`), without the charts and decks, which take most of a small survey's time and read nothing
 * the engines change.
 */
import { quarantineFile, surveyStats } from '../../src/analyze-survey.ts';
import { fileBytes } from '../../src/report/write-report-folder.ts';
import { loadCodebook } from '../../src/codebook/load-codebook.ts';
import { ingestFile } from '../../src/ingest/ingest-file.ts';
import { resolveSourceFile } from '../../src/ingest/resolve-source-file.ts';
import { withBinEdges } from '../../src/ingest-survey.ts';
import type { ValidationSummary } from '../../src/model/validation.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

export interface SurveyNumbers {
  validation: ValidationSummary;
  quarantineCsv: string;
  /** stats.json as parsed JSON. */
  stats: { input: Record<string, unknown> } & Record<string, unknown>;
}

export async function surveyNumbers(folder: string): Promise<SurveyNumbers> {
  const read = await loadCodebook(folder);
  const file = await resolveSourceFile(read);
  const loaded = await withBinEdges(read, file);
  const { codebook } = loaded;
  const ingestion = await ingestFile(codebook, file, surveyFold(codebook));
  const { validation, stats } = surveyStats(codebook, ingestion, file, loaded.file);
  return { validation, quarantineCsv: Buffer.from(fileBytes(quarantineFile(codebook, ingestion))).toString('utf8'), stats: JSON.parse(JSON.stringify(stats)) as SurveyNumbers['stats'] };
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
