// A worker thread of ingest-in-two.ts, reading one part of a large export.
import { parentPort, workerData } from 'node:worker_threads';
import { ingestPart, type SplitJob } from './ingest-in-two.ts';

const { part, job } = workerData as { part: 'first' | 'second'; job: SplitJob };
try {
  // Bytes are told at most every MiB read, so the messages stay few.
  let told = 0;
  const result = await ingestPart(part, job, {
    rows: (rows) => parentPort?.postMessage({ progress: rows }),
    bytes: (bytes) => {
      if (bytes - told < 1 << 20) return;
      told = bytes;
      parentPort?.postMessage({ bytes });
    },
  });
  parentPort?.postMessage({ result });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
