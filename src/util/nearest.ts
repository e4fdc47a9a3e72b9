/** Levenshtein edit distance between two strings, by code point. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (s[i - 1] === t[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[t.length] ?? 0;
}

/**
 * The candidates closest to `word`, best first: those within a third of the word's length in edits
 * (at least 2), or, when `always` is set, the `limit` nearest whatever their distance.
 */
export function nearest(word: string, candidates: readonly string[], options: { limit?: number; always?: boolean } = {}): string[] {
  const limit = options.limit ?? 1;
  const threshold = Math.max(2, Math.ceil([...word].length / 3));
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(word.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ distance }) => options.always === true || distance <= threshold)
    .sort((x, y) => x.distance - y.distance || (x.candidate < y.candidate ? -1 : x.candidate > y.candidate ? 1 : 0))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** " (did you mean `x`?)" for the nearest candidate, or "" when none is near. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const [best] = nearest(word, candidates);
  return best === undefined ? '' : ` (did you mean \`${best}\`?)`;
}
