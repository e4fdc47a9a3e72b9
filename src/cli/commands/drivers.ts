import { analyzeSurvey } from '../../analyze-survey.ts';
import type { DriverResult } from '../../model/driver-result.ts';
import { UserError } from '../../util/user-error.ts';
import { width } from '../format-table.ts';
import { writeOut } from '../write.ts';
import { fixed } from '../../util/fixed.ts';

/** Analyses the survey (writing its report folder) and prints each key-driver analysis's ranking. */
export async function driversCommand(survey: string, options: { out: string; json?: boolean }): Promise<number> {
  const result = await analyzeSurvey(survey, { outDir: options.out });
  const analyses = result.stats.drivers ?? [];
  if (analyses.length === 0) throw new UserError(result.codebook.file, 'defines no key-driver analysis; add `drivers:` (docs/codebook.md, "drivers")');
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(analyses, null, 2)}\n`);
    return 0;
  }
  writeOut(`${analyses.map(formatDrivers).join('\n')}-> ${result.reportDir}\n`);
  return 0;
}

/** One analysis as text: its model, then the drivers by LMG share of R², with intervals, Johnson's share, β and Pearson's r with the outcome. */
export function formatDrivers(r: DriverResult): string {
  const weighting = r.weighted ? `, weighted, effective n ${fixed(r.effectiveN, 1)}` : '';
  const lines = [`${r.label} (${r.model === 'linear' ? 'linear regression' : 'linear probability model'}; R² ${r.r2 === null ? '—' : fixed(r.r2, 3)}, n ${r.n}${weighting})`];
  if (r.r2 === null || !(r.r2 > 0)) {
    const why = { 'too-few': `too few complete answers for ${r.drivers.length} drivers (at least ${r.drivers.length + 2})`, 'no-variance': 'the outcome or a driver does not vary', collinear: 'the drivers are collinear' };
    return `${lines.join('\n')}\n  no model: ${why[r.noModel ?? 'no-variance']}\n`;
  }
  const pct = (x: number): string => `${fixed(100 * x, 1)}%`;
  const part = (x: number | null, ci: [number, number] | null): string => (x === null ? '—' : `${pct(x)}${ci === null ? '' : ` [${pct(ci[0])}, ${pct(ci[1])}]`}`);
  const ranked = [...r.drivers].sort((a, b) => (b.lmg ?? 0) - (a.lmg ?? 0) || (a.id < b.id ? -1 : 1));
  const labels = ranked.map((d) => d.label);
  const labelWidth = Math.max(...labels.map(width));
  ranked.forEach((d, k) => {
    const label = `${d.label}${' '.repeat(labelWidth - width(d.label))}`;
    lines.push(`  ${k + 1}. ${label}  LMG ${part(d.lmgShare, d.lmgShareCi)}  Johnson ${part(d.johnsonShare, d.johnsonShareCi)}  β ${d.beta === null ? '—' : fixed(d.beta, 3)}  r ${d.pearson === null ? '—' : fixed(d.pearson.r, 2)}`);
  });
  if (r.bootstrap !== null) lines.push(`  (shares of R²; ${Math.round(r.bootstrap.level * 100)}% bootstrap percentile intervals, ${r.bootstrap.replicates} resamples, seed ${r.bootstrap.seed})`);
  if (r.bootstrapSkipped) lines.push('  (shares of R²; no intervals: that many resamples would take too long; ask for fewer, or fewer drivers)');
  return `${lines.join('\n')}\n`;
}
