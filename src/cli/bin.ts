#!/usr/bin/env node
// The `stickiness` command.
import { main } from './main.ts';

// A reader that stops early (`stickiness validate … | head`) closes the pipe: the command finishes its work
// (a batch still writes every report and its index) with nothing more printed, and no error.
// Any other failure to write the output (a full disk: ENOSPC) ends the command with one line, exit 1.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') {
    process.stdout.write = () => true;
    return;
  }
  process.stderr.write(`stickiness: cannot write the output (${error.code ?? error.message}); make room on the disk it goes to, or send it elsewhere\n`);
  process.exit(1);
});

process.exitCode = await main(process.argv.slice(2));
