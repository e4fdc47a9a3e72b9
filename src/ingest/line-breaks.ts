/**
 * Every line break between rows as `\n`, whatever the export used: CRLF (Windows, Wenjuanxing), LF, a lone
 * CR (old Mac tools), or a mix of them in one file, which a parser guessing one style for the whole file
 * would read as fewer, longer rows. Line breaks inside quoted cells are kept as written. Works chunk by
 * chunk on decoded text (a CRLF or a doubled quote may be split between chunks), in time linear in the text:
 * the stretches between quotes are rewritten by one native replace each.
 *
 * A quote opens a quoted cell at the start of a cell only (after the delimiter or a line break), as the CSV
 * parser reads it; inside one, a doubled quote is a quote, and a single one closes it.
 */
export type LineBreaks = (chunk: string) => string;

/** CRLF, then a lone CR, as `\n` (two native replaces: faster than one pattern with an optional LF). */
function unixLineBreaks(text: string): string {
  const crlf = text.replaceAll('\r\n', '\n');
  return crlf.includes('\r') ? crlf.replaceAll('\r', '\n') : crlf;
}

export function lineBreaks(delimiter: string): LineBreaks {
  let inQuotes = false;
  /** The last chunk ended with a CR outside quotes, written as `\n`: an LF starting this chunk belongs to it. */
  let crPending = false;
  /** The last chunk ended with a quote inside a quoted cell: a closing quote, or half of a doubled one. */
  let quotePending = false;
  /** The last character written, for telling the start of a cell at the start of a chunk (the file starts one). */
  let last = '\n';

  const startsCell = (before: string): boolean => before === delimiter || before === '\n' || before === '\r';

  return (chunk) => {
    const pieces: string[] = [];
    let at = 0;
    if (crPending) {
      crPending = false;
      if (chunk.startsWith('\n')) at = 1;
    }
    if (quotePending) {
      quotePending = false;
      if (chunk.charAt(at) === '"') {
        pieces.push('"');
        at++;
      } else inQuotes = false;
    }
    while (at < chunk.length) {
      if (inQuotes) {
        // Inside a quoted cell everything is kept; find the quote that closes it.
        let quote = chunk.indexOf('"', at);
        while (quote >= 0 && quote < chunk.length - 1 && chunk.charAt(quote + 1) === '"') quote = chunk.indexOf('"', quote + 2);
        const end = quote < 0 ? chunk.length : quote + 1;
        pieces.push(chunk.slice(at, end));
        if (quote === chunk.length - 1) quotePending = true;
        else if (quote >= 0) inQuotes = false;
        at = end;
        continue;
      }
      const quote = chunk.indexOf('"', at);
      const end = quote < 0 ? chunk.length : quote;
      pieces.push(unixLineBreaks(chunk.slice(at, end)));
      if (quote < 0) {
        crPending = chunk.endsWith('\r');
        break;
      }
      inQuotes = startsCell(quote === 0 ? last : chunk.charAt(quote - 1));
      pieces.push('"');
      at = quote + 1;
    }
    const out = pieces.length === 1 ? (pieces[0] ?? '') : pieces.join('');
    if (out !== '') last = out.charAt(out.length - 1);
    return out;
  };
}
