/**
 * `report.pptx`: the report as slides an analyst can present as they are. A title slide (the survey, its
 * fieldwork dates, n, the key findings with the main caveat last), one slide per chart (its finding as the headline, the chart as a
 * 2× image with its alt text, speaker notes with n, the interval method, the weighting and the caveats) and a
 * methods slide. Written by pptxgenjs; its clock stamps are then fixed, so the same inputs give the same bytes.
 */
import pptxgenjs from 'pptxgenjs';
import JSZip from 'jszip';
import type { Codebook } from '../codebook/schema.ts';
import type { Flag } from '../model/flag.ts';
import type { Stats } from '../model/stats.ts';
import { paletteOf } from '../render/chart-theme.ts';
import type { ChartSpec } from '../render/chart-specs.ts';
import { fitText } from '../render/chart-text.ts';
import { BOLD_WIDTH, estimateTextWidth } from '../render/text-width.ts';
import { oneLine } from '../util/one-line.ts';
import { withoutXmlUnsafe } from '../util/xml-text.ts';
import { escapeHtml } from './escape-html.ts';
import { fixedZipTimes } from './fixed-zip-times.ts';
import { keyFindings, topFlag } from './key-findings.ts';
import { methodLines, type Method } from './method-lines.ts';

// The package's types read as CommonJS under NodeNext (the class as `default` of the default import), while
// Node loads its ES build, whose default import is the class itself: either way, this is the class.
type Pptx = typeof pptxgenjs.default;
const PptxGenJS = ((pptxgenjs as unknown as { default?: Pptx }).default ?? pptxgenjs) as Pptx;
type Slide = ReturnType<InstanceType<Pptx>['addSlide']>;
type TextOptions = NonNullable<Parameters<Slide['addText']>[1]>;

export interface DeckChart {
  chart: ChartSpec;
  png: Uint8Array;
}

/** Every text stamp pptxgenjs writes (docProps/core.xml) becomes this moment. */
export const DECK_TIME = '2000-01-01T00:00:00Z';

/** The 16:9 slide, in inches. */
const SLIDE = { w: 13.333, h: 7.5 };
const MARGIN = 0.5;
/** Where a chart image may go, in inches. */
const IMAGE_BOX = { x: MARGIN, y: 1.45, w: SLIDE.w - 2 * MARGIN, h: SLIDE.h - 1.45 - 0.35 };
/** Points per inch. */
const POINTS = 72;
/** Chart PNGs are drawn at 2 device pixels per CSS pixel, and a CSS pixel is 1/96 inch. */
const PIXELS_PER_INCH = 192;
/** A small chart is enlarged at most this much, so its text does not outgrow the headline. */
const MAX_ENLARGE = 1.6;

const TEXT = {
  zh: {
    font: 'Microsoft YaHei',
    fielded: (start: string, end: string) => `调查时间：${start} 至 ${end}`,
    n: (accepted: number, read: number) => `有效样本 n = ${accepted}（读取 ${read} 行）`,
    factSep: '　·　',
    method: '方法',
    caveat: (message: string) => `注意：${message}`,
    altText: (alt: string) => `图表内容：${alt}`,
    titleNotes: '本演示由 stickiness 生成：每张图一页，标题为图中的主要发现；备注中有样本量、区间方法、加权与注意事项。',
  },
  en: {
    font: 'Calibri',
    fielded: (start: string, end: string) => `Fieldwork: ${start} to ${end}`,
    n: (accepted: number, read: number) => `n = ${accepted} responses (${read} rows read)`,
    factSep: '  ·  ',
    method: 'Method',
    caveat: (message: string) => `Caveat: ${message}`,
    altText: (alt: string) => `What the chart shows: ${alt}`,
    titleNotes: 'Made by stickiness: one slide per chart, headed by its main finding; the notes give n, the interval method, the weighting and the caveats.',
  },
} as const;

/**
 * Text as a slide's XML may hold it: XML 1.0 refuses most control characters, so they are dropped (pptxgenjs
 * escapes `<` and `&` itself).
 */
export function slideText(text: string): string {
  return withoutXmlUnsafe(text);
}

/** A slide's headline or bullet: one line, as a label's line breaks would split it into paragraphs. */
function slideLine(text: string): string {
  return slideText(oneLine(text));
}

/**
 * The largest of `sizes` (points) at which `text` fits `lines` lines of `width` inches, and the text, cut with
 * `…` at the smallest size when even that does not fit. Sized here rather than left to the viewer: PowerPoint
 * shrinks text to its box only once someone edits it.
 */
