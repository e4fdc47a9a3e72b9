/**
 * Watching a folder of surveys: `run` is called once at the start and again whenever an export or codebook
 * changes or a survey folder appears, after a quiet time and once the changed files stop growing (a copy or
 * an export still being written is not read half-way). Runs never overlap: changes during a run start
 * another after it. Ends when `signal` aborts.
 */
import { watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** Quiet time after the last change before a run, and the interval a changed file's size must hold still. */
const DEBOUNCE_MS = 500;
const SETTLE_MS = 300;

/**
 * `run(first)`: `first` is true for the run at the start; it reports its own failures (a rejection is
 * ignored, and watching goes on). `onWatching` is told when the first run is done.
 */
export async function watchSurveys(dir: string, run: (first: boolean) => Promise<void>, signal: AbortSignal, onWatching?: () => void): Promise<void> {
  if (signal.aborted) return;
  await new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let queued = false;
    const changed = new Set<string>();
    const trigger = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void again(), DEBOUNCE_MS);
    };
    const again = async (): Promise<void> => {
      if (running) {
        queued = true;
        return;
      }
      running = true;
      const files = [...changed];
      changed.clear();
      await settled(files.map((f) => path.join(dir, f)));
      await run(false).catch(() => undefined);
      running = false;
      if (queued) {
        queued = false;
        trigger();
      }
    };
    const watcher = watch(dir, { recursive: true }, (_event, name) => {
      if (name === null || name.includes(`${path.sep}.`) || name.startsWith('.')) return;
      changed.add(String(name));
      trigger();
    });
    signal.addEventListener(
      'abort',
      () => {
        watcher.close();
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
    // The first run starts once the watcher is up, so a change made while it runs is not missed.
    running = true;
    void run(true).catch(() => undefined).then(() => {
      running = false;
      onWatching?.();
      if (queued || changed.size > 0) {
        queued = false;
        trigger();
      }
    });
  });
}

/** Waits until each file's size is the same twice in a row. */
async function settled(files: readonly string[]): Promise<void> {
  const sizes = async (): Promise<string> => JSON.stringify(await Promise.all(files.map(async (f) => (await stat(f).catch(() => undefined))?.size ?? -1)));
  let before = await sizes();
  for (;;) {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const now = await sizes();
    if (now === before) return;
    before = now;
  }
}
