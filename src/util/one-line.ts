/** Text on one line: every run of line breaks (and the spaces around it) becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/[^\S\r\n]*[\r\n\u2028\u2029]+\s*/g, ' ');
}
