import { auditBenchmarks } from '../../audit/audit-benchmarks.ts';
import { ingestSurvey } from '../../ingest-survey.ts';
import { formatFlag } from '../format-result.ts';

export async function auditCommand(survey: string, options: { json?: boolean }): Promise<number> {
  const { loaded, ingestion } = await ingestSurvey(survey);
  const { codebook } = loaded;
  const audit = auditBenchmarks(codebook, ingestion.summary.benchmarkCounts);
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(audit, null, 2)}\n`);
    return 0;
  }
  const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
  const lines = [`${codebook.id}: representativeness of ${ingestion.summary.accepted} accepted responses`];
  for (const v of audit.variables) {
    const p = v.pValue === null ? 'n/a' : v.pValue < 0.001 ? '<0.001' : v.pValue.toFixed(3);
    lines.push(`  ${v.question} (n=${v.n}): chi-square p=${p}, TVD=${v.tvd === null ? 'n/a' : v.tvd.toFixed(2)}`);
    for (const [option, share] of Object.entries(v.sample)) {
      lines.push(`    ${option}: sample ${percent(share)} vs population ${percent(v.population[option] ?? 0)}`);
    }
  }
  if (audit.variables.length === 0) lines.push('  no benchmarks in the codebook: add `benchmarks:` with population shares to audit the sample');
  lines.push(...audit.flags.map(formatFlag));
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
