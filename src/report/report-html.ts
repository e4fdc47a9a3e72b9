/**
 * `report.html`: the Markdown report as one self-contained page (no network, no scripts): the Markdown is
 * rendered by `marked`, every chart image is replaced by its SVG inline, and a small print-friendly style
 * sheet is embedded. All text reaching the page was already escaped for Markdown (`<` as `&lt;`), and the
 * SVGs come from vega, which escapes its text, so respondent input stays text.
 */
import { Marked, type Token, type Tokens } from 'marked';
import type { Codebook } from '../codebook/schema.ts';
import { escapeHtml } from './escape-html.ts';

const STYLE = `
body { font-family: "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; color: #1f2d3d;
  max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #ccd; } h3 { font-size: 1.05rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; display: block; max-width: 100%; overflow-x: auto; }
th, td { border: 1px solid #ccd; padding: 0.25rem 0.6rem; } th { background: #f3f5f8; } td[align="right"] { white-space: nowrap; } td:first-child { min-width: 10rem; }
td:not(:first-child) { font-variant-numeric: tabular-nums; }
blockquote { margin: 0.8rem 0; padding: 0.5rem 0.8rem; border-left: 4px solid #8a94a6; background: #f5f6f8; }
blockquote p { margin: 0.2rem 0; }
blockquote.flag-critical { border-left: 8px solid #b3261e; background: #fdecea; }
blockquote.flag-warn { border-left: 6px double #8a5a00; background: #fff6dc; }
blockquote.flag-info { border-left: 3px dashed #2f6690; background: #eef4fa; }
blockquote.flag-critical strong:first-child { color: #b3261e; } blockquote.flag-warn strong:first-child { color: #6b4600; } blockquote.flag-info strong:first-child { color: #2f6690; }
h2:first-of-type + ul { background: #f7f9fc; border: 1px solid #dde3ec; border-radius: 4px; padding: 0.6rem 1rem 0.6rem 2rem; font-size: 1.05rem; }
h2:first-of-type + ul li { margin: 0.3rem 0; }
figure.chart { margin: 1rem 0; } figure.chart svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; } table { display: table; } figure.chart, blockquote { break-inside: avoid; }
  blockquote, h2:first-of-type + ul { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

/** `svgs` maps a chart's relative path (`charts/retention.svg`) to its SVG text. */
export function reportHtml(codebook: Pick<Codebook, 'title' | 'language'>, markdown: string, svgs: ReadonlyMap<string, string>): string {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      image({ href, text }) {
        const svg = svgs.get(href);
        return svg === undefined ? '' : `<figure class="chart" role="img" aria-label="${escapeHtml(unescapeEntities(text))}">${svg.replace(/^<\?xml[^>]*>\s*/, '').trim()}</figure>`;
      },
      // An audit flag (report-md.ts starts it with its severity's sign in bold) is styled by its severity.
      blockquote({ tokens }) {
        const inner = this.parser.parse(tokens);
        const severity = severityOf(tokens[0]);
        return severity === undefined ? `<blockquote>\n${inner}</blockquote>\n` : `<blockquote class="flag flag-${severity}">\n${inner}</blockquote>\n`;
      },
      // Markdown may not bring raw HTML into the page.
      html({ text }) {
        return escapeHtml(text);
      },
    },
    // Nor links the text did not mean: no bare web address becomes one (escape-markdown.ts defangs them too).
    tokenizer: { url: () => undefined },
  });
  const body = marked.parse(markdown) as string;
  return `<!doctype html>
<html lang="${codebook.language === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(codebook.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}</body>
</html>
`;
}

const SIGNS: Readonly<Record<string, 'critical' | 'warn' | 'info'>> = { '✖': 'critical', '⚠': 'warn', ℹ: 'info' };

/** A flag's severity from its quote's first token: a paragraph opening with the severity's sign in bold. */
function severityOf(first: Token | undefined): 'critical' | 'warn' | 'info' | undefined {
  if (first?.type !== 'paragraph') return undefined;
  const lead = (first as Tokens.Paragraph).tokens[0];
  return lead?.type === 'strong' ? SIGNS[[...(lead as Tokens.Strong).text][0] ?? ''] : undefined;
}

/** The alt text arrives as escaped Markdown (`&lt;`): undo the entities so they are escaped once, not twice. */
function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\\([\\`*_[\]|~])/g, '$1');
}

