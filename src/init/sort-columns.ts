/**
 * Which of an export's columns become questions, and which are something else: respondent columns (the
 * platform's by name; the id also by name and unique values), PII, weights, design columns, row numbers,
 * columns with no answers or a repeated header name (left out, each with the reason), and runs of
 * one-column-per-option multi-select columns (`3. Python.`, `3. R.`), grouped into one question. Pure.
 */
import { normalizeLabel } from '../util/normalize-label.ts';
import type { ColumnProfile } from './column-profile.ts';
import { columnRole } from './detect-platform.ts';
import { idLikeName, sampleRole } from './sample-columns.ts';

export type QuestionColumn = { kind: 'column'; index: number; profile: ColumnProfile } | { kind: 'group'; prefix: string; options: string[] };

export interface SortedColumns {
  respondent: Record<string, string>;
  pii: string[];
  weights: string[];
  design: string[];
  /** Columns left out of the questions, each with why: lines of the draft's header comment. */
  leftOut: string[];
  questions: QuestionColumn[];
}

/** A column is personal when at least this share of its filled cells looks like an IP, e-mail or phone. */
const PERSONAL_SHARE = 0.5;
const PREFIX = /^(\d+[a-zA-Z]?\s*[.、:：)）]\s*)(.+)$/u;

export function sortColumns(header: readonly string[], profiles: readonly ColumnProfile[]): SortedColumns {
  const sorted: SortedColumns = { respondent: {}, pii: [], weights: [], design: [], leftOut: [], questions: [] };
  const counts = new Map<string, number>();
  for (const name of header) counts.set(normalizeLabel(name), (counts.get(normalizeLabel(name)) ?? 0) + 1);
  const grouped = optionGroups(header, profiles);
  const id = respondentId(profiles.filter((p) => (counts.get(normalizeLabel(p.name)) ?? 0) === 1));
  header.forEach((name, i) => {
    const profile = profiles[i];
    if (profile === undefined) return;
    if (normalizeLabel(name) === '') {
      const what = profile.rowNumbers ? "row numbers, as R's write.csv and pandas write them" : 'no header name to refer to it by';
      sorted.leftOut.push(i === 0 ? `the unnamed first column (${what})` : `column ${i + 1} (no header name to refer to it by)`);
      return;
    }
    if ((counts.get(normalizeLabel(name)) ?? 0) > 1) {
      sorted.leftOut.push(`${name} (the header has this name twice)`);
      return;
    }
    const group = grouped.get(i);
    if (group !== undefined) {
      if (group.first === i) sorted.questions.push({ kind: 'group', prefix: group.prefix, options: group.options });
      return;
    }
    if (!placeOutside(sorted, profile, id)) sorted.questions.push({ kind: 'column', index: i, profile });
  });
  return sorted;
}

/**
 * The respondent id: the first column with unique values named like an id by its platform or plainly
 * (`respondent_id`, `序号`), else the first whose name is an id only with unique values (`X`, `Unnamed: 0`).
 */
function respondentId(profiles: readonly ColumnProfile[]): string | undefined {
  const unique = profiles.filter((p) => p.unique === true && p.filled > 0);
  return (unique.find((p) => columnRole(p.name) === 'id' || idLikeName(p.name) === 'strong') ?? unique.find((p) => idLikeName(p.name) === 'weak'))?.name;
}

/** Files a column that is not a question where it belongs; false for a question. `id`: the respondent id's column. */
function placeOutside(sorted: SortedColumns, profile: ColumnProfile, id: string | undefined): boolean {
  const { name } = profile;
  const role = columnRole(name);
  const personal = profile.filled > 0 && profile.personal >= PERSONAL_SHARE * profile.filled;
  if (role === 'pii' || personal) return push(sorted.pii, name);
  if (role === 'ignore') return true;
  const sample = sampleRole(profile);
  if (role === 'id' || sample === 'id' || (idLikeName(name) === 'strong' && profile.unique === false)) {
    if (profile.unique !== true) return push(sorted.leftOut, `${name} (named like an id, but its values repeat: not the respondent id)`);
    if (name === id) sorted.respondent['id'] = name;
    else sorted.leftOut.push(`${name} (${profile.rowNumbers ? 'row numbers' : 'another id: every value different'})`);
    return true;
  }
  if (role !== undefined && sorted.respondent[role] === undefined) {
    sorted.respondent[role] = name;
    return true;
  }
  if (sample === 'weight') return push(sorted.weights, name);
  if (sample === 'design') return push(sorted.design, name);
  if (profile.filled === 0) return push(sorted.leftOut, `${name} (no answers)`);
  return false;
}

function push(list: string[], name: string): true {
  list.push(name);
  return true;
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
