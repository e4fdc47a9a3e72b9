// A child process of `stickiness batch` that analyses one survey after another, as the parent sends them
// over IPC (see analysis-pool.ts). Plain JavaScript, loaded as bin.js is.
import { loadEntry } from '../load-entry.js';

const { serveAnalyses } = await loadEntry('serve-analyses');
serveAnalyses();
