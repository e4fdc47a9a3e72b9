// The worker thread of ingest-in-two.ts. Plain JavaScript so that it can register tsx before loading the
// TypeScript sources, as bin.js does.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { ingestSecondPart } = await import('./ingest-in-two.ts');
try {
  const result = await ingestSecondPart(workerData, (rows) => parentPort?.postMessage({ progress: rows }));
  parentPort?.postMessage({ result });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
