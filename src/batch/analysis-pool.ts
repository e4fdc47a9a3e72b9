/**
 * A child process for `stickiness batch` that analyses survey after survey: loading the tool's modules is
 * paid once per child rather than once per survey. A survey that crashes its child (a bug, memory) fails
 * alone: the child's stderr becomes its error, and the next survey gets a fresh child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { ProgressEvent } from '../analyze-survey.ts';
import { fileURLToPath } from 'node:url';
import type { AnalysisOutcome, AnalysisRunner } from './analysis-job.ts';

/** The child's module as compiled, beside the code that runs (dist/, or the command's bundle in dist/bundle/). */
const ENTRY = fileURLToPath(new URL('./analysis-child.js', import.meta.url));

export interface AnalysisChild extends AnalysisRunner {
  /** The process id of the child now running, if any (for diagnostics). */
  pid(): number | undefined;
}

export function analysisChild(): AnalysisChild {
  let child: ChildProcess | undefined;
  /** The running child, or a new one; a child that died between surveys is replaced, not written to. */
  const live = (): ChildProcess => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null && child.connected) return child;
    child = spawn(process.execPath, [ENTRY], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    // Failures show as 'close' (below) or a refused send; an 'error' event must not crash the batch.
    child.on('error', () => undefined);
    return child;
  };
  return {
    start: () => void live(),
    analyze(job, onProgress) {
      const current = live();
      let stderr = '';
      const onStderr = (chunk: Buffer): void => void (stderr += chunk.toString('utf8'));
      current.stderr?.on('data', onStderr);
      return new Promise<AnalysisOutcome>((resolve) => {
        const onMessage = (message: { progress?: ProgressEvent; done?: boolean; error?: string }): void => {
          if (message.progress !== undefined) return onProgress(message.progress);
          finish(message.done === true ? { ok: true } : { ok: false, error: message.error ?? 'failed' });
        };
        // 'close', not 'exit': by then all of stderr has been read.
        const onClose = (code: number | null, signal: NodeJS.Signals | null): void => {
          if (child === current) child = undefined;
          finish({ ok: false, error: stderr.trim() || `stopped by ${signal ?? `exit ${code ?? '?'}`}` });
        };
        let done = false;
        const finish = (outcome: AnalysisOutcome): void => {
          if (done) return;
          done = true;
          current.off('message', onMessage);
          current.off('close', onClose);
          current.stderr?.off('data', onStderr);
          resolve(outcome);
        };
        current.on('message', onMessage);
        current.on('close', onClose);
        current.send(job, (error) => {
          if (error !== null) {
            if (child === current) child = undefined;
            current.kill();
            finish({ ok: false, error: `the analysis process could not be reached (${error.message})` });
          }
        });
      });
    },
    pid: () => child?.pid,
    close() {
      if (child?.connected === true) child.disconnect();
      child = undefined;
    },
  };
}
