/**
 * Whether a cell looks like personal data: an IPv4 or IPv6 address, an e-mail address or a phone number.
 * Columns whose cells look like this are treated as PII even when the codebook does not list them.
 */
const IPV4 = /(?:^|[^\d.])(?:\d{1,3}\.){3}\d{1,3}(?:$|[^\d.])/;
/** Hex groups joined by colons; an address when it has `::` or six or more groups (a clock time has three). */
const IPV6 = /(?:^|[^0-9a-f:])([0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})(?:$|[^0-9a-f:])/i;
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;
/** A mainland mobile number, or an international or grouped number of 8+ digits. */
const PHONE = /(?:^|\D)(?:1[3-9]\d{9}|\+\d[\d\s-]{7,}\d|\d{3,4}-\d{7,8})(?:$|\D)/;

/** Personal data is short; only the start of a long cell is looked at, which also keeps the regexes linear. */
const LOOK_AT = 256;

export function looksPersonal(text: string): boolean {
  const cell = text.length > LOOK_AT ? text.slice(0, LOOK_AT) : text;
  // Cheap character checks first: this runs on every cell of the metadata columns.
  return (
    (cell.includes('.') && IPV4.test(cell)) ||
    (cell.includes('@') && EMAIL.test(cell)) ||
    (cell.length >= 8 && PHONE.test(cell)) ||
    (cell.includes(':') && looksIpv6(cell))
  );
}

function looksIpv6(cell: string): boolean {
  const groups = IPV6.exec(cell)?.[1];
  return groups !== undefined && (groups.includes('::') || groups.split(':').length >= 6);
}
