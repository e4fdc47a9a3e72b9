/**
 * A draft `survey.yaml` from what `init` learned about an export: the platform; the respondent columns
 * (the id: named like one, values unique); PII columns (by name or because their cells look personal);
 * weights and design columns, left out of the questions (a weight is offered as a commented `weighting`);
 * one question per remaining column (or per group of one-column-per-option columns), with a comment
 * wherever the analyst should check the guess; one example metric per question type, and more as
 * comments. The draft validates as it is, and `analyze` runs on it unchanged.
 */
import path from 'node:path';
import { Document, isMap, isSeq, type Node, type Pair, visit } from 'yaml';
import type { Format } from '../codebook/schema.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import type { ColumnProfile } from './column-profile.ts';
import { sortColumns, type SortedColumns } from './sort-columns.ts';
import { draftMetrics, flow } from './draft-metrics.ts';
import { inferQuestion, type InferredQuestion } from './infer-question.ts';

export interface DraftInput {
  /** The export's path, relative to where survey.yaml will be written. */
  sourceFile: string;
  format: Format;
  encoding: string;
  header: string[];
  /** Qualtrics' question-text row, or an SPSS file's variable labels. */
  altHeader?: string[];
  /** Per column, the options in the export's own code order where it records one (an SPSS file's value labels). */
  codeOrder?: (readonly string[] | undefined)[];
  profiles: ColumnProfile[];
  rowsRead: number;
}

export interface Draft {
  yaml: string;
  questions: { id: string; type: string }[];
  pii: string[];
  /** The respondent columns found: `id`, `submittedAt`, `duration`, `channel`. */
  respondent: Record<string, string>;
  /** Columns that look like survey weights (the first is offered as `weighting.column`). */
  weights: string[];
  /** Design columns (fpc, population sizes, strata, clusters) left out. */
  design: string[];
}

interface DraftedQuestion {
  fields: Record<string, unknown>;
  /** A comment beside the question's options or range. */
  note?: string;
  mostChosen?: string;
}

/**
 * A single or likert question's options in the export's code order (an SPSS file's value labels, low codes
 * first), every labelled option included; options seen without a label follow. Other questions as they are.
 */
function inCodeOrder(inferred: InferredQuestion, order: readonly string[] | undefined): InferredQuestion {
  if (order === undefined || order.length === 0 || (inferred.type !== 'single' && inferred.type !== 'likert')) return inferred;
  // Labels as cells are compared (`SUDDEN  DEATH` is the cell `SUDDEN DEATH`), each once.
  const labels = [...new Set(order.map(normalizeLabel))].filter((label) => label !== '');
  const labelled = new Set(labels);
  const options = [...labels, ...inferred.options.filter((option) => !labelled.has(normalizeLabel(option)))];
  return { ...inferred, options, note: 'in the SPSS file\'s code order' };
}

export function draftCodebook(input: DraftInput): Draft {
  const sorted = sortColumns(input.header, input.profiles);
  const usedIds = new Set<string>();
  const questions: DraftedQuestion[] = [];
  for (const column of sorted.questions) {
    if (column.kind === 'group') {
      questions.push({ fields: { id: uniqueId(column.prefix, questions.length, usedIds), columnPrefix: column.prefix, type: 'multi', options: column.options } });
      continue;
    }
    const label = input.altHeader?.[column.index];
    const inferred = inCodeOrder(inferQuestion(column.profile, input.format, label), input.codeOrder?.[column.index]);
    questions.push({
      fields: {
        id: uniqueId(column.profile.name, questions.length, usedIds),
        column: column.profile.name,
        ...(label !== undefined && normalizeLabel(label) !== '' && label !== column.profile.name ? { label: shorten(label) } : {}),
        ...questionFields(inferred),
      },
      ...('note' in inferred && inferred.note !== undefined ? { note: inferred.note } : {}),
      ...('mostChosen' in inferred ? { mostChosen: inferred.mostChosen } : {}),
    });
  }
  const { metrics, examples } = draftMetrics(questions.map((q) => ({ ...(q.fields as { id: string; type: string; options?: string[] }), ...(q.mostChosen === undefined ? {} : { mostChosen: q.mostChosen }) })));
  const doc = draftDocument(input, sorted, questions, metrics);
  doc.commentBefore = headerComment(input, sorted).join('\n');
  const yaml = `${doc.toString({ lineWidth: 0 })}${trailingComments(sorted, examples, metrics.length > 0)}`;
  return {
    yaml,
    questions: questions.map((q) => ({ id: String(q.fields['id']), type: String(q.fields['type']) })),
    pii: sorted.pii,
    respondent: sorted.respondent,
    weights: sorted.weights,
    design: sorted.design,
  };
}

