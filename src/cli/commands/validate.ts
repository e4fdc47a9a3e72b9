import { ingestSurvey } from '../../ingest-survey.ts';
import { checkDesignPlaces, createFold } from '../../ingest/design-fold.ts';
import { validationSummary } from '../../validate/validation-summary.ts';
import { formatAccounting } from '../format-result.ts';
import type { ValidationSummary } from '../../model/validation.ts';
import { writeOut } from '../write.ts';
import { readingProgress } from '../../analyze-survey.ts';
import { terminalProgress } from '../progress-line.ts';

/** Rows listed as examples per rule in the summary table. */
const EXAMPLES = 3;

export async function validateCommand(survey: string, options: { json?: boolean; quiet?: boolean }): Promise<number> {
  const terminal = terminalProgress(options);
  const progress = terminal === undefined ? {} : { bins: readingProgress('bins', terminal), ingest: readingProgress('ingest', terminal) };
  terminal?.({ stage: 'ingest', rows: 0 });
  const { loaded, exportFile, ingestion } = await ingestSurvey(survey, createFold, progress).finally(() => terminal?.({ stage: 'done' }));
  checkDesignPlaces(loaded.codebook, ingestion.folded, loaded.file);
  const summary = validationSummary(loaded.codebook.id, loaded.codebook.source.file, ingestion);
  if (options.quiet === true) return 0;
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const lines = [`${formatAccounting(loaded.codebook.id, summary)} [${exportFile}, ${summary.encoding}]`];
  if (summary.piiColumns.length > 0) lines.push(`  kept out of every output (PII): ${summary.piiColumns.join(', ')}`);
  lines.push(...reasonTable(summary));
  for (const rejection of summary.rejections) {
    for (const reason of rejection.reasons) {
      const column = reason.column === undefined ? '' : ` [${reason.column}]`;
      const value = reason.value === undefined ? '' : ` ${JSON.stringify(reason.value)}`;
      lines.push(`  row ${rejection.row}: ${reason.rule}${column}${value}: ${reason.message}`);
    }
  }
  for (const flag of summary.flags) lines.push(`  row ${flag.row}: flagged ${flag.rule} (kept)`);
  writeOut(`${lines.join('\n')}\n`);
  return 0;
}

/** Rows per rule with the first rows and the first message: what to look at first. */
function reasonTable(summary: ValidationSummary): string[] {
  const rules = Object.keys(summary.byRule);
  if (rules.length === 0) return [];
  const width = Math.max(4, ...rules.map((rule) => rule.length));
  const lines = [`  ${'rule'.padEnd(width)}  rows  first rows / what is wrong`];
  for (const rule of rules) {
    const hits = summary.rejections.filter((r) => r.reasons.some((reason) => reason.rule === rule));
    const first = hits.slice(0, EXAMPLES).map((r) => r.row).join(', ') + (hits.length > EXAMPLES ? ', …' : '');
    const message = hits[0]?.reasons.find((reason) => reason.rule === rule)?.message ?? '';
    lines.push(`  ${rule.padEnd(width)}  ${String(summary.byRule[rule]).padStart(4)}  ${first}: ${message}`);
  }
  return lines;
}
