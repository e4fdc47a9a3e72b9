/**
 * Do `stickiness analyze` and the pandas peer (tests/bench/pandas_peer.py) get the same numbers? Compares the
 * accounting, every headline metric (estimate, n and interval; each share of a distribution; each level of a
 * retention metric), every breakdown group the tool does not suppress, and the benchmark audit's sample
 * shares and chi-square tests. Numbers agree within 1e-9, relative for magnitudes above 1 (NPS, chi-square).
 */
import { z } from 'zod';

/** The parts of stats.json (docs/outputs.md) the comparison reads. */
const interval = z.tuple([z.number(), z.number()]).nullable();
const statsGroup = z.object({ value: z.string(), estimate: z.number().nullable(), n: z.number(), ci: interval.optional() });
export const statsJson = z.object({
  survey: z.object({ id: z.string() }),
  input: z.object({ rowsRead: z.number(), accepted: z.number(), quarantined: z.number() }),
  metrics: z.array(z.object({ id: z.string(), kind: z.string(), estimate: z.number().nullable(), ci: interval, n: z.number(), groups: z.array(statsGroup).optional() })),
  breakdowns: z.array(z.object({ by: z.string(), metric: z.string(), groups: z.array(statsGroup) })),
  audit: z.object({
    variables: z.array(z.object({ question: z.string(), n: z.number(), sample: z.record(z.string(), z.number()), chiSquare: z.number().nullable(), pValue: z.number().nullable() })),
  }),
});
export type StatsJson = z.infer<typeof statsJson>;

/** What pandas_peer.py prints (null where nobody was in a group). */
const maybe = z.number().nullable();
const peerShare = z.object({ estimate: maybe, ci: z.tuple([maybe, maybe]), n: z.number() });
export const peerJson = z.object({
  rowsRead: z.number(),
  accepted: z.number(),
  quarantined: z.number(),
  metrics: z.record(
    z.string(),
    z.object({ estimate: maybe.optional(), ci: z.tuple([maybe, maybe]).optional(), n: z.number(), groups: z.record(z.string(), peerShare).optional(), shares: z.record(z.string(), maybe).optional() }),
  ),
  breakdowns: z.array(z.object({ by: z.string(), metric: z.string(), groups: z.record(z.string(), peerShare) })),
  benchmarks: z.array(z.object({ question: z.string(), n: z.number(), sample: z.record(z.string(), maybe), chiSquare: maybe, pValue: maybe })),
  seconds: z.number(),
  peakRssMB: z.number(),
});
export type PeerJson = z.infer<typeof peerJson>;

export const TOLERANCE = 1e-9;

export interface Agreement {
  /** How many numbers were compared. */
  compared: number;
  /** One line per disagreement: where, and both values. */
  mismatches: string[];
}

export function compareWithPeer(stats: StatsJson, peer: PeerJson): Agreement {
  const agreement: Agreement = { compared: 0, mismatches: [] };
  const check = (where: string, tool: number | null | undefined, pandas: number | null | undefined): void => {
    agreement.compared++;
    const bothMissing = (tool === null || tool === undefined) && (pandas === null || pandas === undefined);
    if (bothMissing || (typeof tool === 'number' && typeof pandas === 'number' && close(tool, pandas))) return;
    agreement.mismatches.push(`${where}: stats.json ${String(tool)}, pandas ${String(pandas)}`);
  };

  check('input.rowsRead', stats.input.rowsRead, peer.rowsRead);
  check('input.accepted', stats.input.accepted, peer.accepted);
  check('input.quarantined', stats.input.quarantined, peer.quarantined);

  for (const metric of stats.metrics) {
    const where = `metrics.${metric.id}`;
    const theirs = peer.metrics[metric.id];
    check(`${where}.n`, metric.n, theirs?.n);
    if (metric.kind === 'distribution') {
      for (const group of metric.groups ?? []) check(`${where}[${group.value}].estimate`, group.estimate, theirs?.shares?.[group.value]);
      continue;
    }
    check(`${where}.estimate`, metric.estimate, theirs?.estimate);
    if (metric.ci !== null) metric.ci.forEach((end, i) => check(`${where}.ci[${i}]`, end, theirs?.ci?.[i]));
    for (const group of metric.groups ?? []) {
      check(`${where}[${group.value}].n`, group.n, theirs?.groups?.[group.value]?.n);
      check(`${where}[${group.value}].estimate`, group.estimate, theirs?.groups?.[group.value]?.estimate);
    }
  }

  for (const breakdown of stats.breakdowns) {
    const theirs = peer.breakdowns.find((b) => b.by === breakdown.by && b.metric === breakdown.metric);
    for (const group of breakdown.groups) {
      const where = `breakdowns.${breakdown.by}.${breakdown.metric}[${group.value}]`;
      check(`${where}.n`, group.n, theirs?.groups[group.value]?.n);
      // A group under the codebook's `suppressBelow` shows no estimate in stats.json; the peer does not suppress.
      if (group.estimate !== null) check(`${where}.estimate`, group.estimate, theirs?.groups[group.value]?.estimate);
    }
  }

  for (const variable of stats.audit.variables) {
    const where = `audit.${variable.question}`;
    const theirs = peer.benchmarks.find((b) => b.question === variable.question);
    check(`${where}.n`, variable.n, theirs?.n);
    for (const [option, share] of Object.entries(variable.sample)) check(`${where}.sample[${option}]`, share, theirs?.sample[option]);
    check(`${where}.chiSquare`, variable.chiSquare, theirs?.chiSquare);
    check(`${where}.pValue`, variable.pValue, theirs?.pValue);
  }
  return agreement;
}

/** Within TOLERANCE: absolute up to magnitude 1, relative above. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}
