#!/usr/bin/env node
// The `stickiness` command. The sources are TypeScript run through tsx, so a checkout works right after
// `npm ci` with no build step to remember.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
