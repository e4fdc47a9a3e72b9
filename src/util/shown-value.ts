/**
 * A value from the data as an output may show it when it is not free text (a rejected cell in
 * `validation.json` or the terminal, a quarantined row's cells in `quarantine.csv`): text written into
 * "other, please specify" (Wenjuanxing's `其他〖…〗`) is withheld, e-mail addresses and phone-like numbers are
 * masked as in quoted free text, a value that still looks personal (an IP address, say) is withheld whole,
 * and bidirectional controls are removed.
 */
import { withoutBidiControls } from './inert-text.ts';
import { looksPersonal } from './looks-personal.ts';
import { maskContacts } from './mask-contacts.ts';

export const WITHHELD = '[withheld]';

export function shownValue(value: string): string {
  const written = value.includes('〖') ? value.replace(/〖[^〗]*(?:〗|$)/g, `〖${WITHHELD}〗`) : value;
  const masked = maskContacts(withoutBidiControls(written));
  return looksPersonal(masked) ? WITHHELD : masked;
}
