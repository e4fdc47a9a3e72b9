/** sampleRole: ids, weights and design columns, by name and values, so they are not drafted as questions. */
import { describe, expect, it } from 'vitest';
import { createColumnProfiles } from '../../src/init/column-profile.ts';
import { idLikeName, mayBeId, sampleRole, weightLikeName } from '../../src/init/sample-columns.ts';

/** The profile of one column holding `cells`. */
function profile(name: string, cells: readonly string[]) {
  const profiler = createColumnProfiles([name], mayBeId);
  for (const cell of cells) profiler.push([cell]);
  return profiler.profiles[0] as NonNullable<(typeof profiler.profiles)[0]>;
}

describe('sample columns', () => {
  it.each(['id', 'ID', 'Id', 'respondent_id', 'ResponseId', 'Response ID', 'caseid', 'user.id', '序号', '编号', '答卷编号'])('%s is named like an id whatever its values', (name) => {
    expect(idLikeName(name)).toBe('strong');
  });

  it.each(['X', 'Unnamed: 0', '...1', 'snum', 'No.'])('%s is named like an id only if its values are unique', (name) => {
    expect(idLikeName(name)).toBe('weak');
  });

  it.each(['Sex', 'idea', 'paid', 'Age', 'weight'])('%s is not named like an id', (name) => {
    expect(idLikeName(name)).toBeUndefined();
  });

  it('makes a column the id only when its values are all different', () => {
    expect(sampleRole(profile('id', ['2851', '521', '2118']))).toBe('id');
    expect(sampleRole(profile('X', ['1', '2', '3']))).toBe('id');
    expect(sampleRole(profile('id', ['1', '1', '2']))).toBeUndefined();
  });

  it('keeps telling repeats past the distinct-value cap for a possible id', () => {
    const many = Array.from({ length: 2_000 }, (_, i) => String(i));
    expect(profile('respondent_id', many).unique).toBe(true);
    expect(profile('respondent_id', [...many, '7']).unique).toBe(false);
  });

  it.each(['weight', 'wt', 'WGT', 'pw', 'pweight', 'finalweight', 'final_weight', 'WTMEC2YR', '权重', '加权系数'])('%s is named like a weight', (name) => {
    expect(weightLikeName(name)).toBe(true);
  });

  it.each(['weight_kg', 'Weight (lbs)', '体重', 'height', 'wtloss'])('%s is not a survey weight', (name) => {
    expect(weightLikeName(name)).toBe(false);
  });

  it('makes a weight of positive numbers only', () => {
    expect(sampleRole(profile('weight', ['4287.85', '9230.78', '3430']))).toBe('weight');
    expect(sampleRole(profile('pw', ['33.8', '0', '33.8']))).toBeUndefined();
  });

  it('leaves out fpc, psu and strata by name, and population sizes with few distinct values', () => {
    expect(sampleRole(profile('fpc', ['757', '757']))).toBe('design');
    expect(sampleRole(profile('SDMVPSU', ['1', '2']))).toBe('design');
    expect(sampleRole(profile('stratum', ['111', '111']))).toBe('design');
    // Stata's and R's survey::fpc names: stratid, psuid.
    expect(sampleRole(profile('stratid', ['1', '1', '2']))).toBe('design');
    expect(sampleRole(profile('psuid', ['1', '2', '3']))).toBe('design');
    // carData::CES11's population: one number per province.
    const provinces = Array.from({ length: 50 }, (_, i) => String([406455, 9439960, 5996930][i % 3]));
    expect(sampleRole(profile('population', provinces))).toBe('design');
    // A population column whose every value differs is not a stratum size.
    expect(sampleRole(profile('population', ['1000', '2000', '3000', '4000', '5000']))).toBeUndefined();
    // `n` in a longer name is a count of something, not a population size.
    const fewLarge = Array.from({ length: 20 }, (_, i) => String([1500, 2500][i % 2]));
    expect(sampleRole(profile('N', fewLarge))).toBe('design');
    expect(sampleRole(profile('n_visits', fewLarge))).toBeUndefined();
  });
});
