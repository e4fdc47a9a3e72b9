/**
 * Characters XML 1.0 cannot hold, escaped or not: the control characters other than tab and line breaks,
 * and U+FFFE, U+FFFF. No SVG, workbook or slide can carry them, so a codebook refuses them and what draws text
 * drops them.
 */
// eslint-disable-next-line no-control-regex
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/gu;

export function hasXmlUnsafe(text: string): boolean {
  XML_UNSAFE.lastIndex = 0;
  return XML_UNSAFE.test(text);
}

export function withoutXmlUnsafe(text: string): string {
  return text.replace(XML_UNSAFE, '');
}
