import { ingestSurvey } from '../../ingest-survey.ts';
import { validationSummary } from '../../report/validation-json.ts';
import { formatAccounting } from '../format-result.ts';

export async function validateCommand(survey: string, options: { json?: boolean }): Promise<number> {
  const { loaded, exportFile, ingestion } = await ingestSurvey(survey);
  const summary = validationSummary(loaded.codebook.id, loaded.codebook.source.file, ingestion);
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const lines = [`${formatAccounting(loaded.codebook.id, summary)} [${exportFile}, ${summary.encoding}]`];
  for (const rejection of summary.rejections) {
    for (const reason of rejection.reasons) {
      const column = reason.column === undefined ? '' : ` [${reason.column}]`;
      const value = reason.value === undefined ? '' : ` ${JSON.stringify(reason.value)}`;
      lines.push(`  row ${rejection.row}: ${reason.rule}${column}${value}: ${reason.message}`);
    }
  }
  for (const flag of summary.flags) lines.push(`  row ${flag.row}: flagged ${flag.rule} (kept)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
