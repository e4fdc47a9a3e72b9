/**
 * A progress line on a terminal: what a long run is doing, rewritten in place a few times a second and erased
 * at the end. Shown only on a terminal (stderr, so stdout and `--json` stay clean), never when piped, with
 * `--quiet` or on a dumb terminal. `progressText` is the pure part: a stage's event and its timing in words.
 */
import type { ProgressEvent } from '../analyze-survey.ts';
import { printable } from '../util/printable.ts';

/** Rewrites at most this often (milliseconds), but always on a change of stage. */
const EVERY_MS = 200;

/** What a progress line writes to: a terminal stream (or a stand-in in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Whether progress may be shown on `stream`. */
export function showsProgress(stream: ProgressStream, options: { quiet?: boolean; json?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && options.quiet !== true && options.json !== true && env['TERM'] !== 'dumb';
}

export interface ProgressLine {
  /** Shows `text` (throttled; `force` shows it at once). */
  show(text: string, force?: boolean): void;
  /** Erases the line, so what is written next starts on a clean line. */
  clear(): void;
}

/** A line on `stream` when `enabled`, else one that writes nothing. `now` is the clock (milliseconds). */
export function progressLine(stream: ProgressStream, enabled: boolean, now: () => number = Date.now): ProgressLine {
  let shown = false;
  let last = -Infinity;
  return {
    show(text, force = false) {
      if (!enabled) return;
      const at = now();
      if (!force && at - last < EVERY_MS) return;
      last = at;
      // Cut to the terminal's width: a line that wraps cannot be erased with one carriage return.
      const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
      const width = Math.max(20, columns - 1);
      const line = [...printable(text)].slice(0, width).join('');
      stream.write(`\r\x1b[K${line}`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** The stage being shown and when it began: rates and the time left count from there. */
export interface StageClock {
  stage: ProgressEvent['stage'] | 'starting';
  since: number;
}

/** A clock that follows the events: a new stage restarts it. */
export function stageClock(): { tick(event: ProgressEvent, at: number): StageClock } {
  let clock: StageClock = { stage: 'starting', since: 0 };
  return {
    tick(event, at) {
      if (event.stage !== clock.stage) clock = { stage: event.stage, since: at };
      return clock;
    },
  };
}

const STAGES: Record<ProgressEvent['stage'], string> = {
  bins: 'finding histogram bins',
  ingest: 'reading',
  report: 'computing and drawing',
  write: 'writing the report',
  done: 'done',
};

/**
 * `reading 412,345 rows · 41% · 85,210 rows/s · about 7 s left`: the stage, rows read, the share of the bytes
 * read, the rate since the stage began and the time left at that pace (from the bytes, once there is a second
 * of them to go by). `elapsed` is the stage's time so far, in milliseconds.
 */
export function progressText(event: ProgressEvent, elapsed: number): string {
  if (event.stage !== 'ingest' && event.stage !== 'bins') return STAGES[event.stage];
  const parts = [`${STAGES[event.stage]} ${event.rows.toLocaleString('en')} rows`];
  const share = event.bytes === undefined || event.size === undefined || event.size === 0 ? undefined : Math.min(1, event.bytes / event.size);
  if (share !== undefined) parts.push(`${Math.floor(share * 100)}%`);
  const seconds = elapsed / 1000;
  if (seconds >= 1 && event.rows > 0) parts.push(`${Math.round(event.rows / seconds).toLocaleString('en')} rows/s`);
  if (seconds >= 1 && share !== undefined && share > 0.01 && share < 1) parts.push(`about ${duration((seconds * (1 - share)) / share)} left`);
  return parts.join(' · ');
}

/** `7 s`, `3 min 05 s`, `1 h 02 min`. */
export function duration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A progress line on stderr when it is a terminal (and not --quiet or --json); undefined otherwise. */
export function terminalProgress(options: { quiet?: boolean; json?: boolean }): ((event: ProgressEvent) => void) | undefined {
  if (!showsProgress(process.stderr, options)) return undefined;
  const line = progressLine(process.stderr, true);
  const clock = stageClock();
  return (event) => {
    if (event.stage === 'done') {
      line.clear();
      return;
    }
    const now = Date.now();
    const { since } = clock.tick(event, now);
    // A new stage is shown at once.
    line.show(progressText(event, now - since), now === since);
  };
}
