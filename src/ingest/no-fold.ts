/** The fold of a run that only validates (`stickiness validate`): accepted responses are counted, nothing more. */
import type { Fold } from '../model/fold.ts';

export function createFold(): Fold<null> {
  return { create: () => null, add: () => undefined, merge: () => undefined, module: import.meta.url };
}