function draftDocument(input: DraftInput, sorted: SortedColumns, questions: readonly DraftedQuestion[], metrics: readonly Record<string, unknown>[]): Document {
  const base = path.basename(input.sourceFile).replace(/\.[^.]+$/, '');
  const data = {
    id: slug(base),
    title: base,
    language: /[\u4e00-\u9fff]/u.test(input.header.join('')) ? 'zh' : 'en',
    source: { file: input.sourceFile, format: input.format, encoding: 'auto' },
    ...(Object.keys(sorted.respondent).length === 0 ? {} : { respondent: sorted.respondent }),
    ...(sorted.pii.length === 0 ? {} : { pii: sorted.pii }),
    questions: questions.length === 0 ? [{ id: 'placeholder', column: input.header.find((name) => normalizeLabel(name) !== '') ?? 'column', type: 'text' }] : questions.map((q) => q.fields),
    ...(metrics.length === 0 ? {} : { metrics }),
  };
  const doc = new Document(data);
  visit(doc, {
    Pair(_, pair) {
      const key = String((pair.key as { value?: unknown }).value);
      if (isSeq(pair.value) && ['options', 'pii', 'missing', 'success'].includes(key)) pair.value.flow = true;
      if (key === 'metrics' && isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) item.flow = true;
    },
  });
  // Each note beside the options (or the range) it is about.
  const items = (doc.get('questions') as { items?: unknown[] } | undefined)?.items ?? [];
  questions.forEach((q, i) => {
    const item = items[i];
    if (q.note === undefined || !isMap(item)) return;
    const pair = (item.items as Pair<Node, Node>[]).find((p) => ['options', 'max'].includes(String((p.key as { value?: unknown }).value)));
    if (pair?.value !== null && pair?.value !== undefined) pair.value.comment = ` ${q.note}`;
  });
  return doc;
}

function questionFields(q: InferredQuestion): Record<string, unknown> {
  const missing = 'missing' in q && q.missing !== undefined ? { missing: q.missing } : {};
  switch (q.type) {
    case 'single':
    case 'likert':
      return { type: q.type, options: q.options, ...missing };
    case 'multi':
      return { type: 'multi', separator: q.separator, options: q.options };
    case 'rating':
      return { type: 'rating', min: q.min, max: q.max, ...missing };
    case 'nps':
    case 'numeric':
      return { type: q.type, ...missing };
    default:
      return { type: q.type };
  }
}

function headerComment(input: DraftInput, sorted: SortedColumns): string[] {
  return [
    ` Drafted by \`stickiness init\` from ${path.basename(input.sourceFile)}: ${input.rowsRead} rows, ${input.format} export, read as ${input.encoding}.`,
    ' Check every question: types and options are guesses from the answers seen. Options follow a known scale',
    ' (likert low to high) or the numbers in their labels where they can; else they are most chosen first.',
    ' A comment marks each order or range to check.',
    sorted.respondent['id'] === undefined
      ? ' No respondent id found (a column named like id, ID, ResponseId or 序号 whose values are all different).'
      : ` Respondent id: ${sorted.respondent['id']} (named like an id, every value different).`,
    ...(sorted.design.length === 0
      ? []
      : [
          ` Design columns left out: ${sorted.design.join(', ')} (finite population corrections, population sizes, strata or`,
          ' clusters). The intervals assume simple random sampling until `design:` (offered at the end) is uncommented.',
        ]),
    ...sorted.leftOut.map((s) => ` Left out: ${s}`),
  ];
}

