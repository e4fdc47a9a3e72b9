/**
 * A synthetic export shaped like a codebook: seeded, so the same seed gives the same rows; answers drawn
 * from the profile (uniform where it is silent), linked answers drawn to go with others (`linked`); and, on
 * request, faulty rows of every kind the codebook's quality rules catch, so the accounting can be seen at
 * work. Pure: returns cells, not bytes.
 */
import { isIndexQuestion } from '../codebook/index-questions.ts';
import type { Codebook, Question } from '../codebook/schema.ts';
import { normalCdf, normalQuantile } from '../stats/distributions.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import { seededRandom, type Random } from '../util/random.ts';
import { DEFAULT_SEPARATOR } from '../validate/parse-answer.ts';
import type { Profile, QuestionProfile } from './profile-schema.ts';

export type FaultKind = 'speeder' | 'duplicate' | 'invalid-cell' | 'attention-check' | 'speeder+attention-check';

export interface SynthOptions {
  /** Rows to write in all, faulty ones included. */
  rows: number;
  /** How many of them are faulty (each caught by a quality rule). */
  faults: number;
  seed: number;
}

export interface SynthTable {
  header: string[];
  /** Extra header rows after the first (Qualtrics writes question texts and import ids there). */
  extraHeaderRows: string[][];
  rows: string[][];
  /** Which rows (0-based, in `rows`) are faulty, and how. */
  faults: { index: number; kind: FaultKind }[];
}

const PLACES = ['北京-北京', '上海-上海', '广东-深圳', '广东-广州', '浙江-杭州', '江苏-南京', '四川-成都', '湖北-武汉'];

export function synthesizeRows(codebook: Codebook, profile: Profile, options: SynthOptions): SynthTable {
  const rng = seededRandom(options.seed);
  // Linked answers draw from a stream of their own: adding linked questions leaves every other answer as it was.
  const linkRng = seededRandom((options.seed ^ 0x5bd1e995) >>> 0);
  const { respondent, quality, source } = codebook;
  const wjx = source.format === 'wjx';

  // Columns: respondent fields, PII and key columns, a weight column, then the questions.
  const meta: { name: string; make: (i: number) => string }[] = [];
  const seenNames = new Set<string>();
  const addMeta = (name: string | undefined, make: (i: number) => string): void => {
    if (name === undefined || seenNames.has(name)) return;
    seenNames.add(name);
    meta.push({ name, make });
  };
  const durationRange = durationBounds(profile, quality.minDurationSeconds);
  const usedIps = new Set<string>();
  addMeta(respondent.id, (i) => String(i + 1));
  addMeta(respondent.submittedAt, (i) => timestamp(codebook, i, options.rows, rng, wjx));
  addMeta(respondent.duration, () => formatDuration(logUniform(rng, durationRange.min, durationRange.max), wjx));
  addMeta(respondent.channel, () => pick(rng, profile.respondent.channel ?? { [codebook.language === 'zh' ? '链接' : 'link']: 1 }));
  for (const name of [...codebook.pii, ...(quality.duplicateKeys ?? [])]) addMeta(name, () => personal(name, rng, usedIps, wjx));
  if (codebook.weighting.column !== undefined) addMeta(codebook.weighting.column, () => (0.5 + rng.next() * 1.5).toFixed(3));

  const questionColumns = codebook.questions.flatMap((q) =>
    isIndexQuestion(codebook, q) ? [] : q.column !== undefined ? [q.column] : ('options' in q ? q.options : []).map((o) => `${q.columnPrefix ?? ''}${o}`),
  );
  const header = [...meta.map((m) => m.name), ...questionColumns];
  const order = answerOrder(codebook, profile);

  const faultKinds = availableFaults(codebook);
  const faultCount = faultKinds.length === 0 ? 0 : Math.min(options.faults, Math.max(0, options.rows - 1));
  const positions = shuffle(rng, Array.from({ length: Math.max(0, options.rows - 1) }, (_, i) => i + 1)).slice(0, faultCount).sort((a, b) => a - b);
  const faults = positions.map((index, k) => ({ index, kind: faultKinds[k % faultKinds.length] as FaultKind }));
  const faultAt = new Map(faults.map((f) => [f.index, f.kind]));
  /** Of each fault, how many of its kind come before it. */
  const ordinalAt = new Map(faults.map((f, k) => [f.index, Math.floor(k / faultKinds.length)]));

  const rows: string[][] = [];
  for (let i = 0; i < options.rows; i++) {
    const metaCells = meta.map((m) => m.make(i));
    const answers = answerRow(codebook, profile, order, rng);
    for (const link of profile.linked) drawLinked(codebook, profile, link, answers, linkRng);
    const kind = faultAt.get(i);
    if (kind !== undefined) injectFault(codebook, kind, { ordinal: ordinalAt.get(i) ?? 0, header, metaCells, answers, rows, rng, wjx });
    rows.push([...metaCells, ...codebook.questions.flatMap((q, qi) => questionCells(codebook, q, answers[qi] ?? null))]);
  }

  const extraHeaderRows =
    source.format === 'qualtrics'
      ? [header.map((name) => name), header.map((_, i) => `{"ImportId":"QID${i + 1}"}`)]
      : [];
  return { header, extraHeaderRows, rows, faults };
}

