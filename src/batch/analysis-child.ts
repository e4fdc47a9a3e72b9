// A child process of `stickiness batch` that runs one job after another, as the parent sends them over IPC
// (see analysis-pool.ts).
import { serveAnalyses } from './serve-analyses.ts';
// Loaded now, while the parent still plans: the first survey then finds the renderers ready.
import './write-series-reports.ts';

serveAnalyses();