/** More metrics as comments (continuing `metrics:`), then the weighting suggestion and quality rules. */
function trailingComments(sorted: SortedColumns, examples: readonly string[], hasMetrics: boolean): string {
  const lines = [''];
  if (examples.length > 0) lines.push(`# More metrics: uncomment${hasMetrics ? '' : ' under `metrics:`'} and adapt. Kinds: proportion, top-box, bottom-box, mean, nps, distribution, quantiles, ratio, retention, pmf.`, ...examples);
  const [weight, ...others] = sorted.weights;
  if (weight !== undefined) {
    const name = flowScalar(weight);
    lines.push(
      `# Weights: ${name} holds positive numbers and is named like a survey weight, so it is not drafted as a question.`,
      '# To weight every estimate by it, check that it is a design weight and uncomment:',
      `# weighting: { method: column, column: ${name} }`,
      `# If it is a measurement instead, add it to the questions: - { id: ${uniqueId(weight, 0, new Set())}, column: ${name}, type: numeric }`,
      ...(others.length === 0 ? [] : [`# Other columns named like weights, also left out: ${others.map(flowScalar).join(', ')}`]),
    );
  }
  lines.push(...designSuggestion(sorted.design));
  lines.push('# quality:');
  if (sorted.respondent['duration'] !== undefined) lines.push('#   minDurationSeconds: 30');
  if (sorted.pii[0] !== undefined) lines.push(`#   duplicateKeys: [${flowScalar(sorted.pii[0])}]`);
  lines.push('#   attentionCheck: { question: <id>, expect: [<the right answer>] }');
  return `${lines.join('\n')}\n`;
}

/**
 * A commented `design:` from the design columns, each placed by its name: strata (strat, 层), PSUs (psu,
 * cluster, 抽样单元) and population sizes (fpc, population, N). Nothing when none is placed.
 */
export function designSuggestion(columns: readonly string[]): string[] {
  const words = (name: string): string => normalizeLabel(name).toLowerCase();
  const strata = columns.find((c) => /strat|stra$|^层$|分层/u.test(words(c)));
  const psu = columns.find((c) => c !== strata && /psu|cluster|抽样单元/u.test(words(c)));
  // Two population sizes (fpc1, fpc2) are the two stages of a two-stage sample.
  const fpc = columns.filter((c) => c !== strata && c !== psu && /fpc|pop|^nh?$|总体/u.test(words(c))).slice(0, 2);
  const parts = [
    ...(strata === undefined ? [] : [`strata: ${flowScalar(strata)}`]),
    ...(psu === undefined ? [] : [`ids: ${fpc.length === 2 ? `[${flowScalar(psu)}, <the second-stage unit>]` : flowScalar(psu)}`]),
    ...(fpc.length === 0 ? [] : [`fpc: ${fpc.length === 2 ? `[${fpc.map(flowScalar).join(', ')}]` : flowScalar(fpc[0] ?? '')}`]),
  ];
  if (parts.length === 0) return [];
  return [
    '# Design: to make every interval and test follow the sampling design (as R\'s svydesign), check and uncomment',
    '# (add `nest: true` when PSU codes restart in each stratum; `fpc` is a population count, or a sampling fraction):',
    ...(psu === undefined
      ? [`# No PSU column was recognised by its name: for a clustered sample add \`ids: ${fpc.length === 2 ? '[<the PSU column>, <the second-stage unit>]' : '<the cluster column>'}\`, or the fpc is taken per respondent.`]
      : []),
    `# design: { ${parts.join(', ')} }`,
  ];
}

function flowScalar(text: string): string {
  return flow({ v: text }).replace(/^\{ v: /, '').replace(/ \}$/, '');
}

function uniqueId(name: string, position: number, used: Set<string>): string {
  const code = /^(\d+[a-zA-Z0-9]*)/.exec(normalizeLabel(name))?.[1];
  const words = normalizeLabel(name).toLowerCase().match(/[a-z][a-z0-9]*/g)?.slice(0, 4).join('_');
  let id = code !== undefined ? `q${code.toLowerCase()}` : words !== undefined && words.length > 0 ? words : `q${position + 1}`;
  if (!/^[A-Za-z_]/.test(id)) id = `q_${id}`;
  let unique = id;
  for (let n = 2; used.has(unique); n++) unique = `${id}_${n}`;
  used.add(unique);
  return unique;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'survey';
}

function shorten(text: string): string {
  const clean = normalizeLabel(text);
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}
