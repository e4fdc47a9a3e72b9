/**
 * report.pptx read back by tests/read-zip.ts (node's zlib on the zip's central directory, not the writer's
 * library): its slides, their headlines, images, alt texts and notes, its fixed clock stamps, its theme.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import reference from '../reference/kimi-2024-reference.json' with { type: 'json' };
import { analyzeSurvey } from '../../src/analyze-survey.ts';
import { fitted, slideText } from '../../src/report/report-deck.ts';
import { keyFindings, topFlag } from '../../src/report/key-findings.ts';
import { estimateTextWidth } from '../../src/render/text-width.ts';
import { readZip, type ZipPart } from '../read-zip.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'stickiness-deck-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Slide {
  texts: string[];
  pictures: { name: string; descr: string; target: string }[];
  notes: string[];
}

const unescape = (xml: string): string => xml.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const textsOf = (xml: string): string[] => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => unescape(m[1] ?? ''));

/** The slides in order (as presentation.xml lists them), each with its texts, pictures and notes. */
function slidesOf(parts: Map<string, ZipPart>): Slide[] {
  const read = (name: string): string => {
    const part = parts.get(name);
    if (part === undefined) throw new Error(`no part ${name}`);
    return part.data.toString('utf8');
  };
  const rels = (name: string): Map<string, string> =>
    new Map([...read(name).matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
  const presentation = rels('ppt/_rels/presentation.xml.rels');
  const order = [...read('ppt/presentation.xml').matchAll(/<p:sldId [^>]*r:id="([^"]+)"/g)].map((m) => presentation.get(m[1] ?? '') ?? '');
  return order.map((target) => {
    const file = `ppt/${target}`;
    const xml = read(file);
    const own = rels(file.replace('slides/', 'slides/_rels/') + '.rels');
    const pictures = [...xml.matchAll(/<p:pic>.*?<\/p:pic>/gs)].map((m) => {
      const pic = m[0];
      const attributes = /<p:cNvPr [^>]*name="([^"]*)" descr="([^"]*)"/.exec(pic);
      const embed = /r:embed="([^"]+)"/.exec(pic)?.[1] ?? '';
      return { name: unescape(attributes?.[1] ?? ''), descr: unescape(attributes?.[2] ?? ''), target: path.posix.join('ppt/slides', own.get(embed) ?? '') };
    });
    const notesTarget = [...own.values()].find((t) => t.includes('notesSlide'));
    const notes = notesTarget === undefined ? [] : textsOf(read(path.posix.join('ppt/slides', notesTarget)));
    return { texts: textsOf(xml), pictures, notes };
  });
}

const percent0 = (x: number): number => Math.round(x * 100);

/** A spec's subtitle, as the lines it is drawn in. */
function captionLines(spec: string): string[] {
  const subtitle = (JSON.parse(spec) as { title: { subtitle: string | string[] } }).title.subtitle;
  return Array.isArray(subtitle) ? subtitle : [subtitle];
}

/** Text without its separators and spaces (where a wrapped subtitle breaks). */
const bare = (text: string): string => text.replace(/[；;\s]/g, '');

