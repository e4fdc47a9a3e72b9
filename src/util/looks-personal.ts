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
    (cell.length >= 8 && mayBePhone(cell) && PHONE.test(cell)) ||
    (cell.includes(':') && looksIpv6(cell))
  );
}

/** Without `+` or `-`, a phone number is 11 digits in a row (a mainland mobile): a cheap test before the regex. */
function mayBePhone(cell: string): boolean {
  if (cell.includes('+') || cell.includes('-')) return true;
  let run = 0;
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    run = code >= 48 && code <= 57 ? run + 1 : 0;
    if (run >= 11) return true;
  }
  return false;
}

function colons(cell: string): number {
  let count = 0;
  for (let at = cell.indexOf(':'); at >= 0; at = cell.indexOf(':', at + 1)) count++;
  return count;
}

function looksIpv6(cell: string): boolean {
  // An address has `::` or at least five colons; a clock time (`08:00:00`) has two.
  if (!cell.includes('::') && colons(cell) < 5) return false;
  const groups = IPV6.exec(cell)?.[1];
  return groups !== undefined && (groups.includes('::') || groups.split(':').length >= 6);
}
