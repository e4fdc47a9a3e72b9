/**
 * The fold of a run that only validates (`stickiness validate`) a survey with a `design`: the respondents of
 * each place in the design, so that the design's checks across rows (design-layout.ts: nesting, one fpc per
 * stratum, fpc at least the sample, lonely PSUs) run without the statistics. Without a design it keeps
 * nothing: accepted responses are only counted.
 */
import type { Codebook } from '../codebook/schema.ts';
import type { Fold } from '../model/fold.ts';
import { DESIGN_SEPARATOR } from '../stats/design/design-key.ts';
import { designLayout } from '../stats/design/design-layout.ts';
import type { CellTotal } from '../stats/weights/calibrate.ts';
import { designSpec } from '../stats/weights/weighting-plan.ts';
import { UserError } from '../util/user-error.ts';

export type DesignPlaces = Map<string, CellTotal> | null;

export function createFold(codebook: Codebook): Fold<DesignPlaces> {
  // This module as compiled, named beside the code that runs (dist/, or the command's bundle in dist/bundle/).
  const module = new URL('./design-fold.js', import.meta.url).href;
  if (codebook.design === undefined) return { create: () => null, add: () => undefined, merge: () => undefined, module, reads: { questions: [] } };
  return {
    reads: { questions: [], design: true },
    create: () => new Map(),
    add(places, response) {
      if (places === null || response.design === undefined) return;
      const key = `${DESIGN_SEPARATOR}${response.design}`;
      const total = places.get(key);
      if (total === undefined) places.set(key, { n: 1, a1: 1, a2: 1, dMin: 1, dMax: 1 });
      else total.n++;
    },
    merge(into, from) {
      if (into === null || from === null) return;
      for (const [key, t] of from) {
        const total = into.get(key);
        if (total === undefined) into.set(key, { ...t });
        else total.n += t.n;
      }
    },
    module,
  };
}

/** The design's checks across rows, as `analyze` makes them: a UserError at `where` (the codebook) when one fails. */
export function checkDesignPlaces(codebook: Codebook, places: DesignPlaces, where: string): void {
  const spec = designSpec(codebook);
  if (spec === undefined || places === null) return;
  // The order of the places does not change what the checks find, only which example they name first.
  const sorted = new Map([...places].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const result = designLayout(sorted, spec);
  if (!result.ok) throw new UserError(`${where}: ${result.path}`, result.message);
}
