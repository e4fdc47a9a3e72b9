/** report.md on a weighted survey: the weighting reference data (tests/reference/weighting-data.csv), raked to industry and gender. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analyze-survey.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestBytes } from '../../src/ingest/ingest-text.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

const bytes = readFileSync(new URL('../reference/weighting-data.csv', import.meta.url));
const text = readFileSync(new URL('../fixtures/weighting/survey.yaml', import.meta.url), 'utf8');
const FIXED = 'The weighting sets these shares to the benchmark, so they carry no sampling error: each interval is the point.';

async function markdown(yaml: string): Promise<string> {
  const parsed = parseCodebook(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const built = await buildReport(parsed.value, ingestBytes(parsed.value, bytes, surveyFold(parsed.value), { file: 'weighting-data.csv' }), 'weighting-data.csv');
  return String(built.files.get('report.md'));
}

/** The lines of report.md from a distribution's heading to the next heading. */
function section(md: string, heading: string): string {
  const start = md.indexOf(`### ${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = md.indexOf('\n#', start + 4);
  return md.slice(start, end < 0 ? undefined : end);
}

describe('report.md with weighting', () => {
  it('says why the shares of a question the weighting calibrates to have a point for interval, and only there', async () => {
    const mixes = 'metrics:\n  - { id: industry_mix, label: Industry mix, kind: distribution, question: industry }\n  - { id: sat_mix, label: Satisfaction mix, kind: distribution, question: sat }\n';
    const md = await markdown(text.replace('metrics:\n', mixes));
    const industry = section(md, 'Industry mix');
    expect(industry).toContain(FIXED);
    expect(industry).toMatch(/\| finance \| 6\.0% \| 6\.0% – 6\.0% \|/);
    expect(section(md, 'Satisfaction mix')).not.toContain(FIXED);
    // Trimmed weights are no longer calibrated exactly: the shares get intervals, and no such sentence.
    const trimmed = await markdown(text.replace('metrics:\n', mixes).replace('by: [industry, gender]', 'by: [industry, gender]\n  trim: 2'));
    expect(section(trimmed, 'Industry mix')).not.toContain(FIXED);
  });
});
