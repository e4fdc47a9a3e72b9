// A worker thread of ingest-in-two.ts, reading one part of a large export.
import { parentPort, workerData } from 'node:worker_threads';
import { ingestPart, type SplitJob } from './ingest-in-two.ts';

const { part, job } = workerData as { part: 'first' | 'second'; job: SplitJob };
try {
  const result = await ingestPart(part, job, (rows) => parentPort?.postMessage({ progress: rows }));
  parentPort?.postMessage({ result });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
