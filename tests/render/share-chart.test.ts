/** Every chart spec the pipeline emits validates against the official Vega-Lite JSON schema, and renders. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analyze-survey.ts';
import { parseCodebook } from '../../src/codebook/parse-codebook.ts';
import { ingestFile } from '../../src/ingest/ingest-file.ts';
import { renderSvg } from '../../src/render/render-svg.ts';
import { shareChart } from '../../src/render/share-chart.ts';
import { surveyFold } from '../../src/stats/folds/survey-fold.ts';

// The schema vega-lite ships (its package exports do not expose the file, so it is read by path).
const schema = JSON.parse(readFileSync(new URL('../../node_modules/vega-lite/build/vega-lite-schema.json', import.meta.url), 'utf8')) as object;
// Formats (uri) are not checked: the schema's $schema field is the only one, and ajv would warn per spec.
const validateSpec = new Ajv({ allowUnionTypes: true, strict: false, validateFormats: false }).compile(schema);

const BARS = [
  { label: '每周至少使用一次', estimate: 0.9, low: 0.85, high: 0.94, n: 154 },
  { label: 'Daily <script>', estimate: 0.5, low: 0.42, high: 0.58, n: 154 },
];

describe('shareChart', () => {
  it('emits a spec valid against the Vega-Lite schema', () => {
    const spec = shareChart(BARS, { title: '留存', subtitle: 'n = 154', axisTitle: '占比', sortByEstimate: true });
    expect(validateSpec(spec), JSON.stringify(validateSpec.errors?.slice(0, 3))).toBe(true);
  });

  it('sorts bars largest first when asked and keeps the given order otherwise', () => {
    const values = (sortByEstimate: boolean) =>
      ((shareChart([...BARS].reverse(), { title: 't', subtitle: 's', axisTitle: 'a', sortByEstimate }).data as { values: { label: string }[] }).values.map((v) => v.label));
    expect(values(true)).toEqual(['每周至少使用一次', 'Daily <script>']);
    expect(values(false)).toEqual(['Daily <script>', '每周至少使用一次']);
  });

  it('renders to SVG with the labels as escaped text', async () => {
    const svg = await renderSvg(shareChart(BARS, { title: '留存', subtitle: 'n = 154', axisTitle: '占比', sortByEstimate: false }));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('每周至少使用一次');
    expect(svg).toContain('Daily &lt;script&gt;');
    expect(svg).not.toContain('<script>');
  });
});

describe('the sample report charts', () => {
  it('are all valid Vega-Lite specs', async () => {
    const parsed = parseCodebook(readFileSync(new URL('../../surveys/kimi-2024/survey.yaml', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error('sample codebook does not parse');
    const file = fileURLToPath(new URL('../../surveys/kimi-2024/responses.csv', import.meta.url));
    const { files } = await buildReport(parsed.value, await ingestFile(parsed.value, file, surveyFold(parsed.value)), file);
    const specs = [...files].filter(([name]) => name.endsWith('.vl.json'));
    expect(specs.map(([name]) => name).sort()).toEqual(
      [
        'accounting',
        'audit-age',
        'audit-gender',
        'audit-industry',
        'curve-weekly_by_tenure',
        'dist-industry_mix',
        'dist-scenario_mix',
        'drivers-intent',
        'forest-industry-csat',
        'forest-industry-nps',
        'forest-industry-weekly_active',
        'forest-scenarios-csat',
        'forest-scenarios-weekly_active',
        'likert-intent',
        'likert-quality',
        'likert-sat',
        'nps-nps',
        'quadrant-intent',
        'retention',
        'satisfaction',
      ].map((name) => `charts/${name}.vl.json`),
    );
    for (const [name, text] of specs) expect(validateSpec(JSON.parse(String(text))), name).toBe(true);
  });

  it('of the series report are valid Vega-Lite specs too', () => {
    const dir = new URL('../../reports/series/kimi-users/charts/', import.meta.url);
    const specs = readdirSync(dir).filter((name) => name.endsWith('.vl.json'));
    expect(specs.length).toBeGreaterThan(5);
    for (const name of specs) expect(validateSpec(JSON.parse(readFileSync(new URL(name, dir), 'utf8'))), name).toBe(true);
  });
});
