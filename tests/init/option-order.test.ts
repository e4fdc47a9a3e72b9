/** orderOptions: the order an analyst would put a question's options in, and what the draft says about it. */
import { describe, expect, it } from 'vitest';
import { orderOptions } from '../../src/init/option-order.ts';

/** Counts falling with the position given: the first label is the most chosen. */
const chosen = (...labels: string[]) => new Map(labels.map((label, i) => [label, 100 - i]));

describe('orderOptions', () => {
  it.each([
    // MASS::survey's Smoke, abbreviated: occasionally, regularly, heavy.
    [['Heavy', 'Never', 'Occas', 'Regul'], ['Never', 'Occas', 'Regul', 'Heavy']],
    // MASS::survey's Exer: none, some, frequently.
    [['Some', 'Freq', 'None'], ['None', 'Some', 'Freq']],
    [['Often', 'Never', 'Sometimes', 'Rarely', 'Always'], ['Never', 'Rarely', 'Sometimes', 'Often', 'Always']],
    [['经常', '总是', '从不', '有时', '很少'], ['从不', '很少', '有时', '经常', '总是']],
    // carData::CES11's importance of religion.
    [['somewhat', 'not', 'very', 'notvery'], ['not', 'notvery', 'somewhat', 'very']],
    [['very', 'somewhat', 'a little', 'not at all'], ['not at all', 'a little', 'somewhat', 'very']],
    // Shared last word: the modifiers are intensity words, and the bare adjective sits between somewhat and very.
    [['Very important', 'Not important', 'Important', 'Not at all important'], ['Not at all important', 'Not important', 'Important', 'Very important']],
    [['比较重要', '非常重要', '不太重要', '非常不重要'], ['非常不重要', '不太重要', '比较重要', '非常重要']],
    [['Agree', 'Strongly agree', 'Disagree', 'Strongly disagree'], ['Strongly disagree', 'Disagree', 'Agree', 'Strongly agree']],
    [['Weekly.', 'Daily.', 'Monthly.', 'Never.', 'Every few months.'], ['Never.', 'Every few months.', 'Monthly.', 'Weekly.', 'Daily.']],
  ])('puts the scale %j in its order, as a likert scale', (labels, expected) => {
    expect(orderOptions(chosen(...labels))).toMatchObject({ options: expected, by: 'words', likert: true, note: expect.stringMatching(/^ordered as .*: check$/) });
  });

  it.each([
    // carData::CES11's education.
    [['bachelors', 'college', 'HS', 'lessHS', 'somePS', 'higher'], ['lessHS', 'HS', 'somePS', 'college', 'bachelors', 'higher']],
    [['High school', 'Less than high school', "Bachelor's degree", 'Some college', 'Graduate degree'], ['Less than high school', 'High school', 'Some college', "Bachelor's degree", 'Graduate degree']],
    [['本科', '高中', '初中', '硕士', '博士', '大专', '中专', '小学'], ['小学', '初中', '高中', '中专', '大专', '本科', '硕士', '博士']],
    // Combined labels take their first level: 高中/中专 is upper secondary.
    [['本科', '高中/中专', '初中及以下', '硕士及以上', '大专'], ['初中及以下', '高中/中专', '大专', '本科', '硕士及以上']],
    // carData::WVS's poverty.
    [['Too Little', 'About Right', 'Too Much'], ['Too Little', 'About Right', 'Too Much']],
  ])('puts the ordered categories %j in order, as a single question', (labels, expected) => {
    expect(orderOptions(chosen(...labels))).toMatchObject({ options: expected, by: 'words', likert: false });
  });

  it("keeps a scale's \"Don't know\" out of its points: the likert's missing value", () => {
    expect(orderOptions(chosen('Agree', "Don't know", 'Disagree', 'Strongly agree'))).toMatchObject({
      options: ['Disagree', 'Agree', 'Strongly agree'],
      likert: true,
      missing: ["Don't know"],
    });
  });

  it('reads labels that start with their code as a rating scale, the skip answer as missing (the Jupyter survey)', () => {
    expect(orderOptions(chosen('(2) Minor.', '(0) Not a problem for me.', "N/A - skip, don't know.", '(4) Critical.', '(1) Trivial.', '(3) Major.'))).toEqual({
      options: ['(0) Not a problem for me.', '(1) Trivial.', '(2) Minor.', '(3) Major.', '(4) Critical.'],
      by: 'numbers',
      likert: true,
      missing: ["N/A - skip, don't know."],
      note: 'coded 0–4 in the labels: check',
    });
  });

  it.each([
    [['25-34', '18-24', '35+'], ['18-24', '25-34', '35+']],
    [['18-24岁', '25-30岁', '18岁以下', '41岁及以上', '31-40岁'], ['18岁以下', '18-24岁', '25-30岁', '31-40岁', '41岁及以上']],
    // carData::GSSvocab's educGroup: < before, > after.
    [['12 yrs', '13-15 yrs', '16 yrs', '<12 yrs', '>16 yrs'], ['<12 yrs', '12 yrs', '13-15 yrs', '16 yrs', '>16 yrs']],
    // Units of time: six months come before a year.
    [['1-2 years.', '2+ years.', '6-12 months.', 'Less than 6 months.'], ['Less than 6 months.', '6-12 months.', '1-2 years.', '2+ years.']],
    [['1-3个月', '3个月以上', '不到1个月'], ['不到1个月', '1-3个月', '3个月以上']],
    [['$50,000-$74,999', 'Under $25,000', '$75,000 or more', '$25,000-$49,999'], ['Under $25,000', '$25,000-$49,999', '$50,000-$74,999', '$75,000 or more']],
    // survey::nhanes' agecat as R's cut() labels it.
    [['(19,39]', '(0,19]', '(59,Inf]', '(39,59]'], ['(0,19]', '(19,39]', '(39,59]', '(59,Inf]']],
    [['10', '2', '1'], ['1', '2', '10']],
  ])('puts the numbered labels %j in the order of their numbers', (labels, expected) => {
    expect(orderOptions(chosen(...labels))).toEqual({ options: expected, by: 'numbers', likert: false });
  });

  it('puts "never" before the numbers and an answer aside after them; says where a guess was needed', () => {
    expect(orderOptions(chosen('3-5 times', 'Never', '1-2 times', 'Prefer not to say'))).toEqual({ options: ['Never', '1-2 times', '3-5 times', 'Prefer not to say'], by: 'numbers', likert: false });
    expect(orderOptions(chosen('1-2 years.', 'I stopped', '2+ years.'))).toMatchObject({ options: ['1-2 years.', '2+ years.', 'I stopped'], note: 'ordered by the numbers in the labels; where I stopped goes is a guess' });
  });

  it('keeps most chosen first where no order is known, and says it is a guess only where the labels look ordered', () => {
    expect(orderOptions(chosen('Right', 'Left', 'Neither'))).toEqual({ options: ['Right', 'Left', 'Neither'], by: 'most-chosen', likert: false });
    // Two labels sharing a word are no scale (modeldata::stackoverflow's Remote).
    expect(orderOptions(chosen('Remote', 'Not remote'))).toEqual({ options: ['Remote', 'Not remote'], by: 'most-chosen', likert: false });
    expect(orderOptions(chosen('Daily - heavy', 'Daily - moderate', 'Weekly', 'Monthly'))).toMatchObject({
      options: ['Daily - heavy', 'Daily - moderate', 'Weekly', 'Monthly'],
      by: 'most-chosen',
      note: 'most chosen first: the order is a guess; if the options are ordered, put them in order',
    });
  });
});
