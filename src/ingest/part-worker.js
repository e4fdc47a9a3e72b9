// A worker thread of ingest-in-two.ts, reading one part of a large export. Plain JavaScript, loaded as
// bin.js is.
import { parentPort, workerData } from 'node:worker_threads';
import { loadEntry } from '../load-entry.js';

const { ingestPart } = await loadEntry('ingest-in-two');
try {
  const result = await ingestPart(workerData.part, workerData.job, (/** @type {number} */ rows) => parentPort?.postMessage({ progress: rows }));
  parentPort?.postMessage({ result });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
