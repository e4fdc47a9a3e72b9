/**
 * `inputs.json`: what a report was made from. `batch` skips a survey while it matches: the same codebook,
 * the same export, the same version of the package and the same output format.
 */
import { createHash } from 'node:crypto';
import { packageVersion } from '../package-info.ts';

/**
 * The version of what the tool writes for given inputs. Raise it with any change that alters an output byte
 * (tests/report/output-format.test.ts fails when the committed reports change and it was not raised), so that
 * `batch` re-runs every report; edits that leave the outputs alone never do.
 */
export const OUTPUT_FORMAT = 20;

export interface ReportInputs {
  /** The package version. */
  tool: string;
  outputFormat: number;
  codebookSha256: string;
  exportSha256: string;
  /** With a `stickiness.theme.json`: its hash (a new look re-runs the report). */
  themeSha256?: string;
}

export function reportInputs(codebookText: string, exportSha256: string, themeText?: string): ReportInputs {
  const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
  return { tool: packageVersion(), outputFormat: OUTPUT_FORMAT, codebookSha256: sha256(codebookText), exportSha256, ...(themeText === undefined ? {} : { themeSha256: sha256(themeText) }) };
}
