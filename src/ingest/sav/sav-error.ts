/**
 * What is wrong with a `.sav` file, said for a person, without the file's name: the parser throws it, and
 * `readSav` (read-sav.ts) turns it into a UserError naming the file. Every message ends with how to fix it.
 */
export class SavError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SavError';
  }
}

/** The advice that ends most messages: a file SPSS or PSPP writes anew is one this reader can read. */
export const RESAVE = 're-save it from SPSS or PSPP as .sav';

/** The file ended inside `what` (a record, a case). */
export function truncated(what: string): SavError {
  return new SavError(`ends in the middle of ${what}: the file is truncated or damaged; copy it again, or ${RESAVE}`);
}

/** A structure the format does not allow. */
export function malformed(what: string): SavError {
  return new SavError(`is not a valid SPSS system file (${what}); ${RESAVE}`);
}