/** An answer while generating: option indices for choice questions, a number, a text, or null (blank). */
type Draft = number | number[] | string | null;

function answerRow(codebook: Codebook, profile: Profile, order: number[], rng: Random): Draft[] {
  const answers: Draft[] = codebook.questions.map(() => null);
  const linked = new Set(profile.linked.map((l) => l.question));
  for (const qi of order) {
    const question = codebook.questions[qi] as Question;
    // Linked answers come after (drawLinked); an index is computed from its items, never drawn.
    if (linked.has(question.id) || isIndexQuestion(codebook, question)) continue;
    const overrides = overridesFor(codebook, profile, answers);
    const merged = mergeProfiles([profile.questions[question.id], ...overrides.map((c) => c.questions[question.id])]);
    answers[qi] = drawAnswer(codebook, question, merged, rng);
  }
  return answers;
}

/** The conditional profiles whose `when` the answers so far match. */
function overridesFor(codebook: Codebook, profile: Profile, answers: readonly Draft[]): Profile['conditional'] {
  return profile.conditional.filter((c) => {
    const at = codebook.questions.findIndex((q) => q.id === c.when.question);
    const target = codebook.questions[at];
    const given = answers[at];
    if (target === undefined || !('options' in target) || given === null || given === undefined) return false;
    const chosen = Array.isArray(given) ? given : [given];
    const wanted = new Set(c.when.in.map(normalizeLabel));
    return chosen.some((i) => typeof i === 'number' && wanted.has(normalizeLabel(target.options[i] ?? '')));
  });
}

/**
 * A linked answer, by a Gaussian copula: each answer in `with` becomes a normal score z_s (the middle of its
 * answer's band of the standard normal, the bands cut at its profile shares' cumulative sums; 0 when blank),
 * this question's score is Σ b_s·z_s + √(1 − Σ b_s²)·ε with ε standard normal, and its answer is the band of
 * its own shares (conditionals applied) that the score falls in. When the sources are independent its shares
 * stay about as given, and it correlates with each source by about b_s.
 */
function drawLinked(codebook: Codebook, profile: Profile, link: Profile['linked'][number], answers: Draft[], rng: Random): void {
  const at = codebook.questions.findIndex((q) => q.id === link.question);
  const question = codebook.questions[at] as Question;
  const merged = mergeProfiles([profile.questions[question.id], ...overridesFor(codebook, profile, answers).map((c) => c.questions[question.id])]);
  if (rng.next() < (merged.blank ?? 0)) {
    answers[at] = null;
    return;
  }
  let score = 0;
  let explained = 0;
  for (const [id, strength] of Object.entries(link.with)) {
    const sourceAt = codebook.questions.findIndex((q) => q.id === id);
    const source = codebook.questions[sourceAt] as Question;
    const given = answers[sourceAt];
    const levels = levelsOf(source, profile.questions[source.id]);
    const k = typeof given === 'number' ? levels.values.indexOf(given) : -1;
    if (k >= 0) {
      const below = levels.weights.slice(0, k).reduce((sum, w) => sum + w, 0);
      score += strength * normalQuantile(clampShare((below + (levels.weights[k] as number) / 2) / levels.total));
    }
    explained += strength * strength;
  }
  // Box–Muller: one standard normal from two uniforms.
  const epsilon = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  score += Math.sqrt(1 - explained) * epsilon;
  const levels = levelsOf(question, merged);
  const place = normalCdf(score) * levels.total;
  let cumulative = 0;
  for (let i = 0; i < levels.values.length; i++) {
    cumulative += levels.weights[i] as number;
    if (place < cumulative || i === levels.values.length - 1) {
      answers[at] = levels.values[i] as number;
      return;
    }
  }
}

