/**
 * Folds of the answers themselves, by question id: item non-response per question, respondents per option
 * of each likert question (its chart) and of each benchmarked question (the audit), and the first answers a
 * text question opts to quote; and respondents per collection channel.
 */
import type { Codebook } from '../../codebook/schema.ts';
import type { Fold } from '../../model/fold.ts';
import { detachString } from '../../util/detach-string.ts';
import { quoteAnswer } from '../../util/mask-contacts.ts';

/** Accepted respondents who left each question unanswered. */
export function nonResponseFold(codebook: Codebook, only?: number): Fold<Map<string, number>> {
  const ids = codebook.questions.map((q, i) => (only === undefined || i === only ? q.id : undefined));
  return {
    create: () => new Map(ids.flatMap((id) => (id === undefined ? [] : [[id, 0]]))),
    add(counts, { answers }) {
      for (let q = 0; q < ids.length; q++) {
        const id = ids[q];
        if (id !== undefined && answers[q] === null) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    },
    merge(into, from) {
      for (const [id, count] of from) into.set(id, (into.get(id) ?? 0) + count);
    },
    // One part per question; the counts of each are summed into a map in question order.
    split: () => ({
      parts: codebook.questions.map((_, q) => ({ reads: { questions: [q] }, fold: nonResponseFold(codebook, q) as Fold<unknown> })),
      join: (states) => new Map(codebook.questions.map((q, i) => [q.id, (states[i] as Map<string, number>).get(q.id) ?? 0])),
    }),
  };
}

/** Respondents per option of each of `questions` (single or likert), in option order. */
export function optionCountFold(codebook: Codebook, questions: readonly string[]): Fold<Map<string, number[]>> {
  const counted = questions.map((id) => {
    const at = codebook.questions.findIndex((q) => q.id === id);
    const question = codebook.questions[at];
    return { id, at, options: question !== undefined && 'options' in question ? question.options.length : 0 };
  });
  return {
    create: () => new Map(counted.map(({ id, options }) => [id, Array.from({ length: options }, () => 0)])),
    add(counts, { answers }) {
      for (const { id, at } of counted) {
        const answer = answers[at];
        const list = counts.get(id);
        if (typeof answer === 'number' && list !== undefined) list[answer] = (list[answer] ?? 0) + 1;
      }
    },
    merge(into, from) {
      for (const [id, counts] of into) counts.forEach((_, o) => (counts[o] = (counts[o] ?? 0) + (from.get(id)?.[o] ?? 0)));
    },
    split: () => ({
      parts: counted.map(({ id, at }) => ({ reads: { questions: [at] }, fold: optionCountFold(codebook, [id]) as Fold<unknown> })),
      join: (states) => new Map(counted.map(({ id }, i) => [id, (states[i] as Map<string, number[]>).get(id) ?? []])),
    }),
  };
}

export interface Quotes {
  limit: number;
  /** The first `limit` answers by row, masked and cut. */
  answers: { row: number; text: string }[];
}

/** The first answers (by row) of each text question with `quotes`, masked: what the report may quote. */
export function quotesFold(codebook: Codebook, only?: string): Fold<Map<string, Quotes>> {
  const quoted = codebook.questions.flatMap((q, at) => (q.type === 'text' && q.quotes > 0 && (only === undefined || q.id === only) ? [{ id: q.id, at, limit: q.quotes }] : []));
  return {
    create: () => new Map(quoted.map(({ id, limit }) => [id, { limit, answers: [] }])),
    add(quotes, { row, answers }) {
      for (const { id, at } of quoted) {
        const answer = answers[at];
        const kept = quotes.get(id);
        if (kept !== undefined && typeof answer === 'string') keepFirstRows(kept, [{ row, text: answer }], (text) => detachString(quoteAnswer(text)));
      }
    },
    merge(into, from) {
      for (const [id, kept] of into) keepFirstRows(kept, from.get(id)?.answers ?? []);
    },
    // One part per quoted question, given the lowest rows with an answer to it.
    split: () => ({
      parts: quoted.map(({ id, at, limit }) => ({ reads: { questions: [at], firstRows: limit }, fold: quotesFold(codebook, id) as Fold<unknown> })),
      join: (states) => new Map(quoted.map(({ id }, i) => [id, (states[i] as Map<string, Quotes>).get(id) as Quotes])),
    }),
  };
}

/**
 * Keeps the `limit` answers of the lowest rows, whatever order rows and parts arrive in (ties, as when two
 * exports both start at row 2, by text). `quote` prepares a new answer (masks and cuts it) and runs only on
 * answers that may be kept; merged parts arrive prepared already.
 */
function keepFirstRows(quotes: Quotes, more: readonly { row: number; text: string }[], quote: (text: string) => string = (text) => text): void {
  if (quotes.limit === 0) return;
  const last = quotes.answers[quotes.limit - 1];
  const wanted = more.filter((a) => last === undefined || a.row <= last.row);
  if (wanted.length === 0) return;
  quotes.answers = [...quotes.answers, ...wanted.map((a) => ({ row: a.row, text: quote(a.text) }))]
    .sort((a, b) => a.row - b.row || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .slice(0, quotes.limit);
}

/** Respondents per collection channel (`respondent.channel`). */
export function channelFold(): Fold<Map<string, number>> {
  return {
    reads: { questions: [], channel: true },
    create: () => new Map(),
    add(channels, { channel }) {
      if (channel === undefined) return;
      const count = channels.get(channel);
      // A new key is copied out of the parsed chunk it came from, so the chunk can be freed.
      channels.set(count === undefined ? detachString(channel) : channel, (count ?? 0) + 1);
    },
    merge(into, from) {
      for (const [channel, count] of from) into.set(channel, (into.get(channel) ?? 0) + count);
    },
  };
}
