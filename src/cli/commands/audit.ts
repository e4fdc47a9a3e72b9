import { runAudit } from '../../audit/run-audit.ts';
import { ingestSurvey } from '../../ingest-survey.ts';
import { surveyFold } from '../../stats/folds/survey-fold.ts';
import { kindOf } from '../../stats/kinds/index.ts';
import { validationSummary } from '../../validate/validation-summary.ts';
import { finishStats } from '../../stats/finish-stats.ts';
import { UserError } from '../../util/user-error.ts';
import { formatFlag } from '../format-result.ts';
import { writeOut } from '../write.ts';
import { fixed } from '../../util/fixed.ts';

/** `stickiness audit`: the representativeness audit as a terminal summary (or JSON); exit 0 even with flags. */
export async function auditCommand(survey: string, options: { json?: boolean }): Promise<number> {
  const { loaded, ingestion } = await ingestSurvey(survey, surveyFold);
  const { codebook } = loaded;
  if (ingestion.accepted === 0) {
    throw new UserError(loaded.file, `no response passed validation (${ingestion.rowsRead} read), so there is no sample to audit; run \`stickiness validate\` to see why`);
  }
  const finished = finishStats(codebook, ingestion.folded, loaded.file);
  const { metrics } = finished;
  const validation = validationSummary(codebook.id, codebook.source.file, ingestion);
  const { audit, flags } = runAudit({ codebook, state: ingestion.folded, stats: finished, validation });
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ ...audit, flags }, null, 2)}\n`);
    return 0;
  }
  const percent = (share: number): string => `${fixed(share * 100, 1)}%`;
  const label = (id: string): string => metrics.find((m) => m.id === id)?.label ?? id;
  const lines = [`${codebook.id}: representativeness of ${ingestion.accepted} accepted responses`];
  for (const v of audit.variables) {
    const p = v.pValue === null ? 'n/a' : v.pValue < 0.001 ? '<0.001' : fixed(v.pValue, 3);
    lines.push(`  ${v.question} (n=${v.n}): chi-square p=${p}, TVD=${v.tvd === null ? 'n/a' : fixed(v.tvd, 2)}, mean ASMD=${v.meanAsmd === null ? 'n/a' : fixed(v.meanAsmd, 2)}`);
    for (const [option, share] of Object.entries(v.sample)) {
      const weighted = v.weightedSample?.[option];
      const w = weighted === undefined || weighted === null ? '' : `, weighted ${percent(weighted)}`;
      lines.push(`    ${option}: sample ${percent(share)}${w} vs population ${percent(v.population[option] ?? 0)}`);
    }
  }
  if (audit.variables.length === 0) lines.push('  no benchmarks in the codebook: add `benchmarks:` with population shares to audit the sample');
  if (audit.sensitivity.rows.length > 0) {
    lines.push(`  headlines unweighted -> weighted (${audit.sensitivity.basis === 'benchmarks' ? `${audit.sensitivity.method ?? ''} to the benchmarks` : 'the codebook weighting'}):`);
    for (const row of audit.sensitivity.rows) {
      const metric = metrics.find((m) => m.id === row.metric);
      if (metric === undefined) continue;
      const show = (v: number | null): string => (v === null ? 'n/a' : kindOf(metric.kind).format(v));
      lines.push(`    ${label(row.metric)}: ${show(row.unweighted)} -> ${show(row.weighted)}${row.dependsOnSample ? '  (moves beyond its margin of error)' : ''}`);
    }
  }
  lines.push(...flags.map(formatFlag));
  writeOut(`${lines.join('\n')}\n`);
  return 0;
}
