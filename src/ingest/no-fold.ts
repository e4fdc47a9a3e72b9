/** The fold of a run that only validates (`stickiness validate`): accepted responses are counted, nothing more. */
import type { Fold } from '../model/fold.ts';

export function createFold(): Fold<null> {
  // This module as compiled, named beside the code that runs (dist/, or the command's bundle in dist/bundle/).
  return { create: () => null, add: () => undefined, merge: () => undefined, module: new URL('./no-fold.js', import.meta.url).href };
}
