/**
 * Turns the raw records of a `.sav` dictionary into variables: joins a string's continuation records and a
 * very long string's segments (7.14) into one variable, names it by its long name (7.13), decodes labels,
 * attaches value labels (records 3 and 4, and 7.21 for strings wider than 8 bytes), user-missing values
 * (the variable record, and 7.22) and measurement level (7.11). Alongside, the layout says where each
 * variable's value lies in a case's 8-byte slots. Names are matched on their raw bytes (ASCII letters
 * regardless of case), as SPSS writes some of them cut mid-character.
 */
import type { SavVariable } from '../read-sav.ts';
import { numericKind, numericText, type NumericKind } from './cell-text.ts';
import { DEFAULT_FLOAT_INFO, type FloatInfo, int32s, keyValues, longStringLabels, longStringMissing } from './extension-records.ts';
import type { SavDictionary, VariableRecord } from './read-dictionary.ts';
import { malformed } from './sav-error.ts';
import { MAX_STRING_WIDTH } from './sav-limits.ts';
import { type SavText, trimPadding } from './sav-text.ts';

/** Where a variable's value lies in a case: its first slot, and for strings the bytes of each segment. */
export interface VariableLayout {
  type: 'numeric' | 'string';
  kind: NumericKind;
  slot: number;
  /** For strings: byte offset in the case and bytes used, per segment (one unless very long). */
  segments: { offset: number; bytes: number }[];
}

export interface BuiltVariables {
  variables: SavVariable[];
  layouts: VariableLayout[];
  /** Whether each 8-byte slot of a case holds a number (false: part of a string). */
  numericSlots: boolean[];
}

/** A variable record that starts a variable or a very long string's segment, with its slot. */
interface Named {
  record: VariableRecord;
  slot: number;
}

export function buildVariables(dictionary: SavDictionary, text: SavText, floats: FloatInfo = DEFAULT_FLOAT_INFO): BuiltVariables {
  const { named, numericSlots } = namedRecords(dictionary.variables);
  const ext = (subtype: number): Buffer[] => dictionary.extensions.get(subtype) ?? [];
  const le = dictionary.littleEndian;
  const longNames = new Map(ext(13).flatMap(keyValues).map(({ key, value }) => [nameKey(key), value]));
  const veryLong = new Map(ext(14).flatMap(keyValues).map(({ key, value }) => [nameKey(key), Number(value.toString('latin1'))]));
  const display = ext(11).flatMap((payload) => int32s(payload, le));
  const perNamed = display.length === 3 * named.length ? 3 : display.length === 2 * named.length ? 2 : 0;

  const variables: SavVariable[] = [];
  const layouts: VariableLayout[] = [];
  const keys: string[] = [];
  for (let k = 0; k < named.length; ) {
    const first = named[k] as Named;
    const shortName = trimPadding(first.record.name);
    const declared = first.record.width === 255 ? veryLong.get(nameKey(shortName)) : undefined;
    if (declared !== undefined && !(Number.isInteger(declared) && declared <= MAX_STRING_WIDTH)) throw malformed(`a very long string is declared ${declared} bytes wide`);
    const width = declared !== undefined && declared > 255 ? declared : first.record.width;
    const parts = width > 255 ? Math.ceil(width / 252) : 1;
    const segments = named.slice(k, k + parts);
    if (segments.length < parts || (parts > 1 && segments.some((s) => s.record.width <= 0))) throw malformed('a very long string has fewer segments than its width needs');
    const rawName = longNames.get(nameKey(shortName)) ?? shortName;
    const type = width === 0 ? 'numeric' : 'string';
    const kind = type === 'numeric' ? numericKind(first.record.printType) : 'number';
    const format = (value: Buffer): string => (type === 'numeric' ? numericText(double(value, le), kind) : text.decode(value));
    const variable: SavVariable = { name: text.decode(rawName), type, valueLabels: [], missing: missingValues(first.record, format, le, floats) };
    if (first.record.label !== undefined) variable.label = text.decode(first.record.label);
    const measure = perNamed === 0 ? undefined : MEASURES[display[perNamed * k] ?? 0];
    if (measure !== undefined) variable.measure = measure;
    variables.push(variable);
    keys.push(nameKey(rawName));
    layouts.push({
      type,
      kind,
      slot: first.slot,
      segments: segments.map((s, i) => ({ offset: 8 * s.slot, bytes: i < parts - 1 ? 255 : Math.min(s.record.width, width - 255 * (parts - 1)) })),
    });
    k += parts;
  }
  const byKey = new Map(keys.map((key, index) => [key, index]));
  attachValueLabels(dictionary, variables, layouts, byKey, text);
  for (const entry of ext(22).flatMap((payload) => longStringMissing(payload, le))) {
    const variable = variables[byKey.get(nameKey(entry.name)) ?? -1];
    if (variable?.type === 'string') variable.missing = { values: entry.values.map((v) => text.decode(v)) };
  }
  return { variables, layouts, numericSlots };
}

