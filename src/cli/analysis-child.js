// A child process of `stickiness batch` that analyses one survey after another, as the parent sends them
// over IPC (see analysis-pool.ts). Plain JavaScript so that it can register tsx first, as bin.js does.
import { register } from 'tsx/esm/api';

register();
const { serveAnalyses } = await import('./serve-analyses.ts');
serveAnalyses();