/** The answers a question can take, in order (option indices or scores), with the profile's weight of each (1 each without shares). */
function levelsOf(question: Question, profile: QuestionProfile | undefined): { values: number[]; weights: number[]; total: number } {
  const shares = profile?.shares === undefined ? undefined : new Map(Object.entries(profile.shares).map(([k, v]) => [normalizeLabel(k), v]));
  let values: number[];
  let keys: string[];
  if ('options' in question) {
    values = question.options.map((_, i) => i);
    keys = question.options.map(normalizeLabel);
  } else {
    const [min, max] = question.type === 'nps' ? [0, 10] : question.type === 'rating' ? [question.min, question.max] : [0, 0];
    values = Array.from({ length: Math.floor(max) - Math.ceil(min) + 1 }, (_, i) => Math.ceil(min) + i);
    keys = values.map(String);
  }
  const weights = keys.map((key) => (shares === undefined ? 1 : (shares.get(key) ?? 0)));
  return { values, weights, total: weights.reduce((sum, w) => sum + w, 0) };
}

function clampShare(p: number): number {
  return Math.min(1 - 1e-12, Math.max(1e-12, p));
}

function drawAnswer(codebook: Codebook, question: Question, profile: QuestionProfile, rng: Random): Draft {
  const attention = codebook.quality.attentionCheck;
  if (attention !== undefined && attention.question === question.id && 'options' in question) {
    return question.options.findIndex((o) => normalizeLabel(o) === normalizeLabel(attention.expect[0] ?? ''));
  }
  if (rng.next() < (profile.blank ?? 0)) return null;
  switch (question.type) {
    case 'single':
    case 'likert':
    case 'nps':
    case 'rating': {
      const levels = levelsOf(question, profile);
      return levels.values[rng.weighted(levels.weights)] ?? null;
    }
    case 'multi': {
      const shares = profile.shares === undefined ? undefined : new Map(Object.entries(profile.shares).map(([k, v]) => [normalizeLabel(k), v]));
      const p = question.options.map((o) => (shares === undefined ? 0.3 : (shares.get(normalizeLabel(o)) ?? 0)));
      const chosen = p.flatMap((pi, i) => (rng.next() < pi ? [i] : []));
      return chosen.length > 0 ? chosen : [rng.weighted(p.some((pi) => pi > 0) ? p : p.map(() => 1))];
    }
    case 'numeric': {
      const min = profile.range?.min ?? question.min ?? 0;
      const max = profile.range?.max ?? question.max ?? 100;
      return rng.int(Math.ceil(min), Math.floor(max));
    }
    case 'text':
      return profile.texts === undefined || profile.texts.length === 0 ? null : (profile.texts[rng.int(0, profile.texts.length - 1)] ?? null);
  }
}

function questionCells(codebook: Codebook, question: Question, answer: Draft): string[] {
  // An index is computed from its items, not written.
  if (isIndexQuestion(codebook, question)) return [];
  if (question.columnPrefix !== undefined && 'options' in question) {
    const chosen = new Set(Array.isArray(answer) ? answer : []);
    return question.options.map((_, i) => (chosen.has(i) ? '1' : '0'));
  }
  if (answer === null) return [''];
  if (typeof answer === 'string') return [answer];
  if ('options' in question) {
    const separator = question.type === 'multi' ? (question.separator ?? DEFAULT_SEPARATOR[codebook.source.format]) : '';
    return [(Array.isArray(answer) ? answer : [answer]).map((i) => question.options[i] ?? '').join(separator)];
  }
  return [String(answer)];
}

interface FaultContext {
  /** How many faults of this kind come before this one. */
  ordinal: number;
  header: string[];
  metaCells: string[];
  answers: Draft[];
  rows: string[][];
  rng: Random;
  wjx: boolean;
}

function injectFault(codebook: Codebook, kind: FaultKind, ctx: FaultContext): void {
  const { quality, respondent } = codebook;
  const metaIndex = (name: string | undefined): number => (name === undefined ? -1 : ctx.header.indexOf(name));
  if (kind === 'speeder' || kind === 'speeder+attention-check') {
    const min = quality.minDurationSeconds ?? 1;
    ctx.metaCells[metaIndex(respondent.duration)] = formatDuration(ctx.rng.int(Math.max(1, Math.floor(min / 4)), Math.max(1, Math.ceil(min) - 1)), ctx.wjx);
  }
  if (kind === 'attention-check' || kind === 'speeder+attention-check') {
    const at = codebook.questions.findIndex((q) => q.id === quality.attentionCheck?.question);
    const question = codebook.questions[at];
    const expected = new Set((quality.attentionCheck?.expect ?? []).map(normalizeLabel));
    const wrong = question !== undefined && 'options' in question ? question.options.findIndex((o) => !expected.has(normalizeLabel(o))) : -1;
    ctx.answers[at] = wrong;
  }
  if (kind === 'duplicate') {
    const earlier = ctx.rows[ctx.rng.int(0, ctx.rows.length - 1)] ?? [];
    for (const name of quality.duplicateKeys ?? []) {
      const i = metaIndex(name);
      if (i >= 0) ctx.metaCells[i] = earlier[i] ?? '';
    }
  }
  if (kind === 'invalid-cell') {
    // A typo-like value of its own per row (one of 89): one value in many rows would be a codebook question
    // (validate/unknown-values.ts), not a few faulty rows.
    const variant = ctx.ordinal % 89;
    const at = codebook.questions.findIndex((q) => q.type === 'nps');
    if (at >= 0) ctx.answers[at] = String(11 + variant);
    else {
      const choice = codebook.questions.findIndex((q) => q.type === 'single' || q.type === 'likert' || q.type === 'numeric');
      const text = codebook.questions[choice]?.type === 'numeric' ? 'about' : codebook.language === 'zh' ? '不知道' : "don't know";
      ctx.answers[choice] = variant === 0 ? text : `${text} ${variant + 1}`;
    }
  }
}

