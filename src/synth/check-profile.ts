/** A profile may only name questions and options the codebook has; a typo gets a "did you mean". */
import type { Codebook } from '../codebook/schema.ts';
import { didYouMean } from '../util/nearest.ts';
import type { Profile, QuestionProfile } from './profile-schema.ts';

export function checkProfile(codebook: Codebook, profile: Profile): string[] {
  const ids = codebook.questions.map((q) => q.id);
  const messages: string[] = [];
  const checkQuestions = (where: string, questions: Record<string, QuestionProfile>): void => {
    for (const id of Object.keys(questions)) {
      if (!ids.includes(id)) messages.push(`${where}.${id}: no question has id \`${id}\`${didYouMean(id, ids)}`);
    }
  };
  checkQuestions('questions', profile.questions);
  profile.conditional.forEach((c, i) => {
    if (!ids.includes(c.when.question)) {
      messages.push(`conditional[${i}].when.question: no question has id \`${c.when.question}\`${didYouMean(c.when.question, ids)}`);
    }
    checkQuestions(`conditional[${i}].questions`, c.questions);
  });
  return messages;
}
