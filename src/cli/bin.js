#!/usr/bin/env node
// The `stickiness` command. The sources are TypeScript; load-entry.js runs them from a bundle it keeps up to
// date (or through tsx), so a checkout works right after `npm ci` with no build step to remember.
import { loadEntry } from '../load-entry.js';

// A reader that stops early (`stickiness validate … | head`) closes the pipe: the command finishes its work
// (a batch still writes every report and its index) with nothing more printed, and no error.
process.stdout.on('error', (/** @type {NodeJS.ErrnoException} */ error) => {
  if (error.code !== 'EPIPE') throw error;
  process.stdout.write = () => true;
});

const { main } = await loadEntry('main');
process.exitCode = await main(process.argv.slice(2));
