/**
 * A draft `survey.yaml` from what `init` learned about an export: the platform, respondent columns,
 * PII columns (by name or because their cells look personal), one question per remaining column (or per
 * group of one-column-per-option columns), and metrics left as commented examples. The draft validates
 * as it is, and `analyze` runs on it unchanged.
 */
import path from 'node:path';
import { Document, isSeq, visit } from 'yaml';
import type { Format } from '../codebook/schema.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import type { ColumnProfile } from './column-profile.ts';
import { columnRole } from './detect-platform.ts';
import { inferQuestion, type InferredQuestion } from './infer-question.ts';

export interface DraftInput {
  /** The export's path, relative to where survey.yaml will be written. */
  sourceFile: string;
  format: Format;
  encoding: string;
  header: string[];
  /** Qualtrics' question-text row. */
  altHeader?: string[];
  profiles: ColumnProfile[];
  rowsRead: number;
}

export interface Draft {
  yaml: string;
  questions: { id: string; type: string }[];
  pii: string[];
}

/** A column is personal when at least this share of its filled cells looks like an IP, e-mail or phone. */
const PERSONAL_SHARE = 0.5;
const PREFIX = /^(\d+[a-zA-Z]?\s*[.、:：)）]\s*)(.+)$/u;

export function draftCodebook(input: DraftInput): Draft {
  const { header, profiles, format } = input;
  const counts = new Map<string, number>();
  for (const name of header) counts.set(normalizeLabel(name), (counts.get(normalizeLabel(name)) ?? 0) + 1);
  const respondent: Record<string, string> = {};
  const pii: string[] = [];
  const questions: Record<string, unknown>[] = [];
  const usedIds = new Set<string>();
  const skipped: string[] = [];
  const grouped = optionGroups(header, profiles);

  header.forEach((name, i) => {
    const profile = profiles[i];
    if (profile === undefined || normalizeLabel(name) === '') return;
    if ((counts.get(normalizeLabel(name)) ?? 0) > 1) {
      skipped.push(`${name} (the header has this name twice)`);
      return;
    }
    const role = columnRole(name);
    const personal = profile.filled > 0 && profile.personal >= PERSONAL_SHARE * profile.filled;
    if (role === 'pii' || personal) {
      pii.push(name);
      return;
    }
    if (role === 'ignore') return;
    if (role !== undefined && respondent[role] === undefined) {
      respondent[role] = name;
      return;
    }
    const group = grouped.get(i);
    if (group !== undefined) {
      if (group.first === i) {
        questions.push({ id: uniqueId(group.prefix, questions.length, usedIds), columnPrefix: group.prefix, type: 'multi', options: group.options });
      }
      return;
    }
    const label = input.altHeader?.[i];
    const inferred = inferQuestion(profile, format, label);
    questions.push({
      id: uniqueId(name, questions.length, usedIds),
      column: name,
      ...(label !== undefined && normalizeLabel(label) !== '' && label !== name ? { label: shorten(label) } : {}),
      ...questionFields(inferred),
    });
  });

  const base = path.basename(input.sourceFile).replace(/\.[^.]+$/, '');
  const data = {
    id: slug(base),
    title: base,
    language: /[\u4e00-\u9fff]/u.test(header.join('')) ? 'zh' : 'en',
    source: { file: input.sourceFile, format, encoding: 'auto' },
    ...(Object.keys(respondent).length === 0 ? {} : { respondent }),
    ...(pii.length === 0 ? {} : { pii }),
    questions: questions.length === 0 ? [{ id: 'placeholder', column: header[0] ?? 'column', type: 'text' }] : questions,
  };
  const doc = new Document(data);
  visit(doc, {
    Pair(_, pair) {
      if (isSeq(pair.value) && ['options', 'pii'].includes(String((pair.key as { value?: unknown }).value))) pair.value.flow = true;
    },
  });
  doc.commentBefore = [
    ` Drafted by \`stickiness init\` from ${path.basename(input.sourceFile)}: ${input.rowsRead} rows, ${format} export, read as ${input.encoding}.`,
    ' Check every question: types and option lists are guesses from the answers seen; choice options are in',
    ' numeric order where labels start with a number, else most chosen first: put them in questionnaire order',
    ' (likert options low to high).',
    ...skipped.map((s) => ` Left out: ${s}`),
  ].join('\n');
  const yaml = `${doc.toString({ lineWidth: 0 })}${examples(questions, respondent, pii)}`;
  return { yaml, questions: questions.map((q) => ({ id: String(q['id']), type: String(q['type']) })), pii };
}

