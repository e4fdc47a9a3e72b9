/**
 * `survey.yaml` text → a validated codebook, or every problem found, each with its line and path. Pure: the
 * file name is used only in messages.
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { formatPath, type CodebookIssue } from './codebook-issue.ts';
import { crossCheck } from './cross-check.ts';
import { indexClashes, withIndexQuestions } from './index-questions.ts';
import { didYouMean } from '../util/nearest.ts';
import { codebookSchema, type Codebook } from './schema.ts';
import { withoutBidiControlsDeep } from '../util/inert-text.ts';

/** YAML aliases allowed in one codebook: enough for real reuse, far too few for a "billion laughs". */
const MAX_ALIAS_COUNT = 100;

/** The only explicit tags a codebook may carry: YAML's own plain-data types (`!!str 10`). */
const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`));

export interface LocatedIssue extends CodebookIssue {
  /** 1-based line and column in the YAML text, where the path could be found there. */
  line?: number;
  column?: number;
}

export type ParseCodebookResult = { ok: true; value: Codebook } | { ok: false; issues: LocatedIssue[] };

export function parseCodebook(yamlText: string): ParseCodebookResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { uniqueKeys: true, lineCounter, prettyErrors: false, logLevel: 'error' });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: [], message: `not valid YAML: ${firstLine(error.message)}`, line, column: col };
      }),
    };
  }
  const unplain = notPlainData(doc, lineCounter);
  if (unplain.length > 0) return { ok: false, issues: unplain };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = firstLine(String((error as Error).message));
    if (/alias count/i.test(message)) {
      return { ok: false, issues: [{ path: [], message: `expands YAML aliases (*name) too far (a "billion laughs"); write the repeated values out, or use fewer than ${MAX_ALIAS_COUNT} aliases` }] };
    }
    return { ok: false, issues: [{ path: [], message: `cannot be read: ${message}` }] };
  }
  if (data === null || data === undefined) return { ok: false, issues: [{ path: [], message: 'is empty; start from the example in the README' }] };
  // Labels, titles and options reach every output: no control in them may reorder what follows.
  data = withoutBidiControlsDeep(data);

  const parsed = codebookSchema.safeParse(data);
  // Indexes are numeric questions to everything after this, the cross-checks included.
  const value = parsed.success ? withIndexQuestions(parsed.data) : undefined;
  const issues: CodebookIssue[] = parsed.success ? [...indexClashes(parsed.data), ...crossCheck(value as Codebook)] : parsed.error.issues.map((issue) => toIssue(issue, doc));
  if (value !== undefined && issues.length === 0) return { ok: true, value };
  return { ok: false, issues: issues.map((issue) => locate(issue, doc, lineCounter)) };
}

/**
 * A codebook is plain data: tags beyond YAML's own (`!!js/function`, `!!binary`, `!custom`) and keys that are
 * lists or mappings are refused rather than quietly turned into text.
 */
function notPlainData(doc: Document, lineCounter: LineCounter): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  const at = (node: unknown, message: string): void => {
    const position = isNode(node) && node.range ? lineCounter.linePos(node.range[0]) : undefined;
    issues.push(position === undefined ? { path: [], message } : { path: [], message, line: position.line, column: position.col });
  };
  // YAML 1.1 reads `no` as false, `010` as 8 and `<<` as a merge: a codebook is read as YAML 1.2 only.
  if (doc.directives?.yaml.explicit === true && doc.directives.yaml.version !== '1.2') {
    issues.push({ path: [], message: `declares %YAML ${doc.directives.yaml.version}; a codebook is YAML 1.2: remove the %YAML line`, line: 1, column: 1 });
  }
  // A tag that does not fit its value (`!!int abc`) is left as text by the parser: refuse it instead.
  // (Tags outside YAML's own are refused below, once.)
  for (const warning of doc.warnings) {
    const tag = /^Unresolved tag: (\S+)/.exec(warning.message)?.[1];
    if (tag !== undefined && !PLAIN_TAGS.has(tag)) continue;
    const { line, col } = lineCounter.linePos(warning.pos[0]);
    const message = tag === undefined ? firstLine(warning.message).replace(/ at line \d+, column \d+:?$/, '') : `the tag \`${tag.replace('tag:yaml.org,2002:', '!!')}\` does not fit its value; remove the tag`;
    issues.push({ path: [], message, line, column: col });
  }
  visit(doc, {
    Node(_, node) {
      if (node.tag !== undefined && !PLAIN_TAGS.has(node.tag)) {
        at(node, `the tag \`${node.tag.replace('tag:yaml.org,2002:', '!!')}\` is not allowed: a codebook holds plain text, numbers, lists and mappings; remove the tag`);
      }
    },
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) at(pair.key, 'a key must be plain text, not a list or mapping; write `key: value`');
      if (isScalar(pair.key) && pair.key.value === '<<') at(pair.key, 'merge keys (`<<`) are not allowed; write the fields out, or use an alias (*name) for a whole value');
    },
  });
  return issues;
}

function toIssue(issue: z.core.$ZodIssue, doc: Document): CodebookIssue {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  if (issue.code === 'invalid_type') {
    return { path, message: doc.hasIn(path) ? `must be ${article(issue.expected)}` : `is required (expected ${issue.expected})` };
  }
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) {
    return { path: [...path, ...issue.keys], message: issue.message, atKey: true };
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue) {
    // A wrong `type:` or `kind:`: name the value and the allowed ones, with the nearest.
    const allowed = issue.message.match(/'[^']+'/g)?.map((quoted) => quoted.slice(1, -1)) ?? [];
    const value: unknown = doc.getIn(path);
    const shown = value === undefined ? 'is required' : `\`${String(value)}\` is not allowed${didYouMean(String(value), allowed)}`;
    return { path, message: `${shown}; use one of: ${allowed.join(', ')}` };
  }
  return { path, message: issue.message };
}

/** Finds the deepest YAML node on the issue's path, for its line and column. */
function locate(issue: CodebookIssue, doc: Document, lineCounter: LineCounter): LocatedIssue {
  if (issue.atKey === true) {
    const parent: unknown = doc.getIn(issue.path.slice(0, -1), true);
    const key = issue.path[issue.path.length - 1];
    const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
    if (pair !== undefined && isNode(pair.key) && pair.key.range) {
      const { line, col } = lineCounter.linePos(pair.key.range[0]);
      return { path: issue.path, message: issue.message, line, column: col };
    }
  }
  for (let depth = issue.path.length; depth >= 0; depth--) {
    const node: unknown = doc.getIn(issue.path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { path: issue.path, message: issue.message, line, column: col };
    }
  }
  return { path: issue.path, message: issue.message };
}

/** `file:line:column: path: message`, one line. */
export function formatCodebookIssue(file: string, issue: LocatedIssue): string {
  const where = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column ?? 1}`;
  return issue.path.length === 0 ? `${where}: ${issue.message}` : `${where}: ${formatPath(issue.path)}: ${issue.message}`;
}

function article(expected: string): string {
  const names: Record<string, string> = { int: 'a whole number', number: 'a number', string: 'text', array: 'a list', object: 'a mapping (key: value lines)', boolean: 'true or false' };
  return names[expected] ?? expected;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
