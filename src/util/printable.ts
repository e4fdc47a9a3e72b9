/**
 * Text for a terminal: control characters other than line breaks and tabs are shown as `\xNN` (an escape
 * sequence in a label or a file name cannot clear the screen or recolour it), and bidirectional controls are
 * removed (util/inert-text.ts).
 */
import { withoutBidiControls } from './inert-text.ts';

// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

export function printable(text: string): string {
  return withoutBidiControls(text).replace(CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
