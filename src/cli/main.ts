/**
 * The `stickiness` command line: parses arguments, runs a command, maps failures to one-line messages and
 * exit codes (0 ok, 1 the survey cannot be processed, 2 usage error). Commands live in ./commands and are
 * loaded when run, so `--help` or `validate` never pay for loading the chart renderer.
 */
import { Command, CommanderError } from 'commander';
import type { BatchCliOptions } from './commands/batch.ts';
import type { synthCommand } from './commands/synth.ts';
import { packageVersion } from '../package-info.ts';
import { errorMessage } from '../util/error-message.ts';
import { writeErr } from './write.ts';


export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number): void => {
    exitCode = Math.max(exitCode, code);
  };
  const program = new Command('stickiness')
    .description('Survey analytics for user-stickiness questionnaires: validate exports, compute metrics with intervals, audit the sample, render reports.')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command('analyze')
    .description('validate + statistics + charts + report for one survey')
    .argument('<survey>', 'a folder holding survey.yaml, or the path of a survey.yaml')
    .option('--out <dir>', 'where report folders go', 'reports')
    .option('--json', 'print a JSON summary on stdout')
    .option('--quiet', 'print nothing but errors (no summary, no progress line)')
    .addHelpText('after', '\nOn a terminal a progress line on stderr shows the stage, rows read, the share of the file read, the rate and the time left.\n\nExample:\n  stickiness analyze surveys/kimi-2024 --out reports')
    .action(async (survey: string, options: { out: string; json?: boolean; quiet?: boolean }) => setExit(await (await import('./commands/analyze.ts')).analyzeCommand(survey, options)));

  program
    .command('tabs')
    .description('banner tables: analyse the survey and print its tables (also written as tables/<id>.xlsx and .csv)')
    .argument('<survey>', 'a folder holding survey.yaml, or the path of a survey.yaml')
    .option('--out <dir>', 'where report folders go', 'reports')
    .option('--table <id>', 'print only this table')
    .option('--json', 'print the tables as stats.json holds them')
    .addHelpText('after', '\nExample:\n  stickiness tabs surveys/kimi-2024 --out reports')
    .action(async (survey: string, options: { out: string; table?: string; json?: boolean }) => setExit(await (await import('./commands/tabs.ts')).tabsCommand(survey, options)));

  program
    .command('drivers')
    .description('key-driver analysis: analyse the survey and print what drives each outcome (LMG and Johnson shares of R²)')
    .argument('<survey>', 'a folder holding survey.yaml, or the path of a survey.yaml')
    .option('--out <dir>', 'where report folders go', 'reports')
    .option('--json', 'print the analyses as stats.json holds them')
    .addHelpText('after', '\nExample:\n  stickiness drivers surveys/my-survey --out reports')
    .action(async (survey: string, options: { out: string; json?: boolean }) => setExit(await (await import('./commands/drivers.ts')).driversCommand(survey, options)));

  program
    .command('chart')
    .description('one chart of the report, for pasting elsewhere: SVG, PNG, its Vega-Lite spec, or an HTML snippet with its alt text')
    .argument('<survey>', 'a folder holding survey.yaml, or the path of a survey.yaml')
    .argument('<chart>', 'the chart\'s name, as its files in charts/ are named (e.g. retention, dist-industry_mix)')
    .option('--format <format>', 'svg, png, vl.json or html', 'svg')
    .option('--output <file>', 'write the chart to this file instead of stdout')
    .option('--out <dir>', 'where report folders go (the report is made again only when its inputs changed)', 'reports')
    .addHelpText('after', '\nExamples:\n  stickiness chart surveys/kimi-2024 retention --format html > retention.html\n  stickiness chart surveys/kimi-2024 nps-nps --format png --output nps.png')
    .action(async (survey: string, chart: string, options: { out: string; format: string; output?: string }) => setExit(await (await import('./commands/chart.ts')).chartCommand(survey, chart, options)));

  program
    .command('validate')
    .description('ingestion and validation only: the accounting and the reasons for every rejected row')
    .argument('<survey>', 'a folder holding survey.yaml, or the path of a survey.yaml')
    .option('--json', 'print validation.json on stdout')
    .option('--quiet', 'print nothing but errors (no summary, no progress line)')
    .addHelpText('after', '\nOn a terminal a progress line on stderr shows rows read, the share of the file read, the rate and the time left.\n\nExample:\n  stickiness validate surveys/kimi-2024')
    .action(async (survey: string, options: { json?: boolean; quiet?: boolean }) => setExit(await (await import('./commands/validate.ts')).validateCommand(survey, options)));

  program
    .command('audit')
    .description('the sample-representativeness audit: sample vs benchmark shares')
    .argument('<survey>', 'a folder holding survey.yaml, or the path of a survey.yaml')
    .option('--json', 'print the audit object on stdout')
    .addHelpText('after', '\nExample:\n  stickiness audit surveys/kimi-2024')
    .action(async (survey: string, options: { json?: boolean }) => setExit(await (await import('./commands/audit.ts')).auditCommand(survey, options)));

  program
    .command('batch')
    .description('analyse every DIR/*/survey.yaml into --out; one failing survey never stops the others')
    .argument('[dir]', 'folder of survey folders', 'surveys')
    .option('--out <dir>', 'where report folders go', 'reports')
    .option('--jobs <n>', 'surveys analysed at once, each in its own process (default: the number of CPUs)')
    .option('--force', 're-run every survey, also those whose export, codebook and tool are unchanged')
    .option('--json', 'print one JSON object per survey on stdout')
    .option('--quiet', 'print nothing but failures')
    .option('--watch', 'stay running and re-analyse a survey when its export or codebook changes, or a new one appears')
    .addHelpText('after', '\nExample:\n  stickiness batch surveys --out reports --jobs 2')
    .action(async (dir: string, options: BatchCliOptions) => setExit(await (await import('./commands/batch.ts')).batchCommand(dir, options)));

  program
    .command('synth')
    .description('write a synthetic export shaped like a survey (seeded; answer shares from synth-profile.yaml)')
    .argument('<survey>', 'a folder holding survey.yaml, or the path of a survey.yaml')
    .requiredOption('--rows <n>', 'rows to write, faulty ones included')
    .option('--faults <k>', 'how many rows carry a fault a quality rule catches', '0')
    .option('--seed <s>', 'random seed (default: the profile seed, else 1)')
    .option('--profile <file>', 'answer distributions (default: synth-profile.yaml beside survey.yaml)')
    .option('--out <file>', "where to write (default: the codebook's source.file)")
    .option('--force', 'overwrite an existing file')
    .option('--json', 'print a JSON summary on stdout')
    .addHelpText('after', '\nExample:\n  stickiness synth surveys/kimi-2024 --rows 160 --faults 6 --seed 2024 --force')
    .action(async (survey: string, options: Parameters<typeof synthCommand>[1]) => setExit(await (await import('./commands/synth.ts')).synthCommand(survey, options)));

  program
    .command('init')
    .description('draft a survey.yaml from a raw export: platform, encoding, respondent id, weights, question types, ordered options, example metrics, PII columns')
    .argument('<export>', 'a raw export file (.csv, .tsv, .xlsx, SPSS .sav / .zsav, or .parquet)')
    .option('--out <file>', 'where to write the draft (default: survey.yaml beside the export)')
    .option('--force', 'overwrite an existing survey.yaml')
    .option('--json', 'print a JSON summary on stdout')
    .addHelpText('after', INIT_HELP)
    .action(async (exportFile: string, options: { out?: string; force?: boolean; json?: boolean }) => setExit(await (await import('./commands/init.ts')).initCommand(exportFile, options)));

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error);
  }
}

