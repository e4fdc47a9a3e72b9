/** report.md on a weighted survey: the weighting reference data (tests/reference/weighting-data.csv), raked to industry and gender. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analyze-survey.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestBytes } from '../../src/ingest/ingest-text.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';
import { formatP, formatPercent, formatSigned } from '../../src/report/format-number.ts';

/** The sample survey's report, built in memory. */
async function sampleReport() {
  const parsed = parseCodebook(readFileSync(new URL('../../surveys/kimi-2024/survey.yaml', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const file = new URL('../../surveys/kimi-2024/responses.csv', import.meta.url).pathname;
  return buildReport(parsed.value, ingestBytes(parsed.value, readFileSync(file), surveyFold(parsed.value), { file }), file);
}

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

describe('numbers as the report words them', () => {
  it('states a p-value once: "p < 0.001", never "p = < 0.001"', async () => {
    const md = String((await sampleReport()).files.get('report.md'));
    // The sample's industry mix is far from its benchmark: scipy.stats.chisquare gives p far below 0.001.
    expect(md).toContain('卡方拟合优度检验 p < 0.001');
    expect(md).not.toMatch(/p = </);
  });

  it('gives a difference that rounds to zero no sign ("0.0%", not "−0.0%" or "+0.0%")', () => {
    expect(formatSigned(-0.00004, formatPercent)).toBe('0.0%');
    expect(formatSigned(0.00004, formatPercent)).toBe('0.0%');
    expect(formatSigned(-0.0123, formatPercent)).toBe('−1.2%');
    expect(formatSigned(0.0123, formatPercent)).toBe('+1.2%');
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.04213)).toBe('p = 0.042');
  });
});

describe('section headings', () => {
  it('titles the default section "Further results" (其他结果), not "Other"', async () => {
    const md = String((await sampleReport()).files.get('report.md'));
    // The sample's industry mix has `section: other`.
    expect(md).toContain('## 其他结果\n');
    expect(md).not.toMatch(/^## 其他$/m);
    const en = await markdown(text);
    expect(en).not.toMatch(/^## Other$/m);
  });
});
