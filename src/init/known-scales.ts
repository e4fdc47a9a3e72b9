/**
 * Answer scales `init` recognises whole, each ordered low to high and drafted as a likert question with all
 * its points (an unchosen point included). Scales known only word by word (frequency, intensity, education
 * levels, …) are in ordinal-words.ts.
 */
export const KNOWN_SCALES: readonly (readonly string[])[] = [
  ['非常不满意', '不满意', '一般', '满意', '非常满意'],
  ['很不满意', '不满意', '一般', '满意', '很满意'],
  ['非常不同意', '不同意', '一般', '同意', '非常同意'],
  ['非常不同意', '不同意', '中立', '同意', '非常同意'],
  ['完全不同意', '不同意', '不确定', '同意', '完全同意'],
  ['肯定不会', '可能不会', '不确定', '可能会', '肯定会'],
  ['非常不可能', '不太可能', '不确定', '比较可能', '非常可能'],
  ['非常不重要', '不重要', '一般', '重要', '非常重要'],
  ['从不', '很少', '有时', '经常', '总是'],
  ['不失望', '有点失望', '非常失望'],
  ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  ['Very dissatisfied', 'Somewhat dissatisfied', 'Neither satisfied nor dissatisfied', 'Somewhat satisfied', 'Very satisfied'],
  ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'],
  ['Strongly disagree', 'Somewhat disagree', 'Neither agree nor disagree', 'Somewhat agree', 'Strongly agree'],
  ['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree'],
  ['Very unlikely', 'Unlikely', 'Neutral', 'Likely', 'Very likely'],
  ['Extremely unlikely', 'Somewhat unlikely', 'Neither likely nor unlikely', 'Somewhat likely', 'Extremely likely'],
  ['Not at all satisfied', 'Slightly satisfied', 'Moderately satisfied', 'Very satisfied', 'Extremely satisfied'],
  ['Not at all important', 'Slightly important', 'Moderately important', 'Very important', 'Extremely important'],
  ['Never', 'Rarely', 'Sometimes', 'Often', 'Always'],
  ['Not at all', 'A little', 'Somewhat', 'Very'],
  ['Not disappointed', 'Somewhat disappointed', 'Very disappointed'],
  ['Poor', 'Fair', 'Good', 'Very good', 'Excellent'],
];
