/**
 * `stickiness.theme.json`: one look for every survey in a folder. It is looked for in the survey's own folder,
 * then in the folder that holds it (beside the surveys); the first found is used, and the codebook's own
 * `theme:` keys win over it (its palette colour by colour).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../util/user-error.ts';
import { themeSchema, type Codebook, type Theme } from './schema.ts';

export const THEME_FILE = 'stickiness.theme.json';
/** A theme is a few lines: anything larger is not one. */
const MAX_THEME_BYTES = 64 * 1024;

export interface LoadedTheme {
  file: string;
  /** Its text, for the report's input hashes. */
  text: string;
  theme: Theme;
}

/** The theme file for the survey in `surveyDir`, if there is one. */
export async function findTheme(surveyDir: string): Promise<LoadedTheme | undefined> {
  for (const dir of [surveyDir, path.dirname(path.resolve(surveyDir))]) {
    const file = path.join(dir, THEME_FILE);
    const info = await stat(file).catch(() => undefined);
    if (info === undefined || !info.isFile()) continue;
    if (info.size > MAX_THEME_BYTES) throw new UserError(file, `is ${info.size} bytes; a theme must be under 64 KiB`);
    const text = await readFile(file, 'utf8');
    return { file, text, theme: parseTheme(file, text) };
  }
  return undefined;
}

export function parseTheme(file: string, text: string): Theme {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UserError(file, `is not valid JSON (${(error as Error).message}); write it as {"font": "…", "palette": {"main": "#4c78a8"}, "logo": "…"}`);
  }
  const parsed = themeSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.map(String).join('.')}: `;
  throw new UserError(file, `${where}${issue?.message ?? 'is not a theme'} (docs/codebook.md, "theme")`);
}

/** The codebook with the file's theme under its own: the codebook's keys win. */
export function withTheme(codebook: Codebook, theme: Theme): Codebook {
  const own = codebook.theme;
  const palette = theme.palette === undefined && own?.palette === undefined ? undefined : { ...theme.palette, ...own?.palette };
  return { ...codebook, theme: { ...theme, ...own, ...(palette === undefined ? {} : { palette }) } };
}
