/** What the CLI prints for a failure, and its exit code: one line for bad input, a bug report line otherwise. */
import { UserError } from './user-error.ts';
import { UsageError } from './usage-error.ts';

export function errorMessage(error: unknown): { text: string; code: number } {
  if (error instanceof UsageError) return { text: `stickiness: ${error.message}`, code: 2 };
  if (error instanceof UserError) return { text: error.message, code: 1 };
  const detail = error instanceof Error ? (process.env['STICKINESS_DEBUG'] === '1' ? (error.stack ?? error.message) : error.message) : String(error);
  return { text: `stickiness: internal error: ${detail}\nThis is a bug; please report it with the command you ran (STICKINESS_DEBUG=1 shows the stack).`, code: 1 };
}
