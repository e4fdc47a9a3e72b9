/**
 * Every metric kind, by name. Each kind's module answers everything the rest of the tool asks of it (see
 * metric-kind.ts); a new kind is a module of its own, a line here, and its schema in codebook/schema.ts.
 */
import type { Metric } from '../../codebook/schema.ts';
import { bottomBox } from './bottom-box.ts';
import { distribution } from './distribution.ts';
import { mean } from './mean.ts';
import type { MetricKind } from './metric-kind.ts';
import { nps } from './nps.ts';
import { pmf } from './pmf.ts';
import { proportion } from './proportion.ts';
import { quantiles } from './quantiles.ts';
import { ratio } from './ratio.ts';
import { retention } from './retention.ts';
import { topBox } from './top-box.ts';

// Each kind's state is its own; the tool only hands a kind the state it made (`create`).
const KINDS: { [K in Metric['kind']]: MetricKind<unknown> } = {
  proportion,
  'top-box': topBox,
  'bottom-box': bottomBox,
  mean,
  nps,
  distribution,
  retention,
  pmf,
  ratio,
  quantiles,
};

export function kindOf(kind: Metric['kind']): MetricKind<unknown> {
  return KINDS[kind];
}
