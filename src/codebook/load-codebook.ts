/** Reads and validates a `survey.yaml` (thin I/O around `parseCodebook`). */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../util/user-error.ts';
import { formatCodebookIssue, parseCodebook } from './parse-codebook.ts';
import type { Codebook } from './schema.ts';
import { findTheme, withTheme, type LoadedTheme } from './load-theme.ts';

/** Codebooks larger than this are refused before parsing: a real one is a few kilobytes. */
const MAX_CODEBOOK_BYTES = 1 << 20;

export interface LoadedCodebook {
  codebook: Codebook;
  /** Path of the `survey.yaml` file. */
  file: string;
  /** Folder holding it: `source.file` is relative to this. */
  dir: string;
  /** The codebook's text, for content hashes. */
  text: string;
  /** The `stickiness.theme.json` whose look the codebook takes (load-theme.ts). */
  theme?: LoadedTheme;
}

/** A codebook is UTF-8 (a byte-order mark is dropped); one saved as GBK by a Chinese editor gets told so. */
function decodeCodebook(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let gbk = false;
    try {
      new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      gbk = true;
    } catch {
      gbk = false;
    }
    throw new UserError(file, `is not UTF-8 text${gbk ? ' (it looks like GBK)' : ''}; save it as UTF-8 in your editor`);
  }
}

/** A codebook error lists every problem found, one line each. */
export class CodebookError extends UserError {
  readonly lines: string[];
  constructor(file: string, lines: string[]) {
    super(file, lines.join('\n'));
    this.lines = lines;
    this.message = lines.join('\n');
  }
}

/** Accepts a survey folder or the path of its `survey.yaml`. */
export function resolveCodebookPath(surveyPath: string): string {
  return /\.ya?ml$/i.test(surveyPath) ? surveyPath : path.join(surveyPath, 'survey.yaml');
}

export async function loadCodebook(surveyPath: string): Promise<LoadedCodebook> {
  const file = resolveCodebookPath(surveyPath);
  const info = await stat(file).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    throw new UserError(file, 'no such codebook; pass a survey folder holding survey.yaml, or the path of a survey.yaml');
  }
  if (info.size > MAX_CODEBOOK_BYTES) throw new UserError(file, `is ${info.size} bytes; a codebook must be under 1 MiB`);
  const text = decodeCodebook(file, await readFile(file));
  const result = parseCodebook(text);
  if (!result.ok) throw new CodebookError(file, result.issues.map((issue) => formatCodebookIssue(file, issue)));
  const dir = path.dirname(file);
  const theme = await findTheme(dir);
  return { codebook: theme === undefined ? result.value : withTheme(result.value, theme.theme), file, dir, text, ...(theme === undefined ? {} : { theme }) };
}
