/** One problem found in a codebook: where it is (a path into the YAML) and what is wrong. */
export interface CodebookIssue {
  path: (string | number)[];
  message: string;
  /** The problem is the key at the end of `path` itself (an unknown key), not its value. */
  atKey?: boolean;
}

/** `questions[3].options` for `['questions', 3, 'options']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}
