/**
 * Text from a codebook or an export, made safe to place in Markdown: HTML is inert (`<` `>` `&` become
 * entities) and the Markdown characters that act inside a line are backslash-escaped, so a label shows as typed and a
 * respondent's `<script>` stays text. Line breaks fold to spaces (a table cell is one line).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}
