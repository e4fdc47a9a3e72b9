/**
 * A vega-lite spec → the dataflow a vega View runs (`vega.parse(compile(spec).spec)`), remembered per chart
 * structure. A survey's charts repeat a few shapes (forest plots, share bars, dumbbells) that differ only in
 * their data and title text, and a batch repeats them survey after survey, yet compiling and parsing read
 * the whole spec and config every time (docs/performance.md has the cost). So the data and the title's text are swapped for placeholders, the rest is the key, and the remembered dataflow gets
 * this chart's values put back. A dataflow that holds a placeholder in any other form (a title folded into
 * a longer string) is not remembered: such a chart is compiled and parsed as it is.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
/** A chart's distinct inline datasets, in order of appearance, and each one's JSON. */
type Datasets = { values: Json[]; json: string[] };

/** Placeholders: a string no chart writes, and a one-row dataset that stands for a chart's data. */
const TEXT_MARK = 'stickiness-placeholder-text-';
const DATA_MARK = 'stickinessPlaceholderData';

/** At most this many structures are kept (oldest out first): a long `batch --watch` meets new ones forever. */
const KEEP = 256;
const remembered = new Map<string, JsonObject | null>();

export function chartDataflow(spec: Record<string, unknown>): vega.Runtime {
  // A chart that writes a placeholder itself (in a label, say) could not be told apart from one: it is not remembered.
  if (holdsPlaceholder(spec as JsonObject)) return parse(spec as JsonObject) as unknown as vega.Runtime;
  const texts: string[] = [];
  const datasets: Datasets = { values: [], json: [] };
  const key = JSON.stringify(withPlaceholders(spec as JsonObject, texts, datasets, true));
  let shape = remembered.get(key);
  if (shape === undefined) {
    const dataflow = parse(JSON.parse(key) as JsonObject);
    shape = placeholdersOnlyWhereExpected(dataflow) ? dataflow : null;
    remembered.set(key, shape);
    if (remembered.size > KEEP) remembered.delete(remembered.keys().next().value as string);
  }
  return (shape === null ? parse(spec as JsonObject) : filledIn(shape, texts, datasets.values)) as unknown as vega.Runtime;
}

function parse(spec: JsonObject): JsonObject {
  return vega.parse(compile(spec as unknown as TopLevelSpec).spec) as unknown as JsonObject;
}

/** A copy of `value` with every inline dataset and the top-level title's strings replaced by placeholders. */
function withPlaceholders(value: JsonObject, texts: string[], datasets: Datasets, topLevel: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [name, field] of Object.entries(value)) {
    if (name === 'data' && isObject(field) && Object.keys(field).length === 1 && Array.isArray(field['values'])) {
      // vega-lite merges equal datasets into one source: equal datasets share a placeholder, to match.
      const json = JSON.stringify(field['values']);
      let mark = datasets.json.indexOf(json);
      if (mark < 0) mark = datasets.values.push(field['values']) - 1;
      datasets.json[mark] = json;
      out[name] = { values: [{ [DATA_MARK]: mark }] };
    } else if (name === 'title' && topLevel && isObject(field)) {
      const title: JsonObject = { ...field };
      for (const part of ['text', 'subtitle']) {
        const text = title[part];
        // An empty title draws no title mark at all: it stays part of the structure.
        if (typeof text === 'string' && text !== '') {
          title[part] = `${TEXT_MARK}${texts.length}`;
          texts.push(text);
        }
      }
      out[name] = title;
    } else {
      out[name] = copyWithPlaceholders(field, texts, datasets);
    }
  }
  return out;
}

function copyWithPlaceholders(value: Json, texts: string[], datasets: Datasets): Json {
  if (Array.isArray(value)) return value.map((item) => copyWithPlaceholders(item, texts, datasets));
  if (isObject(value)) return withPlaceholders(value, texts, datasets, false);
  return value;
}

/**
 * A fresh copy of a remembered dataflow with this chart's values for the placeholders. A title's text is
 * either a plain string or, inside generated code, a JavaScript string literal.
 */
function filledIn(value: Json, texts: readonly string[], datasets: readonly Json[]): Json {
  if (typeof value === 'string') {
    const text = placeholderText(value);
    if (text === undefined) return value;
    const original = texts[text.index] ?? '';
    return text.quoted ? jsString(original) : original;
  }
  if (Array.isArray(value)) {
    const mark = placeholderDataset(value);
    return mark === undefined ? value.map((item) => filledIn(item, texts, datasets)) : (datasets[mark] ?? value);
  }
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [name, field] of Object.entries(value)) out[name] = filledIn(field, texts, datasets);
    return out;
  }
  return value;
}

/** True when a string or name outside the chart's data holds either placeholder's mark. */
function holdsPlaceholder(value: Json): boolean {
  if (typeof value === 'string') return value.includes(TEXT_MARK) || value.includes(DATA_MARK);
  if (Array.isArray(value)) return value.some(holdsPlaceholder);
  if (isObject(value)) return Object.entries(value).some(([name, field]) => name.includes(DATA_MARK) || (name === 'data' ? false : holdsPlaceholder(field)));
  return false;
}

/** True when placeholders appear only in the forms `filledIn` replaces. */
function placeholdersOnlyWhereExpected(value: Json): boolean {
  if (typeof value === 'string') return placeholderText(value) !== undefined || (!value.includes(TEXT_MARK) && !value.includes(DATA_MARK));
  if (Array.isArray(value)) return placeholderDataset(value) !== undefined || value.every(placeholdersOnlyWhereExpected);
  if (isObject(value)) return Object.entries(value).every(([name, field]) => !name.includes(DATA_MARK) && placeholdersOnlyWhereExpected(field));
  return true;
}

function placeholderText(value: string): { index: number; quoted: boolean } | undefined {
  const quoted = value.startsWith(`"${TEXT_MARK}`) && value.endsWith('"');
  if (!quoted && !value.startsWith(TEXT_MARK)) return undefined;
  const digits = quoted ? value.slice(TEXT_MARK.length + 1, -1) : value.slice(TEXT_MARK.length);
  return /^\d+$/.test(digits) ? { index: Number(digits), quoted } : undefined;
}

function placeholderDataset(value: Json[]): number | undefined {
  const [row] = value;
  if (value.length !== 1 || !isObject(row)) return undefined;
  const mark = row[DATA_MARK];
  return typeof mark === 'number' && Object.keys(row).length === 1 ? mark : undefined;
}

/** A string as vega writes it into generated code (vega-util's stringValue): JSON, with U+2028/9 escaped. */
function jsString(text: string): string {
  return JSON.stringify(text).replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
