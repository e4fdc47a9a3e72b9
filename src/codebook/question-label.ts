/** A question by name: as reports' tables name it (its label, or its id), and as charts do (its label, or its column's header, or its id). */
import type { Codebook } from './schema.ts';

export function questionLabel(codebook: Pick<Codebook, 'questions'>, id: string): string {
  return codebook.questions.find((q) => q.id === id)?.label ?? id;
}

export function questionName(codebook: Pick<Codebook, 'questions'>, id: string): string {
  const question = codebook.questions.find((q) => q.id === id);
  return question?.label ?? question?.column ?? id;
}
