import { analyzeSurvey } from '../../analyze-survey.ts';
import { didYouMean } from '../../util/nearest.ts';
import { UsageError } from '../../util/usage-error.ts';
import { UserError } from '../../util/user-error.ts';
import { formatTable } from '../format-table.ts';
import { writeOut } from '../write.ts';

/** Analyses the survey (writing its report folder, tables included) and prints its banner tables, or the one named. */
export async function tabsCommand(survey: string, options: { out: string; table?: string; json?: boolean }): Promise<number> {
  const result = await analyzeSurvey(survey, { outDir: options.out });
  const tables = result.stats.tables ?? [];
  if (tables.length === 0) {
    throw new UserError(result.codebook.file, 'defines no table (`tables: []`, or no breakdown by a single-choice question to make the default one from); add `tables:` (docs/tables.md)');
  }
  const ids = tables.map((t) => t.id);
  const chosen = options.table === undefined ? tables : tables.filter((t) => t.id === options.table);
  if (chosen.length === 0) throw new UsageError(`--table ${options.table ?? ''}: no table has that id${didYouMean(options.table ?? '', ids)}; tables are: ${ids.join(', ')}`);
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(chosen, null, 2)}\n`);
    return 0;
  }
  const language = result.stats.survey.language === 'zh' ? 'zh' : 'en';
  const files = chosen.map((t) => `${result.reportDir}/tables/${t.id}.xlsx, ${t.id}.csv`);
  writeOut(`${chosen.map((t) => formatTable(t, language)).join('\n')}\n${files.map((f) => `-> ${f}`).join('\n')}\n`);
  return 0;
}
