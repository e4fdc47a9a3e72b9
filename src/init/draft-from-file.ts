/** Reads an export once, streaming, and drafts its codebook (the I/O side of `init`). */
import path from 'node:path';
import { isUserMissing, readSav } from '../ingest/read-sav.ts';
import { isSpssFile, streamRows } from '../ingest/stream-rows.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import { UserError } from '../util/user-error.ts';
import { createColumnProfiles } from './column-profile.ts';
import { detectPlatform } from './detect-platform.ts';
import { mayBeId } from './sample-columns.ts';
import { draftCodebook, type Draft } from './draft-codebook.ts';

/** `codebookDir` is where survey.yaml will be written; the export must be inside it. */
export async function draftFromFile(exportFile: string, codebookDir: string): Promise<Draft> {
  const sourceFile = path.relative(codebookDir, exportFile).split(path.sep).join('/');
  if (sourceFile.startsWith('..') || path.isAbsolute(sourceFile)) {
    throw new UserError(exportFile, `survey.yaml must be written in the export's folder or above it, not in ${codebookDir}`);
  }
  const head: string[][] = [];
  let profiler: ReturnType<typeof createColumnProfiles> | undefined;
  let rowsRead = 0;
  let format: ReturnType<typeof detectPlatform> = 'generic';
  let dataFrom = 1;

  const start = (): void => {
    const header = head[0] ?? [];
    const importRow = head[2]?.some((cell) => cell.trim().startsWith('{"ImportId"')) === true;
    format = detectPlatform(header, importRow);
    dataFrom = importRow ? 3 : 1;
    profiler = createColumnProfiles(header, mayBeId);
    for (const cells of head.slice(dataFrom)) {
      rowsRead++;
      profiler.push(cells);
    }
  };
  const { encoding } = await streamRows(exportFile, 'auto', 'generic', () => {
    // (Re)starting: a file read again in another encoding is profiled from scratch.
    head.length = 0;
    profiler = undefined;
    rowsRead = 0;
    return (cells) => {
      if (cells.every((cell) => cell.trim() === '')) return;
      if (profiler !== undefined) {
        rowsRead++;
        profiler.push(cells);
        return;
      }
      head.push(cells);
      if (head.length === 3) start();
    };
  });
  if (profiler === undefined && head.length > 0) start();
  const header = head[0];
  if (header === undefined || profiler === undefined || header.every((name) => normalizeLabel(name) === '')) {
    throw new UserError(exportFile, 'has no header row to draft questions from');
  }
  if (isSpssFile(exportFile)) {
    // An SPSS file says more than its cells: variable labels are the question texts, value labels the options in code order.
    const { variables } = await readSav(exportFile);
    const altHeader = variables.map((v) => v.label ?? '');
    const codeOrder = variables.map((v) => v.valueLabels.filter(({ value }) => !isUserMissing(v, value)).map(({ label }) => label));
    return draftCodebook({ sourceFile, format: 'spss', encoding, header, altHeader, codeOrder, profiles: profiler.profiles, rowsRead });
  }
  const altHeader = dataFrom === 3 ? head[1] : undefined;
  return draftCodebook({ sourceFile, format, encoding, header, ...(altHeader === undefined ? {} : { altHeader }), profiles: profiler.profiles, rowsRead });
}
