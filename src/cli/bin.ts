#!/usr/bin/env node
// The `stickiness` command.
import { main } from './main.ts';

// A reader that stops early (`stickiness validate … | head`) closes the pipe: the command finishes its work
// (a batch still writes every report and its index) with nothing more printed, and no error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.stdout.write = () => true;
});

process.exitCode = await main(process.argv.slice(2));
