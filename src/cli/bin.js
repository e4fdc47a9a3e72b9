#!/usr/bin/env node
// The `stickiness` command. The sources are TypeScript; load-entry.js runs them from a bundle it keeps up to
// date (or through tsx), so a checkout works right after `npm ci` with no build step to remember.
import { loadEntry } from '../load-entry.js';

const { main } = await loadEntry('main');
process.exitCode = await main(process.argv.slice(2));
