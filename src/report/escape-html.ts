/** Text made safe inside HTML elements and double-quoted attributes: `&`, `<`, `>` and `"` become entities. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