/** What `init --help` says it detects: src/init/ (sample-columns.ts, option-order.ts, rating-range.ts). */
const INIT_HELP = `
What it detects (every guess to check is marked with a comment in the draft):
  platform, encoding  Wenjuanxing, Tencent, Qualtrics, Google Forms, SPSS .sav, Parquet, or a generic CSV, TSV or .xlsx
  respondent id       a column named like id, ID, respondent_id, ResponseId, caseid, 序号, 编号, X or
                      Unnamed: 0 whose values are all different; R's and pandas' unnamed row numbers are left out
  weights             positive numbers in a column named like weight, wt, wgt, pw, finalweight, 权重: not a
                      question; offered as a commented \`weighting: { method: column, column: … }\`
  design columns      fpc, psu, strata, population sizes (pop, N, 总体): left out, named in a comment
  PII                 columns named like an e-mail, phone or IP, or whose cells look like one: kept out of outputs
  question types      single, multi, likert, nps, rating, numeric, text; NA, NaN, N/A, #N/A, null and - cells
                      are no answer, and 2.0 is 2
  option order        known scales and ordinal words (never … always, not … very, agreement, education levels,
                      从不 … 总是), codes or numbers in labels (18-24, 35+, (0) …); else most chosen first
  rating range        from the question text (1-5分, from 1 to 7, 过去7天) or the answers (1–5 stays 1–5)
  metrics             one example per question type, ready for analyze; more as comments

Example:
  stickiness init surveys/new-wave/responses.csv`;

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (and a suggestion for a near command or option).
    return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
  }
  const { text, code } = errorMessage(error);
  writeErr(`${text}\n`);
  return code;
}