export function fitted(text: string, width: number, sizes: readonly number[], lines: number, bold = false): { text: string; fontSize: number } {
  // Measured as the charts measure text, with a tenth to spare for other fonts; a bold face runs wider.
  const room = (width * POINTS * lines * 0.9) / (bold ? BOLD_WIDTH : 1);
  for (const size of sizes) if (estimateTextWidth(text, size) <= room) return { text, fontSize: size };
  const smallest = sizes[sizes.length - 1] ?? 12;
  return { text: fitText(text, room, smallest), fontSize: smallest };
}

/** A PNG's size in pixels, from its IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The chart's place on the slide: as large as the box allows (up to MAX_ENLARGE), centred in it. */
function imagePlace(png: Uint8Array): { x: number; y: number; w: number; h: number } {
  const { width, height } = pngSize(png);
  const [w, h] = [width / PIXELS_PER_INCH, height / PIXELS_PER_INCH];
  const scale = Math.min(MAX_ENLARGE, IMAGE_BOX.w / w, IMAGE_BOX.h / h);
  const round = (inches: number): number => Math.round(inches * 1000) / 1000;
  return { x: round(IMAGE_BOX.x + (IMAGE_BOX.w - w * scale) / 2), y: round(IMAGE_BOX.y + (IMAGE_BOX.h - h * scale) / 2), w: round(w * scale), h: round(h * scale) };
}

/** The deck of one report: its charts in report order, with their PNGs; `method` is how the numbers were made. */
export async function reportDeck(codebook: Codebook, stats: Stats, charts: readonly DeckChart[], method: Method): Promise<Uint8Array> {
  const methods = methodLines(method);
  const t = TEXT[codebook.language];
  const palette = paletteOf(codebook.theme);
  const hex = (colour: string): string => (colour.length === 4 ? colour.slice(1).replace(/./g, '$&$&') : colour.slice(1)).toUpperCase();
  const font = codebook.theme?.font ?? t.font;
  const lang = codebook.language === 'zh' ? 'zh-CN' : 'en-US';
  const ink = '1F2D3D';
  const grey = '555555';

  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = slideText(stats.survey.title);
  pptx.author = 'stickiness';
  // pptxgenjs writes the company into docProps/app.xml as it is: escaped here, so `R&D` stays well-formed.
  pptx.company = escapeHtml(slideText(codebook.theme?.logo ?? ''));
  pptx.theme = { headFontFace: font, bodyFontFace: font };

  // The brand line goes on last, so a screen reader reads the slide's own text first.
  const logo = (slide: Slide): void => {
    if (codebook.theme?.logo === undefined) return;
    slide.addText(slideText(codebook.theme.logo), { x: SLIDE.w - MARGIN - 4, y: 0.15, w: 4, h: 0.35, fontFace: font, fontSize: 11, color: grey, align: 'right', lang });
  };
  const flag = topFlag(stats.flags);

  // The title slide: the survey, its facts, and its key findings with the main caveat last.
  const title = pptx.addSlide();
  title.addShape(pptx.ShapeType.rect, { x: MARGIN, y: 0.55, w: 0.12, h: 1.35, fill: { color: hex(palette.main) }, line: { color: hex(palette.main) } });
  const wide = SLIDE.w - 2 * MARGIN - 0.3;
  title.addText(...sized(fitted(slideLine(stats.survey.title), wide, [32, 28, 24, 20], 2, true), { x: MARGIN + 0.3, y: 0.5, w: wide, h: 1.45, fontFace: font, bold: true, color: ink, valign: 'bottom', lang }));
  const facts = [
    ...(stats.survey.fielded === undefined ? [] : [t.fielded(stats.survey.fielded.start, stats.survey.fielded.end)]),
    t.n(stats.input.accepted, stats.input.rowsRead),
  ];
  title.addText(slideText(facts.join(t.factSep)), { x: MARGIN + 0.3, y: 2.0, w: wide, h: 0.5, fontFace: font, fontSize: 16, color: grey, valign: 'top', lang });
  const findings = keyFindings(codebook, stats).map((finding) => ({ ...finding, text: slideLine(finding.text) }));
  const box = { x: MARGIN + 0.3, y: 2.7, w: wide, h: SLIDE.h - 2.7 - MARGIN };
  const size = listSize(findings.map((finding) => finding.text), box.w, box.h, [20, 18, 16, 14, 12, 11], 8);
  title.addText(
    findings.map((finding) => {
      const flagged = finding.severity === 'warn' || finding.severity === 'critical';
      return { text: finding.text, options: { bullet: true, breakLine: true, color: flagged ? hex(palette.highlight) : ink, bold: finding.severity === 'critical' } };
    }),
    { ...box, fontFace: font, fontSize: size, valign: 'top', paraSpaceAfter: 8, lang },
  );
  logo(title);
  title.addNotes(slideText([t.titleNotes, ...findings.map((finding) => finding.text)].join('\n')));

  // One slide per chart.
  for (const { chart, png } of charts) {
    const slide = pptx.addSlide();
    // The finding, beside a bar in the main colour; the chart carries its own title.
    slide.addShape(pptx.ShapeType.rect, { x: MARGIN, y: 0.4, w: 0.08, h: 0.9, fill: { color: hex(palette.main) }, line: { color: hex(palette.main) } });
    slide.addText(...sized(fitted(slideLine(chart.headline), SLIDE.w - 2 * MARGIN - 0.25, [26, 22, 18], 2, true), { x: MARGIN + 0.2, y: 0.35, w: SLIDE.w - 2 * MARGIN - 0.25, h: 1.0, fontFace: font, bold: true, color: ink, valign: 'middle', lang }));
    slide.addImage({ data: `image/png;base64,${Buffer.from(png).toString('base64')}`, ...imagePlace(png), altText: slideText(chart.alt), objectName: chart.name });
    logo(slide);
    slide.addNotes(slideText(chartNotes(codebook, chart, method, flag).join('\n')));
  }

  // The methods slide.
  const methodSlide = pptx.addSlide();
  methodSlide.addText(t.method, { x: MARGIN, y: 0.45, w: SLIDE.w - 2 * MARGIN, h: 0.7, fontFace: font, fontSize: 26, bold: true, color: ink, valign: 'middle', lang });
  methodSlide.addText(
    methods.map((line) => ({ text: slideText(line), options: { bullet: true, breakLine: true } })),
    { x: MARGIN, y: 1.3, w: SLIDE.w - 2 * MARGIN, h: SLIDE.h - 1.3 - MARGIN, fontFace: font, fontSize: listSize(methods, SLIDE.w - 2 * MARGIN, SLIDE.h - 1.3 - MARGIN, [14, 12, 11, 10], 6), color: ink, valign: 'top', paraSpaceAfter: 6, lang },
  );
  logo(methodSlide);
  methodSlide.addNotes(slideText(methods.join('\n')));

  const written = (await pptx.write({ outputType: 'uint8array', compression: true })) as Uint8Array;
  return fixedDeck(written);
}

