import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCodebook } from '../../codebook/load-codebook.ts';
import { checkProfile } from '../../synth/check-profile.ts';
import { encodeExport } from '../../synth/encode-export.ts';
import { loadProfile } from '../../synth/load-profile.ts';
import { synthesizeRows } from '../../synth/synthesize-rows.ts';
import { xlsxExport } from '../../synth/write-xlsx.ts';
import { UserError } from '../../util/user-error.ts';
import { UsageError } from '../../util/usage-error.ts';
import { writeOut } from '../write.ts';

/** Synthetic exports are built in memory; ten million rows is already a few gigabytes of CSV. */
const MAX_ROWS = 10_000_000;

export interface SynthCliOptions {
  rows: string;
  faults: string;
  seed?: string;
  profile?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
}

export async function synthCommand(survey: string, options: SynthCliOptions): Promise<number> {
  const rows = wholeNumber('--rows', options.rows, 1);
  if (rows > MAX_ROWS) throw new UsageError(`--rows must be at most ${MAX_ROWS.toLocaleString('en')}, not ${options.rows}`);
  const faults = wholeNumber('--faults', options.faults, 0);
  if (faults >= rows) throw new UsageError(`--faults (${faults}) must be below --rows (${rows}): at least one row must be clean`);
  const loaded = await loadCodebook(survey);
  const profile = await loadProfile(loaded.dir, options.profile);
  const problems = checkProfile(loaded.codebook, profile);
  if (problems.length > 0) throw new UserError(options.profile ?? path.join(loaded.dir, 'synth-profile.yaml'), problems.join('\n'));
  const seed = options.seed === undefined ? (profile.seed ?? 1) : wholeNumber('--seed', options.seed, 0);

  const out = options.out ?? path.join(loaded.dir, loaded.codebook.source.file);
  if (options.force !== true && (await stat(out).catch(() => undefined)) !== undefined) {
    throw new UserError(out, 'already exists; pass --force to overwrite it, or --out to write elsewhere');
  }
  const table = synthesizeRows(loaded.codebook, profile, { rows, faults, seed });
  let size: number;
  if (/\.parquet$/i.test(out)) {
    // DuckDB (loaded only for Parquet) writes the file itself.
    await (await import('../../synth/write-parquet.ts')).writeParquetExport(table, out);
    size = (await stat(out)).size;
  } else {
    const bytes = /\.xlsx$/i.test(out) ? await xlsxExport(table) : encodeExport(loaded.codebook, table);
    await writeFile(out, bytes);
    size = bytes.length;
  }
  const kinds: Record<string, number> = {};
  for (const fault of table.faults) kinds[fault.kind] = (kinds[fault.kind] ?? 0) + 1;
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ file: out, rows, faults: table.faults.length, faultKinds: kinds, seed, bytes: size })}\n`);
  } else {
    const detail = Object.entries(kinds).map(([kind, count]) => `${kind} ${count}`).join(', ');
    writeOut(`${out}: ${rows} rows (${table.faults.length} faulty${detail === '' ? '' : `: ${detail}`}), seed ${seed}, ${size} bytes\n`);
  }
  return 0;
}

function wholeNumber(flag: string, value: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${flag} must be a whole number ≥ ${min}, not \`${value}\``);
  return Number(value);
}