describe('report.pptx of the sample survey', async () => {
  const result = await analyzeSurvey(path.join(ROOT, 'surveys/kimi-2024'), { outDir: path.join(work, 'sample') });
  const deck = Buffer.from(result.files.get('report.pptx') as Uint8Array);
  const parts = readZip(deck);
  const slides = slidesOf(parts);
  const charts = [...result.files.keys()].filter((f) => f.startsWith('charts/') && f.endsWith('.png')).map((f) => f.slice('charts/'.length, -'.png'.length));

  it('has a title slide, one slide per chart and a methods slide', () => {
    expect(charts.length).toBeGreaterThan(15);
    expect(slides).toHaveLength(charts.length + 2);
    expect(slides.slice(1, -1).map((s) => s.pictures[0]?.name).sort()).toEqual([...charts].sort());
    expect(slides[slides.length - 1]?.texts[0]).toBe('方法');
  });

  it('puts the survey, its fieldwork dates, n and the key findings, the main caveat last, on the title slide', () => {
    const title = slides[0]?.texts.join('\n') ?? '';
    expect(title).toContain(result.stats.survey.title);
    expect(title).toContain('2024-03-15 至 2024-03-22');
    expect(title).toContain(`n = ${reference.accepted}`);
    // The findings as the report states them (tests/report/key-findings.test.ts holds them against the reference).
    const findings = keyFindings(result.codebook.codebook, result.stats);
    expect(findings).toHaveLength(6);
    for (const finding of findings) expect(slides[0]?.texts).toContain(finding.text);
    const share = (m: { estimate: number; wilson: number[] }): string => `${(m.estimate * 100).toFixed(1)}%（${((m.wilson[0] ?? 0) * 100).toFixed(1)}–${((m.wilson[1] ?? 0) * 100).toFixed(1)}%，n = 154）`;
    expect(slides[0]?.texts).toContain(`留存与粘性：每周至少使用一次 ${share(reference.metrics.weekly_active)}，每天使用 ${share(reference.metrics.daily_active)}。`);
    // The main caveat is the first critical flag: the industry mix (sample 40.9% finance against 6% of the population).
    expect(slides[0]?.texts.at(-1)).toMatch(/^最需要注意（严重）：样本中「金融」（行业）占 40\.9%，而总体中为 6\.0%/);
    expect(slides[0]?.notes.join('\n')).toContain(findings[5]?.text ?? '-');
  });

  it('heads each chart slide with its finding, the numbers as pandas/scipy computed them (tests/reference/kimi_2024_reference.py)', () => {
    const headlines = slides.slice(1, -1).map((s) => s.texts[0] ?? '');
    const weekly = reference.metrics.weekly_active;
    // The retention section's lead bars: weekly use, then daily use, whole percents of the Wilson interval.
    expect(headlines[0]).toBe(`每周至少使用一次：${percent0(weekly.estimate)}%（${percent0(weekly.wilson[0] ?? 0)}–${percent0(weekly.wilson[1] ?? 0)}%）；每天使用：${percent0(reference.metrics.daily_active.estimate)}%（${percent0(reference.metrics.daily_active.wilson[0] ?? 0)}–${percent0(reference.metrics.daily_active.wilson[1] ?? 0)}%）`);
    const nps = reference.metrics.nps;
    expect(headlines).toContain(`NPS ${nps.estimate.toFixed(0)}（${nps.ci[0]?.toFixed(0)}–${nps.ci[1]?.toFixed(0)}）：推荐者 ${percent0(nps.promoters / nps.n)}%，贬损者 ${percent0(nps.detractors / nps.n)}%`);
    // The industry mix: finance is the most chosen.
    const finance = reference.metrics.industry_mix.groups['金融'];
    expect(headlines).toContain(`选择最多：金融，${percent0(finance.estimate)}%（${percent0(finance.wilson[0] ?? 0)}–${percent0(finance.wilson[1] ?? 0)}%）`);
    // Key drivers: answer quality leads with 50.9% of R² (statsmodels OLS over all 32 subsets).
    // Named by its outcome (the intent question), not by the analysis's label.
    expect(headlines.find((h) => h.startsWith('对“继续使用意愿”影响最大的是回答质量：占 R² 的 51%'))).toBeDefined();
    // 办公写作 and 学习科研 tie at 76 of 154: both are named.
    expect(headlines).toContain('选择最多：办公写作、学习科研，49%（42–57%）');
    // No breakdown group differs after the Holm adjustment (the reference's group tests): every forest slide says so.
    expect(headlines.filter((h) => h.startsWith('按') && h.endsWith('分组无显著差异'))).toHaveLength(charts.filter((c) => c.startsWith('forest-')).length);
  });

  it('shows each chart as its own PNG, with the chart’s alt text, in the order of report.md', () => {
    const markdown = result.files.get('report.md') as string;
    const shown = slides.slice(1, -1).map((s) => s.pictures[0]?.name ?? '');
    const inReport = shown.filter((name) => markdown.includes(`](charts/${name}.svg)`));
    expect(inReport.map((name) => markdown.indexOf(`](charts/${name}.svg)`))).toEqual([...inReport.map((name) => markdown.indexOf(`](charts/${name}.svg)`))].sort((a, b) => a - b));
    for (const slide of slides.slice(1, -1)) {
      const picture = slide.pictures[0];
      expect(picture).toBeDefined();
      if (picture === undefined) continue;
      const png = parts.get(picture.target)?.data;
      expect(png?.equals(Buffer.from(result.files.get(`charts/${picture.name}.png`) as Uint8Array)), picture.name).toBe(true);
      const spec = JSON.parse(result.files.get(`charts/${picture.name}.vl.json`) as string) as { description: string };
      expect(picture.descr).toBe(spec.description);
      expect(picture.descr.length).toBeGreaterThan(20);
    }
  });

  it('gives every slide speaker notes, and each chart n, the method its numbers rest on and the weighting', () => {
    expect(slides.every((s) => s.notes.join('').length > 0)).toBe(true);
    for (const slide of slides.slice(1, -1)) {
      const name = slide.pictures[0]?.name ?? '';
      const notes = slide.notes.join('\n');
      // The caption whole (the chart wraps it into lines, the notes keep it as one).
      const caption = notes.split(/\r?\n/)[0] ?? '';
      expect(bare(caption)).toBe(bare(captionLines(result.files.get(`charts/${name}.vl.json`) as string).join('')));
      if (/^(retention|satisfaction|usage|other|dist-|curve-|nps-|forest-)/.test(name)) expect(notes, name).toContain('区间：95% 置信区间；比例用 Wilson 区间');
      if (name.startsWith('forest-')) expect(notes).toContain('p 值按组数校正（Holm）');
      if (name.startsWith('drivers-') || name.startsWith('quadrant-')) expect(notes).toContain('驱动因素：线性回归 R² 的 LMG 分解');
      expect(notes).toContain('加权：未加权');
      expect(notes).toContain('注意：');
    }
    expect(slides.filter((s) => s.notes.join('\n').includes(`n = ${reference.accepted}`)).length).toBeGreaterThan(10);
  });

  it('stamps no clock: fixed zip times and document dates, the same bytes on a second run', async () => {
    expect([...parts.values()].every((p) => p.dosDate === 33 && p.dosTime === 0)).toBe(true);
    const core = parts.get('docProps/core.xml')?.data.toString('utf8') ?? '';
    expect([...core.matchAll(/<dcterms:(?:created|modified)[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(['2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z']);
    const again = await analyzeSurvey(path.join(ROOT, 'surveys/kimi-2024'), { outDir: path.join(work, 'again') });
    expect(Buffer.from(again.files.get('report.pptx') as Uint8Array).equals(deck)).toBe(true);
  });
});

describe('report.pptx of an English weighted survey with a theme', async () => {
  // The weighting reference survey (R survey's rake), in a folder whose parent holds stickiness.theme.json;
  // the codebook's own `theme:` sets the main colour, and the file the rest.
  const surveys = path.join(work, 'themed');
  const dir = path.join(surveys, 'weighting');
  cpSync(path.join(ROOT, 'tests/fixtures/weighting'), dir, { recursive: true });
  cpSync(path.join(ROOT, 'tests/reference/weighting-data.csv'), path.join(dir, 'weighting-data.csv'));
  writeFileSync(path.join(surveys, 'stickiness.theme.json'), JSON.stringify({ font: 'Source Sans 3', palette: { main: '#111111', highlight: '#ee7700' }, logo: 'Acme R&D <Research>' }));
  writeFileSync(path.join(dir, 'survey.yaml'), `${readFileSync(path.join(dir, 'survey.yaml'), 'utf8')}\ntheme: { palette: { main: "#0b5fff" } }\n`);
  const result = await analyzeSurvey(dir, { outDir: path.join(work, 'themed-out') });
  const parts = readZip(Buffer.from(result.files.get('report.pptx') as Uint8Array));
  const slides = slidesOf(parts);

  it('uses the theme in every chart config and on every slide', () => {
    type Config = { config: { font: string; bar: { color: string }; range?: { category: string[] } } };
    const spec = JSON.parse(result.files.get('charts/other.vl.json') as string) as Config;
    expect(spec.config.font.startsWith('"Source Sans 3", "Noto Sans SC"')).toBe(true);
    expect(spec.config.bar.color).toBe('#0b5fff');
    // A forest plot's one colour scale: no clear difference in the main colour, a difference in the highlight.
    expect((JSON.parse(result.files.get('charts/forest-gender-active.vl.json') as string) as Config).config.range?.category).toEqual(['#0b5fff', '#ee7700']);
    expect(result.files.get('charts/other.svg')).toContain('fill="#0b5fff"');
    expect(result.files.get('charts/forest-gender-active.svg')).toContain('#0b5fff');
    for (const [name, svg] of result.files) if (name.endsWith('.svg')) expect(svg, name).not.toContain('#4C78A8');
    for (const slide of slides) expect(slide.texts).toContain('Acme R&D <Research>');
    // pptxgenjs writes the company unescaped: it is escaped before, so docProps/app.xml stays well-formed.
    expect(parts.get('docProps/app.xml')?.data.toString('utf8')).toContain('<Company>Acme R&amp;D &lt;Research&gt;</Company>');
    const xml = parts.get('ppt/slides/slide2.xml')?.data.toString('utf8') ?? '';
    expect(xml).toContain('typeface="Source Sans 3"');
  });

  it('says the weighting in English in the notes and on the methods slide', () => {
    const methods = slides[slides.length - 1]?.texts ?? [];
    expect(methods[0]).toBe('Method');
    expect(methods.find((line) => line.startsWith('Weighting: raked on industry, gender, effective n '))).toBeDefined();
    expect(methods.find((line) => line.startsWith('Intervals: 95% confidence; shares by Clopper-Pearson at the effective n'))).toBeDefined();
    for (const slide of slides.slice(1, -1)) expect(slide.notes.join('\n')).toContain('Weighting: raked on industry, gender');
    expect(slides[0]?.texts.some((t) => t.startsWith('n = '))).toBe(true);
  });
});

describe('deck text', () => {
  it('drops the control characters XML 1.0 refuses, and keeps tabs and line breaks', () => {
    expect(slideText('a\u0001b\u0008c\td\ne\u001Ff\uFFFE')).toBe('abc\td\nef');
  });

  it('sizes a headline to its box: the largest size whose text fits, else the smallest with the text cut', () => {
    expect(fitted('Weekly use: 89% (83–93%)', 12, [26, 22, 18], 2, true)).toEqual({ text: 'Weekly use: 89% (83–93%)', fontSize: 26 });
    const long = 'A headline '.repeat(20).trim();
    // 219 characters: too wide for two lines of 12 inches at 26 or 22 points, not at 18.
    expect(fitted(long, 12, [26, 22, 18], 2, true).fontSize).toBe(18);
    const cut = fitted('x'.repeat(2000), 12, [26, 22, 18], 2, true);
    expect(cut.fontSize).toBe(18);
    expect(cut.text.endsWith('…')).toBe(true);
    expect(estimateTextWidth(cut.text, 18)).toBeLessThanOrEqual((12 * 72 * 2 * 0.9) / 1.12);
  });

  it('takes the most severe flag as the top one, the first of its severity', () => {
    const flag = (code: string, severity: 'info' | 'warn' | 'critical') => ({ code, severity, message: code, evidence: {} });
    expect(topFlag([flag('a', 'info'), flag('b', 'warn'), flag('c', 'warn')])?.code).toBe('b');
    expect(topFlag([flag('a', 'info'), flag('b', 'critical')])?.code).toBe('b');
    expect(topFlag([])).toBeUndefined();
  });
});
