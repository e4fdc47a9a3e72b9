/**
 * An expected failure caused by the user's input (a codebook, an export, a flag). The CLI prints it as one
 * line, `where: what is wrong, and how to fix it`, and exits 1; it never shows a stack trace.
 */
export class UserError extends Error {
  /** The file (and, where known, `:row` or `:line:column`) or codebook path the problem is in. */
  readonly where: string;

  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'UserError';
    this.where = where;
  }
}
