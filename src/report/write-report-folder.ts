/**
 * Writes a report folder whole: the files go into a sibling staging folder, which then replaces the old
 * report, so a failure part-way leaves the previous report as it was. Runs writing the same report take turns
 * (a lock file beside it, `.<id>.lock`). What a killed run left behind (a half-written staging folder, or the
 * old report moved aside just before the swap) is cleaned up or put back by the next run; a staging folder
 * whose run is still alive is never touched.
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../util/user-error.ts';
import { utf8Blocks, utf8Bytes } from '../util/utf8-bytes.ts';
import { processAlive, withLock } from './folder-lock.ts';

/**
 * A file made as it is written, a piece at a time (every piece whole text: no surrogate pair split), so that a
 * file of tens of megabytes (validation.json and quarantine.csv of 100,000 faulty rows) is never held whole.
 * `pieces` may be called more than once, and gives the same pieces each time.
 */
export interface PiecedFile {
  pieces: () => Iterable<string>;
}

/** A report file's content: text (written as UTF-8), bytes, or text in pieces. */
export type ReportFile = string | Uint8Array | PiecedFile;

/** The bytes `content` is written as. */
export function fileBytes(content: ReportFile): Uint8Array {
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  return content instanceof Uint8Array ? content : utf8Bytes(content.pieces());
}

/** Moments of a write a test can hold a run at, to widen the windows between its steps. */
export type WriteStage = 'staged' | 'moved-aside';

export interface WriteOptions {
  /** Awaited at each stage (tests only). */
  pause?: (stage: WriteStage) => Promise<void>;
}

export async function writeReportFolder(outDir: string, id: string, files: ReadonlyMap<string, ReportFile>, options: WriteOptions = {}): Promise<string> {
  const target = path.join(outDir, id);
  try {
    // A file where the folder should be: said as the system says it when a path goes through a file.
    if (statSync(outDir, { throwIfNoEntry: false })?.isDirectory() === false) throw Object.assign(new Error('ENOTDIR: not a directory'), { code: 'ENOTDIR' });
    makeFolder(outDir);
    return await withLock(path.join(outDir, `.${id}.lock`), target, async () => {
      await recoverReportFolder(outDir, id);
      return writeAside(outDir, id, files, options);
    });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === undefined) throw error;
    throw new UserError(outDir, `cannot write the report here (${message.split(',')[0] ?? code}); pass --out a folder you can write to`);
  }
}

/**
 * `mkdir -p`, one folder at a time from the nearest that exists. Node's recursive mkdir says ENOENT where the
 * refusal is another (a read-only file system, no permission), and loops for ever under /proc; one level at a
 * time, the first refusal is thrown as the system gives it.
 */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); !existsSync(at) && path.dirname(at) !== at; at = path.dirname(at)) missing.unshift(at);
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // Another run made it meanwhile.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

async function writeAside(outDir: string, id: string, files: ReadonlyMap<string, ReportFile>, options: WriteOptions): Promise<string> {
  const target = path.join(outDir, id);
  const staging = path.join(outDir, `.${id}.tmp-${process.pid}`);
  const retired = path.join(outDir, `.${id}.old-${process.pid}`);
  try {
    const made = new Set<string>();
    for (const [name, content] of files) {
      const file = path.join(staging, name);
      const dir = path.dirname(file);
      if (!made.has(dir)) mkdirSync(dir, { recursive: true });
      made.add(dir);
      if (typeof content === 'string' || content instanceof Uint8Array) writeFileSync(file, content);
      else writePieces(file, content);
    }
    await options.pause?.('staged');
    await rename(target, retired).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await options.pause?.('moved-aside');
    await rename(staging, target);
    await rm(retired, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return target;
}

/**
 * Writes `content`'s pieces a block at a time. A failure to make a piece is a bug, not the folder's: it is
 * thrown without an error code, so that it is not taken for a write refused (see `writeReportFolder`).
 */
function writePieces(file: string, content: PiecedFile): void {
  const fd = openSync(file, 'w');
  try {
    const blocks = utf8Blocks(content.pieces())[Symbol.iterator]();
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = blocks.next();
      } catch (error) {
        throw new Error(`making ${path.basename(file)}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (next.done === true) break;
      // A write may take part of a block (a disk filling up); the rest is written, or its refusal thrown.
      for (let at = 0; at < next.value.length; ) at += writeSync(fd, next.value, at);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Cleans up after killed runs (call it holding the report's lock): removes staging folders whose run has
 * died, and puts back a report moved aside but not replaced (or removes it when the report is in place).
 */
export async function recoverReportFolder(outDir: string, id: string): Promise<void> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  const target = path.join(outDir, id);
  const pidOf = (name: string): number => Number(name.slice(name.lastIndexOf('-') + 1));
  for (const name of names.filter((n) => n.startsWith(`.${id}.tmp-`))) {
    if (!processAlive(pidOf(name))) await rm(path.join(outDir, name), { recursive: true, force: true });
  }
  for (const name of names.filter((n) => n.startsWith(`.${id}.old-`))) {
    const present = (await stat(target).catch(() => undefined)) !== undefined;
    if (present) await rm(path.join(outDir, name), { recursive: true, force: true });
    else await rename(path.join(outDir, name), target);
  }
}