/** A text box's text, and its options with the font size that fits it, as `addText` takes them. */
function sized(fit: { text: string; fontSize: number }, options: TextOptions): [string, TextOptions] {
  return [fit.text, { ...options, fontSize: fit.fontSize }];
}

/** A bulleted list's font size: the largest of `sizes` (points) at which its lines fit the box, else 9. */
function listSize(lines: readonly string[], width: number, height: number, sizes: readonly number[], spaceAfter: number): number {
  for (const size of sizes) {
    // A bullet and its indent take about half an inch of each line.
    const rows = lines.reduce((sum, line) => sum + Math.ceil(estimateTextWidth(line, size) / ((width - 0.5) * POINTS * 0.9)), 0);
    if (rows * size * 1.2 + lines.length * spaceAfter <= height * POINTS) return size;
  }
  return 9;
}

/** A chart's speaker notes: its caption (n, intervals, weighting, data), what it shows, the interval method, the weighting, and the top caveat. */
function chartNotes(codebook: Codebook, chart: ChartSpec, method: Method, flag: Flag | undefined): string[] {
  const t = TEXT[codebook.language];
  return [chart.caption, t.altText(chart.alt), ...methodFor(chart.name, method), method.weighting, ...(flag === undefined || flag.severity === 'info' ? [] : [t.caveat(flag.message)])];
}

/**
 * The method lines a chart's numbers rest on: a forest plot's intervals, tests and small-group rules; the
 * driver models behind the importance charts; the intervals of the charts of estimates; a histogram's quantile
 * intervals; none for counts, answer shares and the audit.
 */
function methodFor(name: string, method: Method): string[] {
  const kind = /^(forest|drivers|quadrant|hist|likert|audit|accounting|dist|curve|nps)-?/.exec(name)?.[1] ?? 'section';
  if (kind === 'forest') return [method.intervals, ...(method.tests === undefined ? [] : [method.tests]), ...(method.smallGroups === undefined ? [] : [method.smallGroups])];
  if (kind === 'drivers' || kind === 'quadrant') return method.drivers;
  if (kind === 'section' || kind === 'dist' || kind === 'curve' || kind === 'nps') return [method.intervals];
  if (kind === 'hist') return method.quantiles === undefined ? [] : [method.quantiles];
  return [];
}

/**
 * The deck with its clock stamps fixed: the creation and modification times in docProps/core.xml, and every
 * part's zip time. The parts are compressed again by the same zip library in the same order.
 */
async function fixedDeck(deck: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(deck);
  const core = zip.file('docProps/core.xml');
  if (core !== null) {
    const xml = await core.async('string');
    zip.file('docProps/core.xml', xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${DECK_TIME}$2`));
  }
  const when = new Date(DECK_TIME);
  for (const file of Object.values(zip.files)) file.date = when;
  return fixedZipTimes(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } }));
}
