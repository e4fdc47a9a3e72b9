/** What the commands print: every text made printable first (util/printable.ts). */
import { printable } from '../util/printable.ts';

export function writeOut(text: string): void {
  process.stdout.write(printable(text));
}

export function writeErr(text: string): void {
  process.stderr.write(printable(text));
}