function availableFaults(codebook: Codebook): FaultKind[] {
  const { quality, respondent } = codebook;
  const speeder = quality.minDurationSeconds !== undefined && quality.minDurationSeconds >= 2 && respondent.duration !== undefined;
  const attention = quality.attentionCheck !== undefined;
  const invalid = codebook.questions.some((q) => ['nps', 'single', 'likert', 'numeric'].includes(q.type));
  const kinds: FaultKind[] = [];
  if (speeder) kinds.push('speeder');
  if ((quality.duplicateKeys ?? []).length > 0) kinds.push('duplicate');
  if (invalid) kinds.push('invalid-cell');
  if (attention) kinds.push('attention-check');
  if (speeder && attention) kinds.push('speeder+attention-check');
  return kinds;
}

/** Questions other answers depend on (named in a `when`) are drawn first. */
function answerOrder(codebook: Codebook, profile: Profile): number[] {
  const first = new Set(profile.conditional.map((c) => c.when.question));
  const all = codebook.questions.map((_, i) => i);
  return [...all.filter((i) => first.has(codebook.questions[i]?.id ?? '')), ...all.filter((i) => !first.has(codebook.questions[i]?.id ?? ''))];
}

function mergeProfiles(profiles: (QuestionProfile | undefined)[]): QuestionProfile {
  let merged: QuestionProfile = {};
  for (const p of profiles) {
    if (p === undefined) continue;
    merged = { ...merged, ...p, ...(p.shares === undefined ? {} : { shares: { ...merged.shares, ...p.shares } }) };
  }
  return merged;
}

function durationBounds(profile: Profile, minDuration: number | undefined): { min: number; max: number } {
  const floor = (minDuration ?? 0) + 1;
  const min = Math.max(profile.respondent.duration?.min ?? 60, floor);
  return { min, max: Math.max(min, profile.respondent.duration?.max ?? 900) };
}

function logUniform(rng: Random, min: number, max: number): number {
  return Math.round(Math.exp(Math.log(min) + rng.next() * (Math.log(max) - Math.log(min))));
}

function formatDuration(seconds: number, wjx: boolean): string {
  return wjx ? `${seconds}秒` : String(seconds);
}

function timestamp(codebook: Codebook, i: number, total: number, rng: Random, wjx: boolean): string {
  const start = Date.parse(`${codebook.fielded?.start ?? '2024-01-01'}T08:00:00Z`);
  const end = Date.parse(`${codebook.fielded?.end ?? codebook.fielded?.start ?? '2024-01-01'}T23:00:00Z`);
  const at = new Date(start + ((end - start) * (i + rng.next())) / Math.max(1, total));
  const pad = (v: number): string => String(v).padStart(2, '0');
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
  return wjx
    ? `${at.getUTCFullYear()}/${at.getUTCMonth() + 1}/${at.getUTCDate()} ${time}`
    : `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${time}`;
}

/** A plausible, unique value for a personal column: an IP address, an e-mail, a phone number, or a token. */
function personal(name: string, rng: Random, used: Set<string>, wjx: boolean): string {
  for (;;) {
    let value: string;
    if (/ip/i.test(name)) {
      const ip = `${rng.int(36, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
      value = wjx ? `${ip}(${PLACES[rng.int(0, PLACES.length - 1)] ?? ''})` : ip;
    } else if (/mail|邮箱/i.test(name)) value = `user${rng.int(1000, 999999)}@example.com`;
    else if (/phone|mobile|手机|电话/i.test(name)) value = `13${rng.int(0, 9)}${String(rng.int(0, 99999999)).padStart(8, '0')}`;
    else value = `r${rng.int(100000, 999999)}`;
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
}

function pick(rng: Random, weights: Record<string, number>): string {
  const labels = Object.keys(weights);
  return labels[rng.weighted(labels.map((l) => weights[l] ?? 0))] ?? '';
}

function shuffle<T>(rng: Random, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
