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
  const ordered = new Set(['single', 'likert', 'rating', 'nps']);
  const linked = new Set(profile.linked.map((l) => l.question));
  profile.linked.forEach((link, i) => {
    const named: [string, string][] = [[`linked[${i}].question`, link.question], ...Object.keys(link.with).map((id): [string, string] => [`linked[${i}].with.${id}`, id])];
    for (const [where, id] of named) {
      const question = codebook.questions.find((q) => q.id === id);
      if (question === undefined) messages.push(`${where}: no question has id \`${id}\`${didYouMean(id, ids)}`);
      else if (!ordered.has(question.type)) messages.push(`${where}: \`${id}\` is a ${question.type} question; links join single, likert, rating or nps questions`);
    }
    for (const id of Object.keys(link.with)) {
      if (linked.has(id)) messages.push(`linked[${i}].with.${id}: \`${id}\` is itself linked; link to questions drawn on their own`);
    }
    if (profile.linked.findIndex((l) => l.question === link.question) !== i) messages.push(`linked[${i}].question: \`${link.question}\` is linked twice; keep one link per question`);
  });
  return messages;
}