const MEASURES: Record<number, SavVariable['measure']> = { 1: 'nominal', 2: 'ordinal', 3: 'scale' };

/** The records that start a variable (or segment), checking each string is followed by its continuations. */
function namedRecords(records: VariableRecord[]): { named: Named[]; numericSlots: boolean[] } {
  const named: Named[] = [];
  const numericSlots: boolean[] = [];
  for (let slot = 0; slot < records.length; ) {
    const record = records[slot] as VariableRecord;
    if (record.width === -1) throw malformed(`variable record ${slot + 1} continues a string that is not there`);
    const span = record.width === 0 ? 1 : Math.ceil(record.width / 8);
    for (let i = 1; i < span; i++) {
      if (records[slot + i]?.width !== -1) throw malformed(`the ${record.width}-byte string in variable record ${slot + 1} lacks its continuation records`);
    }
    named.push({ record, slot });
    for (let i = 0; i < span; i++) numericSlots.push(record.width === 0);
    slot += span;
  }
  return { named, numericSlots };
}

/** A name's bytes as a lookup key: padding dropped, ASCII letters upper-cased, other bytes as they are. */
function nameKey(bytes: Buffer): string {
  return trimPadding(bytes).toString('latin1').replace(/[a-z]/g, (c) => c.toUpperCase());
}

function double(bytes: Buffer, littleEndian: boolean): number {
  return littleEndian ? bytes.readDoubleLE(0) : bytes.readDoubleBE(0);
}

function missingValues(record: VariableRecord, format: (value: Buffer) => string, le: boolean, floats: FloatInfo): SavVariable['missing'] {
  if (record.missingCount >= 0) return { values: record.missing.map(format) };
  // A range is for numbers only: one on a string is damage, and is dropped.
  if (record.width !== 0) return { values: [] };
  const [low, high, single] = record.missing.map((value) => double(value, le));
  const bound = (value: number): number => (value === floats.lowest ? -Infinity : value === floats.highest ? Infinity : value);
  return { values: single === undefined ? [] : [format(record.missing[2] as Buffer)], range: { low: bound(low ?? 0), high: bound(high ?? 0) } };
}

/** Adds value labels from records 3/4 (by slot) and 7.21 (by long name), sorted by value, the last of duplicates kept. */
function attachValueLabels(dictionary: SavDictionary, variables: SavVariable[], layouts: VariableLayout[], byKey: Map<string, number>, text: SavText): void {
  const le = dictionary.littleEndian;
  const bySlot = new Map(layouts.map((layout, index) => [layout.slot, index]));
  const found = variables.map(() => new Map<string, { order: number | string; label: string }>());
  const add = (index: number, value: Buffer, label: Buffer): void => {
    const layout = layouts[index] as VariableLayout;
    const number = layout.type === 'numeric' ? double(value, le) : undefined;
    const shown = number === undefined ? text.decode(value) : numericText(number, layout.kind);
    found[index]?.set(shown, { order: number ?? shown, label: text.decode(label) });
  };
  for (const record of dictionary.valueLabels) {
    for (const slot of record.slots) {
      const index = bySlot.get(slot);
      if (index !== undefined) for (const { value, label } of record.labels) add(index, value, label);
    }
  }
  for (const entry of (dictionary.extensions.get(21) ?? []).flatMap((payload) => longStringLabels(payload, le))) {
    const index = byKey.get(nameKey(entry.name)) ?? -1;
    if (layouts[index]?.type === 'string') for (const { value, label } of entry.labels) add(index, value, label);
  }
  found.forEach((labels, index) => {
    const sorted = [...labels].sort(([, a], [, b]) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    (variables[index] as SavVariable).valueLabels = sorted.map(([value, { label }]) => ({ value, label }));
  });
}
