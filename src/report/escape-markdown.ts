/**
 * Text from a codebook or an export, made safe to place in Markdown: inert (no bidirectional controls, web and
 * e-mail addresses defanged: util/inert-text.ts), HTML inert (`<` `>` `&` become entities), the Markdown
 * characters that act inside a line backslash-escaped, and a start that would open a block (a heading, a list
 * item, a quote, a rule) escaped, so a label shows as typed wherever it is placed and a respondent's
 * `<script>` or `# title` stays text. Line breaks fold to spaces (a table cell is one line).
 */
import { inertText } from '../util/inert-text.ts';

export function escapeMarkdown(text: string): string {
  return inertText(text)
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}
