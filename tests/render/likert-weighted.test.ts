/**
 * The likert chart of a weighted survey shows the weighted shares, as the weighted tables do, and says it is
 * weighted (issue 21: a chart showed 26.7% beside a table's 27.5%); and a drawn likert chart is always placed in
 * the report. Weighted shares from R's survey package (tests/reference/likert_weighted_reference.R:
 * svymean(~factor(sat), rake(svydesign(ids = ~1, weights = ~w, data = d), …, epsilon = 1e-10))).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analyze-survey.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestBytes } from '../../src/ingest/ingest-text.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';
import reference from '../reference/likert-weighted-reference.json' with { type: 'json' };

const bytes = readFileSync(new URL('../reference/weighting-data.csv', import.meta.url));
const yaml = readFileSync(new URL('../fixtures/weighting/survey.yaml', import.meta.url), 'utf8');

async function report(text: string) {
  const parsed = parseCodebook(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return buildReport(parsed.value, ingestBytes(parsed.value, bytes, surveyFold(parsed.value), { file: 'weighting-data.csv' }), 'weighting-data.csv');
}

type Segment = { option: string; share: number; n: number };

describe('the likert chart', () => {
  it("shows a weighted survey's weighted shares, as R's svymean gives them, and says it is weighted", async () => {
    const built = await report(yaml);
    const spec = JSON.parse(String(built.files.get('charts/likert-sat.vl.json'))) as { data: { values: Segment[] }; title: { subtitle: string[] } };
    const segments = spec.data.values;
    expect(segments.map((s) => s.option)).toEqual(['1', '2', '3', '4', '5']);
    segments.forEach((s, i) => expect(s.share).toBeCloseTo(reference.weighted[i] as number, 10));
    expect(segments[0]?.n).toBe(reference.n);
    expect(spec.title.subtitle).toEqual(["n = 388; bar lengths are each answer's share of those who answered; weighted (rake: industry, gender)", 'data: Weighting reference']);
  });

  it('shows the counts\' shares without weighting, and is placed in the report even without a satisfaction section', async () => {
    // The fixture's metrics have no section (all "other"): before, the drawn likert chart never reached the report.
    const built = await report(yaml.replace(/weighting:\n {2}method: rake\n {2}column: w\n {2}by: \[industry, gender\]\n?/, ''));
    const spec = JSON.parse(String(built.files.get('charts/likert-sat.vl.json'))) as { data: { values: Segment[] }; title: { subtitle: string[] } };
    spec.data.values.forEach((s, i) => expect(s.share).toBeCloseTo(reference.unweighted[i] as number, 12));
    expect(spec.title.subtitle).toEqual(["n = 388; bar lengths are each answer's share of those who answered; unweighted", 'data: Weighting reference']);
    const md = String(built.files.get('report.md'));
    expect(md).toMatch(/## Answers to scale questions\n\n!\[Stacked bar chart of “sat”: [^\]]+\]\(charts\/likert-sat\.svg\)/);
  });
});