function questionFields(q: InferredQuestion): Record<string, unknown> {
  switch (q.type) {
    case 'single':
    case 'likert':
      return { type: q.type, options: q.options };
    case 'multi':
      return { type: 'multi', separator: q.separator, options: q.options };
    case 'rating':
      return { type: 'rating', min: q.min, max: q.max };
    default:
      return { type: q.type };
  }
}

/** Runs of columns like `3. Python.`, `3. R.` whose cells are empty, 0/1 or the column's own label. */
function optionGroups(header: readonly string[], profiles: readonly ColumnProfile[]): Map<number, { first: number; prefix: string; options: string[] }> {
  const groups = new Map<number, { first: number; prefix: string; options: string[] }>();
  let i = 0;
  while (i < header.length) {
    const match = PREFIX.exec(header[i] ?? '');
    const prefix = match?.[1];
    let j = i;
    const options: string[] = [];
    while (prefix !== undefined && j < header.length) {
      const m = PREFIX.exec(header[j] ?? '');
      const label = m?.[2];
      if (m?.[1] !== prefix || label === undefined || !indicator(profiles[j], label)) break;
      options.push(label);
      j++;
    }
    if (prefix !== undefined && options.length >= 2) {
      for (let k = i; k < j; k++) groups.set(k, { first: i, prefix, options });
      i = j;
    } else i++;
  }
  return groups;
}

function indicator(profile: ColumnProfile | undefined, label: string): boolean {
  if (profile === undefined || profile.values.size === 0) return profile !== undefined;
  const allowed = new Set([normalizeLabel(label).toLowerCase(), '1', '0']);
  return [...profile.values.keys()].every((v) => allowed.has(v.toLowerCase()));
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

/** Commented examples of metrics and quality rules, written for the questions found. */
function examples(questions: readonly Record<string, unknown>[], respondent: Record<string, string>, pii: readonly string[]): string {
  const lines = ['', '# Metrics: uncomment and adapt. Kinds: proportion, top-box, mean, nps, distribution.', '# metrics:'];
  for (const q of questions.slice(0, 40)) {
    const id = String(q['id']);
    const options = (q['options'] as string[] | undefined) ?? [];
    if (q['type'] === 'likert') lines.push(`#   - { id: ${id}_top2, section: satisfaction, kind: top-box, question: ${id}, box: 2 }`);
    if (q['type'] === 'nps') lines.push(`#   - { id: ${id}_nps, section: satisfaction, kind: nps, question: ${id} }`);
    if (q['type'] === 'single' && options[0] !== undefined) lines.push(`#   - { id: ${id}_share, kind: proportion, question: ${id}, success: [${JSON.stringify(options[0])}] }`);
    if (q['type'] === 'multi') lines.push(`#   - { id: ${id}_mix, section: usage, kind: distribution, question: ${id} }`);
    if (q['type'] === 'rating' || q['type'] === 'numeric') lines.push(`#   - { id: ${id}_mean, kind: mean, question: ${id} }`);
  }
  lines.push('# quality:');
  if (respondent['duration'] !== undefined) lines.push('#   minDurationSeconds: 30');
  if (pii.length > 0) lines.push(`#   duplicateKeys: [${JSON.stringify(pii[0])}]`);
  lines.push('#   attentionCheck: { question: <id>, expect: [<the right answer>] }');
  return `${lines.join('\n')}\n`;
}
