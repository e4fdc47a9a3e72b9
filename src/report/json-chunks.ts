/**
 * `JSON.stringify(value, null, 2)` and a final newline, in pieces: an array's elements, and an object's
 * properties that are not arrays, each one piece. validation.json lists every rejected row; at 100,000 rows,
 * stringified at once, it took a few hundred megabytes of memory for a moment. Plain data only (what
 * JSON.stringify would write of a `toJSON`, a Map or a class instance is not reproduced).
 */
export function* jsonChunks(value: unknown): Generator<string> {
  yield* pieces(value, '');
  yield '\n';
}

function* pieces(value: unknown, indent: string): Generator<string> {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (const [i, element] of value.entries()) yield `${i === 0 ? '[' : ','}\n${inner}${nested(written(element) ? element : null, inner)}`;
    yield `\n${indent}]`;
    return;
  }
  if (typeof value !== 'object' || value === null) {
    yield JSON.stringify(value);
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => written(v));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  for (const [i, [key, v]] of entries.entries()) {
    const start = `${i === 0 ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    if (Array.isArray(v)) {
      yield start;
      yield* pieces(v, inner);
    } else yield `${start}${nested(v, inner)}`;
  }
  yield `\n${indent}}`;
}

/** JSON.stringify leaves out of an object (and writes as null in an array) undefined, functions and symbols. */
function written(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** `value` stringified at the depth of `indent`: JSON strings hold no raw line break, so every line break is one of the layout's. */
function nested(value: unknown, indent: string): string {
  return (JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`);
}
