/**
 * A lock file beside what it guards (a report folder, the index), so that two runs writing into one output
 * folder take turns. The file is created exclusively and holds its owner's process id and a token; a lock
 * whose owner has died (killed, crashed) is broken by the next run. A run that finds the lock held waits for
 * it, and after `waitMs` stops with a one-line message.
 *
 * Liveness is judged by process id on this machine: runs on other machines sharing a network folder are not
 * told apart, nor is a dead owner whose process id a new process has taken (the wait then runs out).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { UserError } from '../util/user-error.ts';

interface Owner {
  pid: number;
  host: string;
  token: string;
}

/** How long to wait for a lock held by a live process before giving up. */
export const LOCK_WAIT_MS = 120_000;

/** A lock file that cannot be read yet may be one being written: it counts as held for this long. */
const UNREADABLE_GRACE_MS = 5_000;

const POLL_MS = 50;

/**
 * Runs `work` holding the lock `file`. `what` names what is guarded in the message of a run that gives up
 * waiting (e.g. the report folder).
 */
export async function withLock<T>(file: string, what: string, work: () => Promise<T>, waitMs = LOCK_WAIT_MS): Promise<T> {
  const token = await acquire(file, what, waitMs);
  try {
    return await work();
  } finally {
    release(file, token);
  }
}

async function acquire(file: string, what: string, waitMs: number): Promise<string> {
  const me: Owner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex') };
  const started = Date.now();
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, JSON.stringify(me));
        return me.token;
      } catch (error) {
        // Made but not written (a full disk): the lock is this run's to remove.
        rmSync(file, { force: true });
        throw error;
      } finally {
        closeSync(fd);
      }
    }
    const owner = ownerOf(file);
    if (owner === 'gone') continue;
    if (owner !== 'unknown' && !isAlive(owner)) {
      breakStale(file, owner);
      continue;
    }
    if (Date.now() - started > waitMs) {
      const who = owner === 'unknown' ? 'another run' : `another stickiness run (process ${owner.pid})`;
      throw new UserError(what, `${who} is writing here; run again when it has finished, or remove ${file} if no run is going on`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The lock's owner; `unknown` while it is being written (or damaged but fresh), `gone` when it vanished. */
function ownerOf(file: string): Owner | 'unknown' | 'gone' {
  let text: string;
  let age: number;
  try {
    age = Date.now() - statSync(file).mtimeMs;
    text = readFileSync(file, 'utf8');
  } catch {
    return 'gone';
  }
  try {
    const owner = JSON.parse(text) as Partial<Owner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.token === 'string') return { pid: owner.pid, host: owner.host, token: owner.token };
  } catch {
    // Fall through: unreadable.
  }
  // An unreadable lock older than the grace time was left half-written by a run that died: its owner is no one.
  return age > UNREADABLE_GRACE_MS ? { pid: 0, host: hostname(), token: '' } : 'unknown';
}

/** Whether the owner's process still runs (always true for another machine's: it cannot be checked). */
function isAlive(owner: Owner): boolean {
  return owner.host !== hostname() || processAlive(owner.pid);
}

/** Whether a process of this machine runs with this id. */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves a dead owner's lock aside and removes it. Of several runs that found it stale, the first moves it; a
 * later one that moved a fresh lock instead (taken in between by the first) puts it back.
 */
function breakStale(file: string, stale: Owner): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  const moved = ownerOf(aside);
  if (moved !== 'gone' && moved !== 'unknown' && moved.token === stale.token) {
    rmSync(aside, { force: true });
    return;
  }
  try {
    linkSync(aside, file);
  } catch {
    // Another lock was taken meanwhile: two runs now hold one, the narrow case this cannot rule out.
  } finally {
    rmSync(aside, { force: true });
  }
}

/** Removes the lock if it is still this run's. */
function release(file: string, token: string): void {
  const owner = ownerOf(file);
  if (owner !== 'gone' && owner !== 'unknown' && owner.token === token) rmSync(file, { force: true });
}
