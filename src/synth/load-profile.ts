/** Reads a synthesis profile: `--profile FILE`, else `synth-profile.yaml` beside the codebook, else none. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { formatPath } from '../codebook/codebook-issue.ts';
import { UserError } from '../util/user-error.ts';
import { profileSchema, type Profile } from './profile-schema.ts';

export const PROFILE_FILE = 'synth-profile.yaml';

export async function loadProfile(surveyDir: string, explicit?: string): Promise<Profile> {
  const file = explicit ?? path.join(surveyDir, PROFILE_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' && explicit === undefined) return undefined;
    throw new UserError(file, `cannot be read (${error.code ?? error.message}); check the --profile path`);
  });
  if (text === undefined) return profileSchema.parse({});
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (error) {
    throw new UserError(file, `not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  const parsed = profileSchema.safeParse(data ?? {});
  if (!parsed.success) {
    throw new UserError(file, parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; '));
  }
  return parsed.data;
}
