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

/** Characters a terminal draws two columns wide: East Asian wide and fullwidth forms. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
/** Characters that take no column of their own (combining marks, zero-width characters). */
const ZERO = /[\p{Mn}\p{Me}\u200b-\u200f\ufeff]/u;

/** `text` cut to at most `width` terminal columns. */
export function fitColumns(text: string, width: number): string {
  let used = 0;
  let out = '';
  for (const char of text) {
    const columns = ZERO.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
    if (used + columns > width) break;
    used += columns;
    out += char;
  }
  return out;
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
      // One row, cut to the terminal's width in columns (a wide character takes two): a line that wraps or
      // breaks cannot be erased with one carriage return.
      const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
      const line = fitColumns(printable(text.replace(/[\t\r\n\u2028\u2029]+/g, ' ')), Math.max(1, columns - 1));
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

/**
 * A clock that follows the events: a new stage restarts it, and so does reading that starts over (fewer rows
 * than before: a file read again on one thread after two could not read it).
 */
export function stageClock(): { tick(event: ProgressEvent, at: number): StageClock } {
  let clock: StageClock = { stage: 'starting', since: 0 };
  let rows = 0;
  return {
    tick(event, at) {
      const read = 'rows' in event ? event.rows : 0;
      if (event.stage !== clock.stage || read < rows) clock = { stage: event.stage, since: at };
      rows = read;
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

/**
 * Erases `line` when the process is interrupted (Ctrl-C, SIGTERM), then, with `reraise`, lets the signal end
 * it as it would have. Returns the function that stops listening, for when the line is done with.
 */
export function clearOnSignal(line: ProgressLine, reraise = true): () => void {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const handlers = signals.map((signal) => {
    const handler = (): void => {
      line.clear();
      if (!reraise) return;
      for (const [i, s] of signals.entries()) process.removeListener(s, handlers[i] as () => void);
      process.kill(process.pid, signal);
    };
    process.on(signal, handler);
    return handler;
  });
  return () => signals.forEach((signal, i) => process.removeListener(signal, handlers[i] as () => void));
}

/** A progress line on stderr when it is a terminal (and not --quiet or --json); undefined otherwise. */
export function terminalProgress(options: { quiet?: boolean; json?: boolean }): ((event: ProgressEvent) => void) | undefined {
  if (!showsProgress(process.stderr, options)) return undefined;
  const line = progressLine(process.stderr, true);
  const clock = stageClock();
  const release = clearOnSignal(line);
  return (event) => {
    if (event.stage === 'done') {
      line.clear();
      release();
      return;
    }
    const now = Date.now();
    const { since } = clock.tick(event, now);
    // A new stage is shown at once.
    line.show(progressText(event, now - since), now === since);
  };
}
