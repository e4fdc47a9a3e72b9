/**
 * Columns that describe the sample rather than answer a question, recognised by name and values: the
 * respondent id (named like an id, values unique; R's `X` and pandas' `Unnamed: 0` row numbers too),
 * weights (named like a weight, positive numbers) and design columns (finite population corrections,
 * population sizes, strata and clusters). None of them is drafted as a question. Pure.
 */
import { normalizeLabel } from '../util/normalize-label.ts';
import type { ColumnProfile } from './column-profile.ts';

export type SampleRole = 'id' | 'weight' | 'design';

/** Share of filled cells a column's numbers must reach to count as a numeric column here. */
const NUMERIC = 0.98;

/** Header names of id columns, compared in lower case without spaces, `_`, `.`, `-` or `:`. */
const ID_NAMES = new Set(['id', 'rowid', 'serial', 'serialno', 'seqn', 'uuid', '序号', '编号', '答卷编号', '问卷编号', '样本编号', '用户编号', '用户id', '答卷id']);
/** `respondent_id`, `ResponseId`, `caseid`, `user.id`, `hh_no`, … */
const ID_PATTERN =
  /^(?:respondent|response|resp|case|record|user|participant|subject|person|pers|member|customer|interview|household|hh|sample|survey|questionnaire|row|r)(?:id|no|nr|num|number|key|code|serial)$/;
/**
 * Names that are an id only when the values are unique: R's `X`, pandas' `Unnamed: 0`, readr's `...1`,
 * `No.`, `index`, and short codes such as `snum` (school number) or `hhno`.
 */
const WEAK_ID_NAMES = /^(?:x|no|nr|index|rownames|unnamed\d+|[a-z]{1,3}(?:num|no|nr))$/;
const UNNAMED = /^\.\.\.\d+$|^unnamed:\s*\d+$/i;

/** Whether a header names an id: `strong` whatever its values, `weak` only with unique values. */
export function idLikeName(name: string): 'strong' | 'weak' | undefined {
  const normal = normalizeLabel(name);
  const key = normal.toLowerCase().replace(/[\s_.\-:]+/g, '');
  if (ID_NAMES.has(key) || ID_PATTERN.test(key) || /(?:^|[\s_.-])id$|[a-z]Id$/.test(normal) || /(?:编号|序号)$/u.test(normal)) return 'strong';
  return WEAK_ID_NAMES.test(key) || UNNAMED.test(normal) ? 'weak' : undefined;
}

/** Weights: `weight`, `wt`, `pw`, `finalweight`, `WTMEC2YR`, `权重`, … */
const WEIGHT_WORDS = new Set(['weight', 'weights', 'wt', 'wts', 'wgt', 'wgts', 'wght', 'pw', 'pwt', 'pweight', 'finalweight', 'finalwt', 'finwt', 'fweight', 'sampleweight', 'surveyweight', 'designweight']);

export function weightLikeName(name: string): boolean {
  const normal = normalizeLabel(name);
  if (/权重|加权/u.test(normal)) return true;
  // Body weight, not a survey weight.
  if (/(?:^|[^a-z])(?:kg|kgs|lb|lbs|pounds?)(?:$|[^a-z])|公斤|斤|体重/iu.test(normal)) return false;
  const words = nameWords(normal);
  return words.some((word) => WEIGHT_WORDS.has(word)) || WEIGHT_WORDS.has(words.join('')) || /^wt[a-z]*\d/.test(normal.toLowerCase());
}

/** Design columns by name alone: they never hold answers. */
const DESIGN_WORDS = new Set(['fpc', 'psu', 'ssu', 'strata', 'stratum', 'strat', 'stratid', 'strataid', 'stratumid', 'psuid', 'ssuid', 'sdmvpsu', 'sdmvstra', 'varpsu', 'varstrat', 'vpsu', 'vstrat']);
/** Population sizes, by the whole name (`N`, `Nh`, `popsize`) or one of its words (`pop_stratum`). */
const POPULATION_NAMES = new Set(['n', 'nh', 'pop', 'popsize', 'population', 'popn', 'stratumsize', 'stratsize', 'totalpop']);
const POPULATION_WORDS = new Set(['pop', 'popsize', 'population']);
/** A population size is at least this large (a stratum of fewer units is not sampled). */
const MIN_POPULATION = 100;

/**
 * Design columns: fpc, psu and strata by name; population sizes by name when they hold few distinct
 * numbers of at least `MIN_POPULATION` (one per stratum, as carData::CES11's `population` per province).
 */
function designLike(profile: ColumnProfile): boolean {
  const normal = normalizeLabel(profile.name);
  const words = nameWords(normal);
  if (words.some((word) => DESIGN_WORDS.has(word) || /^fpc\d*$/.test(word)) || /^(?:分层|层|抽样单元|初级抽样单元)$/u.test(normal)) return true;
  const population = POPULATION_NAMES.has(words.join('')) || words.some((word) => POPULATION_WORDS.has(word)) || /总体/u.test(normal);
  return population && numeric(profile) && profile.min >= MIN_POPULATION && !profile.overflow && profile.values.size * 5 <= profile.filled;
}

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

function numeric(profile: ColumnProfile): boolean {
  return profile.filled > 0 && profile.numeric >= NUMERIC * profile.filled;
}

/** What a column is to the sample, if anything. */
export function sampleRole(profile: ColumnProfile): SampleRole | undefined {
  if (idLikeName(profile.name) !== undefined && profile.unique === true && profile.filled > 0) return 'id';
  if (weightLikeName(profile.name) && numeric(profile) && profile.min > 0) return 'weight';
  if (designLike(profile)) return 'design';
  return undefined;
}

/** Columns whose repeats `init` remembers past the distinct-value cap: those that may be the id. */
export function mayBeId(name: string): boolean {
  return idLikeName(name) !== undefined;
}
